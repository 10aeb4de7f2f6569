"""Generated bilingual text for the archive seeder: the same facts in both languages.

Each template says one thing twice, English and Chinese, with the same numbers
and names in both (Zhengzhou ↔ 郑州), so generated pairs pass the translation
checks the way a real desk's do.
"""

import random

CITIES = [
    ("Zhengzhou", "郑州"),
    ("Kaifeng", "开封"),
    ("Luoyang", "洛阳"),
    ("Xinzheng", "新郑"),
    ("Dengfeng", "登封"),
    ("Gongyi", "巩义"),
    ("Xingyang", "荥阳"),
    ("Zhongmu", "中牟"),
]
PLACES = [
    ("Zhengdong New District", "郑东新区"),
    ("Erqi Square", "二七广场"),
    ("the Yellow River scenic area", "黄河风景名胜区"),
    ("Songshan Mountain", "嵩山"),
    ("the Shaolin Temple", "少林寺"),
    ("the Henan Museum", "河南博物院"),
    ("Zhongyuan Science and Technology City", "中原科技城"),
    ("Zhengzhou East Railway Station", "郑州东站"),
    ("the Airport Economy Zone", "航空港区"),
    ("Longhu Lake", "龙湖"),
    ("the Shang Dynasty city ruins", "商代遗址"),
    ("Bishagang Park", "碧沙岗公园"),
]
INDUSTRIES = [
    ("computing power", "算力"),
    ("new energy vehicle", "新能源汽车"),
    ("hydrogen energy", "氢能源"),
    ("artificial intelligence", "人工智能"),
    ("high-tech manufacturing", "高技术制造业"),
    ("cross-border e-commerce", "跨境电商"),
    ("tourism", "旅游业"),
    ("logistics", "物流业"),
    ("modern agriculture", "现代农业"),
    ("biomedicine", "生物医药"),
    ("quantum technology", "量子科技"),
    ("food processing", "食品加工"),
]
COMPANIES = [
    ("Yutong Bus", "宇通客车"),
    ("BYD", "比亚迪"),
    ("xFusion", "超聚变"),
    ("Origin Dynamics", "中原动力"),
    ("Zhengzhou Metro", "郑州地铁"),
    ("Henan Airport Group", "河南机场集团"),
    ("Mixue", "蜜雪冰城"),
    ("Sanquan Foods", "三全食品"),
    ("Haima Automobile", "海马汽车"),
    ("Shaolin Bus", "少林客车"),
]
PEOPLE = [
    ("Li Wei", "李伟"),
    ("Wang Fang", "王芳"),
    ("Zhang Min", "张敏"),
    ("Liu Yang", "刘洋"),
    ("Chen Jing", "陈静"),
    ("Zhao Lei", "赵磊"),
    ("Sun Li", "孙丽"),
    ("Zhou Tao", "周涛"),
    ("Wu Xia", "吴霞"),
    ("Guo Ming", "郭明"),
]
ROLES = [
    ("director of the municipal bureau of commerce", "市商务局局长"),
    ("a researcher at Zhengzhou University", "郑州大学研究员"),
    ("a local resident", "当地市民"),
    ("the company's general manager", "公司总经理"),
    ("a visitor from Beijing", "来自北京的游客"),
    ("a teacher at a primary school nearby", "附近一所小学的老师"),
    ("head of the district culture and tourism bureau", "区文化和旅游局局长"),
]
PERIODS = [
    ("the first quarter", "一季度"),
    ("the first half of the year", "上半年"),
    ("the first five months", "前五个月"),
    ("last year", "去年"),
    ("the Spring Festival holiday", "春节假期"),
    ("the May Day holiday", "“五一”假期"),
    ("the National Day holiday", "国庆假期"),
]
QUOTES = [
    ("We will keep opening up to the world", "我们将继续扩大对外开放"),
    ("Innovation is the engine of our growth", "创新是我们发展的引擎"),
    ("Every visitor should feel at home here", "要让每一位游客都有宾至如归的感觉"),
    ("The river is the soul of this city", "黄河是这座城市的灵魂"),
    ("Young people bring new ideas to old crafts", "年轻人为传统手艺带来了新想法"),
    ("Our orders are full until the end of the year", "我们的订单已经排到了年底"),
]
HEADINGS = [
    ("A new engine for growth", "增长新引擎"),
    ("Old city, new life", "老城焕新颜"),
    ("From the lab to the factory floor", "从实验室到生产线"),
    ("Along the Yellow River", "黄河岸边"),
    ("What comes next", "下一步"),
    ("Voices from the street", "街头之声"),
]
# The long tail: each of these turns up in about one article in ten, as most words
# of a real archive do, where cities and industries are in nearly every story.
THINGS = [
    ("hulatang", "胡辣汤"),
    ("stewed noodles", "烩面"),
    ("Henan opera", "豫剧"),
    ("kung fu", "功夫"),
    ("Yellow River carp", "黄河鲤鱼"),
    ("Jun porcelain", "钧瓷"),
    ("Ru porcelain", "汝瓷"),
    ("woodblock prints", "木版年画"),
    ("paper lanterns", "灯笼"),
    ("peonies", "牡丹"),
    ("jujubes", "大枣"),
    ("garlic", "大蒜"),
    ("green tea", "绿茶"),
    ("Bian embroidery", "汴绣"),
    ("paper-cuts", "剪纸"),
    ("clay whistles", "泥哨"),
    ("shadow puppets", "皮影"),
    ("dough figurines", "面塑"),
    ("steamed buns", "馒头"),
    ("sesame cakes", "烧饼"),
    ("lamb soup", "羊肉汤"),
    ("dumplings", "饺子"),
    ("tofu pudding", "豆腐脑"),
    ("persimmons", "柿子"),
    ("chrysanthemums", "菊花"),
    ("kites", "风筝"),
    ("calligraphy", "书法"),
    ("erhu music", "二胡"),
    ("bronze replicas", "青铜器复制品"),
    ("tricolour pottery", "唐三彩"),
    ("jade carvings", "玉雕"),
    ("silk fans", "丝扇"),
    ("vintage bicycles", "老式自行车"),
    ("film cameras", "胶片相机"),
    ("vinyl records", "黑胶唱片"),
    ("coffee", "咖啡"),
    ("craft beer", "精酿啤酒"),
    ("electric scooters", "电动滑板车"),
    ("drone shows", "无人机表演"),
    ("robot dogs", "机器狗"),
]
SEASONS = [
    ("spring", "春天"),
    ("summer", "夏天"),
    ("autumn", "秋天"),
    ("winter", "冬天"),
]
SECTIONS = [
    ("Economy", "经济", "economy"),
    ("Culture", "文化", "culture"),
    ("Travel", "旅游", "travel"),
    ("Technology", "科技", "technology"),
    ("City life", "城市生活", "city-life"),
    ("Education", "教育", "education"),
    ("Environment", "环境", "environment"),
    ("Food", "美食", "food"),
    ("Health", "健康", "health"),
    ("History", "历史", "history"),
    ("Sport", "体育", "sport"),
    ("People", "人物", "people"),
]
SURNAMES = [
    ("Li", "李"),
    ("Wang", "王"),
    ("Zhang", "张"),
    ("Liu", "刘"),
    ("Chen", "陈"),
]
SURNAMES += [
    ("Yang", "杨"),
    ("Zhao", "赵"),
    ("Huang", "黄"),
    ("Zhou", "周"),
    ("Wu", "吴"),
]
GIVEN = [("Wei", "伟"), ("Fang", "芳"), ("Min", "敏"), ("Jing", "静"), ("Lei", "磊")]
GIVEN += [("Yang", "洋"), ("Yan", "艳"), ("Tao", "涛"), ("Ming", "明"), ("Hui", "慧")]

# Each template: (English, Chinese), filled from the same values, so both sides
# carry the same numbers and names, as a real translation does.
SENTENCES = [
    (
        "In {period}, {city}'s {industry} output rose by {pct}% year-on-year.",
        "{period_zh}，{city_zh}{industry_zh}产值同比增长{pct}%。",
    ),
    (
        "{company} produced {n:,} units, up {pct2}% from a year earlier.",
        "{company_zh}生产{n}台，同比增长{pct2}%。",
    ),
    (
        "“{quote},” said {person}, {role}.",
        "“{quote_zh}，”{role_zh}{person_zh}说。",
    ),
    (
        "More than {n:,} visitors came to {place} during {period}.",
        "{period_zh}，{place_zh}接待游客超过{n}人次。",
    ),
    (
        "The project, which began in {year}, covers {area} square kilometres.",
        "该项目于{year}年启动，占地{area}平方公里。",
    ),
    (
        "{place} has become a favourite weekend spot for families from {city}.",
        "{place_zh}已成为{city_zh}市民周末休闲的热门去处。",
    ),
    (
        "Investment in {industry} reached {money} billion yuan, "
        "according to the {city} statistics bureau.",
        "据{city_zh}市统计局数据，{industry_zh}投资达到{money_zh}亿元。",
    ),
    (
        "{person}, {role}, said the city would open {small} new {industry} "
        "parks by {year2}.",
        "{role_zh}{person_zh}表示，到{year2}年，全市将新建{small}个{industry_zh}园区。",
    ),
    (
        "Every morning along {place}, residents gather to practise tai chi.",
        "每天清晨，市民们聚在{place_zh}一带打太极拳。",
    ),
    (
        "Trains from {city} now reach Beijing in {hours} hours.",
        "从{city_zh}乘火车到北京现在只需{hours}小时。",
    ),
    (
        "At {place}, stalls selling {thing} drew long queues during {period}.",
        "{period_zh}，{place_zh}售卖{thing_zh}的摊位前排起了长队。",
    ),
    (
        "{person}, {role}, has spent {small} years on {thing}.",
        "{role_zh}{person_zh}与{thing_zh}打交道已有{small}年。",
    ),
    (
        "{company} plans to hire {small}00 engineers in {city} this year.",
        "{company_zh}计划今年在{city_zh}招聘{small}00名工程师。",
    ),
]
TITLES = [
    (
        "{city}'s {industry} sector grows {pct}% in {period}",
        "{period_zh}{city_zh}{industry_zh}增长{pct}%",
    ),
    ("{company} opens a new plant in {city}", "{company_zh}在{city_zh}新建工厂"),
    ("{n:,} visitors flock to {place}", "{place_zh}迎来{n}名游客"),
    (
        "Inside {place}: a day with the people who keep it running",
        "走进{place_zh}：守护者的一天",
    ),
    ("How {city} is betting on {industry}", "{city_zh}如何押注{industry_zh}"),
    ("{place} in {season}", "{season_zh}的{place_zh}"),
    ("The {thing} makers of {city}", "{city_zh}的{thing_zh}匠人"),
]


# Slots filled with a pair from a list: {city} and {city_zh} are Zhengzhou and 郑州.
WORD_SLOTS = {
    "city": CITIES,
    "place": PLACES,
    "industry": INDUSTRIES,
    "company": COMPANIES,
    "person": PEOPLE,
    "role": ROLES,
    "period": PERIODS,
    "quote": QUOTES,
    "season": SEASONS,
    "thing": THINGS,
}


def _money(rng: random.Random) -> tuple[str, int]:
    """Return an amount as billions of yuan and as 亿 (hundreds of millions)."""
    yi = rng.randint(5, 9_000)
    return f"{yi / 10:.1f}", yi


# Slots filled with a number: the same on both sides, or an (English, Chinese) pair.
NUMBER_SLOTS = {
    "pct": lambda rng: f"{rng.randint(1, 400) / 10:.1f}",
    "pct2": lambda rng: f"{rng.randint(1, 800) / 10:.1f}",
    "n": lambda rng: rng.randint(1_000, 2_000_000),
    "year": lambda rng: rng.randint(2008, 2024),
    "year2": lambda rng: rng.randint(2026, 2035),
    "area": lambda rng: rng.randint(2, 120),
    "money": _money,
    "small": lambda rng: rng.randint(2, 30),
    "hours": lambda rng: f"{rng.randint(15, 60) / 10:.1f}",
}


class Slots(dict):
    """Slot values chosen when a template first asks for them, so that both sides
    of a pair get the same ones and unused slots cost nothing."""

    def __init__(self, rng: random.Random):
        super().__init__()
        self.rng = rng

    def __missing__(self, key: str):
        name = key.removesuffix("_zh")
        value = (
            self.rng.choice(WORD_SLOTS[name])
            if name in WORD_SLOTS
            else NUMBER_SLOTS[name](self.rng)
        )
        if isinstance(value, tuple):
            self[name], self[f"{name}_zh"] = value
        else:
            self[name] = self[f"{name}_zh"] = value
        return self[key]


def pair(templates, rng: random.Random) -> tuple[str, str]:
    english, chinese = rng.choice(templates)
    values = Slots(rng)
    return english.format_map(values), chinese.format_map(values)


def paragraph(rng: random.Random) -> tuple[str, str]:
    sentences = [pair(SENTENCES, rng) for _ in range(rng.randint(2, 4))]
    english = " ".join(en for en, _zh in sentences)
    chinese = "".join(zh for _en, zh in sentences)
    english = english[0].upper() + english[1:]
    return f"<p>{english}</p>", f"<p>{chinese}</p>"
