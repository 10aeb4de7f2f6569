"""Hand-written English/Chinese pairs and the problems a proofreader should see."""

from dataclasses import dataclass

from bilingual.checks import GlossaryEntry


@dataclass(frozen=True, slots=True)
class Case:
    en: str
    zh: str
    expected_kinds: set[str]
    note: str


GLOSSARY = (
    GlossaryEntry("Yutong", "宇通"),
    GlossaryEntry("xFusion", "超聚变"),
    GlossaryEntry("Origin Dynamics", "中原动力"),
)

PROBLEMS = [
    Case(
        "Output rose 11.5% year on year.",
        "产量同比增长11.6%。",
        {"number_mismatch"},
        "percent off by a tenth",
    ),
    Case(
        "Zhengzhou produced 1.12 million vehicles last year.",
        "去年郑州生产汽车113万辆。",
        {"number_mismatch"},
        "million against 万, wrong digit",
    ),
    Case(
        "Henan produced 167,600 NEVs in the first quarter.",
        "一季度河南新能源汽车产量16.67万辆。",
        {"number_mismatch"},
        "transposed digits in 万",
    ),
    Case(
        "BYD made 147,000 vehicles.",
        "比亚迪生产整车1.47万辆。",
        {"number_mismatch"},
        "万 off by a factor of ten",
    ),
    Case(
        "Revenue reached 1.2 billion yuan.",
        "营收达到1.2亿元。",
        {"number_mismatch"},
        "billion rendered as 亿",
    ),
    Case(
        "Costs fell by 10 percent.",
        "成本下降了百分之二十。",
        {"number_mismatch"},
        "百分之 with the wrong numeral",
    ),
    Case(
        "The calendar has 24 solar terms.",
        "历法有二十三个节气。",
        {"number_mismatch"},
        "Chinese numeral twenty-three for 24",
    ),
    Case(
        "The city has 5,000 volunteers.",
        "全市有四千名志愿者。",
        {"number_mismatch"},
        "四千 for 5,000",
    ),
    Case(
        "It ranked 17th in the country.",
        "居全国第十八位。",
        {"number_mismatch"},
        "ordinal off by one",
    ),
    Case(
        "It is the second largest market.",
        "它是第三大市场。",
        {"number_mismatch"},
        "ordinal word against 第三",
    ),
    Case(
        "Seven carmakers are based in the city.",
        "该市拥有8家整车企业。",
        {"number_mismatch"},
        "number word against digits",
    ),
    Case(
        "Two new metro lines opened.",
        "三条地铁新线路开通。",
        {"number_mismatch"},
        "two against 三条",
    ),
    Case(
        "About 80% of output comes from the city.",
        "全省70%以上的产量来自该市。",
        {"number_mismatch"},
        "hedged percentages that still differ",
    ),
    Case(
        "The company sold 8,934 buses and 9,011 coaches.",
        "公司销售客车8934辆。",
        {"number_missing"},
        "second figure dropped",
    ),
    Case(
        "Production rose 6.85% and sales rose 16.56%.",
        "产量同比增长6.85%。",
        {"number_missing"},
        "clause with a percentage dropped",
    ),
    Case(
        "Exports rose sharply.",
        "出口大幅增长35%。",
        {"number_missing"},
        "figure only in the Chinese",
    ),
    Case(
        "Investment in high-tech manufacturing soared.",
        "高技术制造业投资增长三成，达到2000亿元。",
        {"number_missing"},
        "亿 amount only in the Chinese",
    ),
    Case(
        "The fair opens on November 13th.",
        "展会于11月14日开幕。",
        {"date_mismatch"},
        "day of month differs",
    ),
    Case(
        "Sales rose in the first quarter.",
        "二季度销量增长。",
        {"date_mismatch"},
        "first quarter against 二季度",
    ),
    Case(
        "The ceremony starts at 4:00 pm.",
        "仪式于下午五点开始。",
        {"date_mismatch"},
        "hour differs",
    ),
    Case(
        "The ceremony starts at 4 pm.",
        "仪式于上午4点开始。",
        {"date_mismatch"},
        "afternoon against morning",
    ),
    Case(
        "Founded in 2019, the firm now leads its field.",
        "这家2018年成立的企业如今领跑行业。",
        {"date_mismatch"},
        "founding year differs",
    ),
    Case(
        "The plan dates from 2009.",
        "该计划始于二〇一〇年。",
        {"date_mismatch"},
        "year written digit by digit differs",
    ),
    Case(
        "Sales in March hit a record.",
        "4月销量创纪录。",
        {"date_mismatch"},
        "month differs",
    ),
    Case(
        "The plant opened on March 3.",
        "工厂正式开业。",
        {"date_mismatch"},
        "date only in the English",
    ),
    Case(
        "The fair runs May 10-12.",
        "展会于5月10日至13日举行。",
        {"date_mismatch"},
        "end of a date range differs",
    ),
    Case(
        "Sales from January to April rose.",
        "1至5月销量增长。",
        {"date_mismatch"},
        "month range differs",
    ),
    Case(
        "Output saw a tenfold increase.",
        "产量增长了九倍。",
        {"number_mismatch"},
        "tenfold against 九倍",
    ),
    Case(
        "The studio edits the column.",
        "WhereZhengzhou工作室编辑制作。",
        {"name_missing"},
        "Latin brand only in the Chinese",
    ),
    Case(
        "It makes industrial cameras for robots.",
        "它为机器人生产3D工业相机。",
        {"name_missing"},
        "3D only in the Chinese",
    ),
    Case(
        "Leaders met at the G20 summit.",
        "领导人在峰会上会面。",
        {"name_missing"},
        "G20 dropped from the Chinese",
    ),
    Case(
        "Yutong buses are everywhere.",
        "郁通客车无处不在。",
        {"glossary"},
        "Yutong rendered with the wrong characters",
    ),
    Case(
        "xFusion filled a gap in the chain.",
        "超融合补齐了产业链的关键环。",
        {"glossary"},
        "xFusion not rendered 超聚变",
    ),
    Case(
        "Yutong sold 9,011 buses.",
        "郁通销售客车9012辆。",
        {"glossary", "number_mismatch"},
        "two problems in one pair",
    ),
    Case(
        "Zhengzhou grew fast.",
        "   ",
        {"missing_side"},
        "Chinese side blank",
    ),
    Case(
        "",
        "郑州发展迅速。",
        {"missing_side"},
        "English side empty",
    ),
    Case(
        "Zhengzhou grew fast in the first quarter.",
        "Zhengzhou grew fast in the first quarter.",
        {"wrong_language"},
        "English pasted into the Chinese side",
    ),
    Case(
        "郑州一季度发展迅速。",
        "郑州一季度发展迅速。",
        {"wrong_language"},
        "Chinese pasted into the English side",
    ),
]

FAITHFUL = [
    Case(
        "Since arriving nearly four years ago, the firm has grown fast.",
        "企业落地近4年来发展迅速。",
        set(),
        "nearly four years as 近4年",
    ),
    Case(
        "The city accounts for over 80% of the province's output.",
        "该市产量占全省的80%以上。",
        set(),
        "over 80% as 80%以上",
    ),
    Case(
        "Output reached 1.12 million units.",
        "产量达到112万辆。",
        set(),
        "1.12 million as 112万",
    ),
    Case(
        "Henan produced a total of 167,600 NEVs.",
        "河南新能源汽车累计产量16.76万辆。",
        set(),
        "167,600 as 16.76万",
    ),
    Case(
        "The base produced 147,000 vehicles.",
        "基地生产整车14.7万辆。",
        set(),
        "147,000 as 14.7万",
    ),
    Case(
        "It built 8,934 buses (a 6.85% year-on-year increase).",
        "生产客车8934辆，同比增长6.85%。",
        set(),
        "thousands separator dropped, clause reordered",
    ),
    Case(
        "Revenue reached 1.2 billion yuan.",
        "营收达到12亿元。",
        set(),
        "1.2 billion as 12亿",
    ),
    Case(
        "Investment totalled 2.3 billion yuan.",
        "投资总额达23亿元。",
        set(),
        "2.3 billion as 23亿",
    ),
    Case(
        "Production surpassed 1 million units for the first time.",
        "产量首次突破100万辆。",
        set(),
        "1 million as 100万, first time as 首次",
    ),
    Case(
        "It makes seven types of 3D industrial cameras.",
        "公司自研7款3D工业相机。",
        set(),
        "seven as 7款, 3D is a name",
    ),
    Case(
        "Henan ranked tenth nationwide.",
        "河南居全国第十位。",
        set(),
        "tenth as 第十位",
    ),
    Case(
        "The calendar has 24 solar terms.",
        "历法有二十四节气。",
        set(),
        "24 as 二十四",
    ),
    Case(
        "The city has 5,000 volunteers.",
        "全市有五千名志愿者。",
        set(),
        "5,000 as 五千",
    ),
    Case(
        "Costs fell by 10 percent.",
        "成本下降了百分之十。",
        set(),
        "10 percent as 百分之十",
    ),
    Case(
        "Two bridges cross the river.",
        "两座桥横跨河流。",
        set(),
        "two as 两座",
    ),
    Case(
        "The fair opens on November 13th.",
        "展会于11月13日开幕。",
        set(),
        "November 13th as 11月13日",
    ),
    Case(
        "On May 5, 2024, the line opened.",
        "2024年5月5日，线路开通。",
        set(),
        "full date with year",
    ),
    Case(
        "Sales rose in the first quarter.",
        "第一季度销量增长。",
        set(),
        "first quarter as 第一季度",
    ),
    Case(
        "Q1 sales rose.",
        "一季度销量增长。",
        set(),
        "Q1 as 一季度",
    ),
    Case(
        "Exports doubled in the first half.",
        "上半年出口翻番。",
        set(),
        "first half as 上半年",
    ),
    Case(
        "Profits in the first three quarters rose.",
        "前三季度利润增长。",
        set(),
        "first three quarters as 前三季度",
    ),
    Case(
        "The ceremony starts at 4:00 pm.",
        "仪式于下午四点开始。",
        set(),
        "4:00 pm as 下午四点",
    ),
    Case(
        "The ceremony starts at 4 pm.",
        "仪式于16:00开始。",
        set(),
        "4 pm as 16:00",
    ),
    Case(
        "Founded in 2019, the company has made remarkable strides.",
        "这家2019年成立的企业发展迅速。",
        set(),
        "Founded in 2019 as 2019年成立",
    ),
    Case(
        "Last year the city's output grew.",
        "去年，该市产量增长。",
        set(),
        "last year as 去年, no number",
    ),
    Case(
        "Autos are one of the city's pillar industries.",
        "汽车产业是该市支柱产业之一。",
        set(),
        "one of as 之一",
    ),
    Case(
        "The city is among the nation's top auto hubs.",
        "郑州迈入全国第一方阵。",
        set(),
        "第一方阵 is idiom, not a ranking",
    ),
    Case(
        "Another name shines: Yutong.",
        "另一张名片同样熠熠生辉：宇通。",
        set(),
        "另一张 is not a count",
    ),
    Case(
        "The industry has a full sense of innovation.",
        "产业“含新量”十足。",
        set(),
        "十足 is not ten",
    ),
    Case(
        "The province is its second-largest city.",
        "这是全省第二大城市。",
        set(),
        "second-largest as 第二大",
    ),
    Case(
        "Goals for the 14th Five-Year Plan were met.",
        "十四五规划目标顺利完成。",
        set(),
        "十四五 is the 14th Five-Year Plan",
    ),
    Case(
        "The plant runs twenty-four hours a day.",
        "工厂24小时运转。",
        set(),
        "twenty-four as 24",
    ),
    Case(
        "BYD is leading the charge.",
        "比亚迪正领跑赛道。",
        set(),
        "BYD rendered in characters",
    ),
    Case(
        "BYD's 3D camera plant is in Zhongyuan.",
        "BYD在Zhongyuan的3D相机工厂。",
        set(),
        "Chinese side full of Latin names is still Chinese",
    ),
    Case(
        "The new energy vehicle sector shines.",
        "NEV产业熠熠生辉。",
        set(),
        "NEV spelt out in English",
    ),
    Case(
        "Yutong Bus and Origin Dynamics exhibited.",
        "宇通客车和中原动力参展。",
        set(),
        "glossary renderings present",
    ),
    Case(
        "xFusion is a global leader in computing.",
        "超聚变是全球领先的算力企业。",
        set(),
        "xFusion rendered 超聚变",
    ),
    Case(
        "The fair runs May 10-12.",
        "展会于5月10日至12日举行。",
        set(),
        "date range sharing one month",
    ),
    Case(
        "Sales from January to April rose.",
        "1至4月销量增长。",
        set(),
        "month range as 1至4月",
    ),
    Case(
        "It holds dozens of patents.",
        "拥有数十项专利。",
        set(),
        "数十 is vague, like dozens",
    ),
    Case(
        "Over the past decade, the city grew.",
        "过去十年，城市发展壮大。",
        set(),
        "decade as 十年",
    ),
    Case(
        "Second-tier cities are catching up.",
        "二线城市正在迎头赶上。",
        set(),
        "second-tier as 二线",
    ),
    Case(
        "It made 1.1 million cars.",
        "生产汽车112万辆。",
        set(),
        "rounded to the stated precision is only info",
    ),
]

CASES = PROBLEMS + FAITHFUL
