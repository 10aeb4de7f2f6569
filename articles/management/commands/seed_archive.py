"""Fill the database with a large, realistic bilingual archive, fast.

For measuring the site at scale (bench/scale.py) and for trying the admin with a
real archive's weight. Every article has an English and a Chinese title and
summary, 8–14 pairs whose two sides say the same thing (same numbers, same names:
Zhengzhou ↔ 郑州), 2–6 credits from a pool of staff, and most have photos. Photos
are rows only: a placeholder file name with its width and height, captions and
alt text in both languages, and no file on disk, so pages show a broken image
where the photo would be. Most articles are published, their first publication
spread over ten years in archive order; some are drafts or in review.

Rows go in with bulk_create, a batch of articles with their pairs, credits and
photos per transaction; that skips Block.save(), so the text is generated
already in the form sanitize_html() leaves it. Bulk writes announce nothing, so
the search index is rebuilt at the end with `manage.py rebuild_search_index`,
which indexes every published article, the seeded ones included.
"""

import random
import time
from contextlib import contextmanager
from datetime import timedelta

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from articles.models import (
    Article,
    ArticleCredit,
    Block,
    Photo,
    Publication,
    Section,
)
from pagecache.stamps import site_changed
from staffcredits.models import CreditRole, StaffMember

Status = Article.Status
Kind = Block.Kind
ARCHIVE_YEARS = 10
STAFF_POOL = 60

# (English, Chinese) pairs that fill the templates below.
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


class _Slots(dict):
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


def _pair(templates, rng: random.Random) -> tuple[str, str]:
    english, chinese = rng.choice(templates)
    values = _Slots(rng)
    return english.format_map(values), chinese.format_map(values)


def _paragraph(rng: random.Random) -> tuple[str, str]:
    sentences = [_pair(SENTENCES, rng) for _ in range(rng.randint(2, 4))]
    english = " ".join(en for en, _zh in sentences)
    chinese = "".join(zh for _en, zh in sentences)
    english = english[0].upper() + english[1:]
    return f"<p>{english}</p>", f"<p>{chinese}</p>"


@contextmanager
def _dates_as_given(*fields):
    """Let bulk_create keep the given dates of auto_now(_add) fields: an archive
    has a history, and created_at is what the admin changelist sorts by."""
    saved = [(field, field.auto_now, field.auto_now_add) for field in fields]
    for field, _now, _add in saved:
        field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class Command(BaseCommand):
    help = "Add N generated bilingual articles (default 100,000) for measuring scale."

    def add_arguments(self, parser):
        parser.add_argument("count", nargs="?", type=int, default=100_000)
        parser.add_argument(
            "--sections", type=int, default=8, help="How many sections to spread over."
        )
        parser.add_argument(
            "--batch-size", type=int, default=2000, help="Articles per transaction."
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=None,
            help="Random seed: the same seed generates the same archive.",
        )

    def handle(self, *args, count, sections, batch_size, seed, **options):
        if count < 1 or batch_size < 1:
            raise CommandError("The count and the batch size must be at least 1.")
        if not 1 <= sections <= len(SECTIONS):
            raise CommandError(f"--sections must be between 1 and {len(SECTIONS)}.")
        if seed is None:
            seed = random.SystemRandom().randint(1, 999_999)
        if seed < 0:
            raise CommandError("--seed must not be negative.")
        self.prefix = f"a{seed}-"
        if Article.objects.filter(slug__startswith=self.prefix).exists():
            raise CommandError(
                f"An archive made with seed {seed} is here already; use another --seed."
            )
        rng = random.Random(seed)
        self.roles = list(CreditRole.objects.exclude(code="voice"))
        if len(self.roles) < 6:
            raise CommandError("Credit roles are missing; run migrate first.")
        self.publication = self._publication()
        self.sections = self._sections(sections)
        self.staff = self._staff()
        # Archive order: article i was first published at start + i * step.
        self.now = timezone.now().replace(microsecond=0)
        self.start = self.now - timedelta(days=365 * ARCHIVE_YEARS)
        self.step = (self.now - self.start) / count
        self.stdout.write(
            f"Seeding {count:,} articles (seed {seed}; run again with --seed {seed} "
            "for the same archive)."
        )
        began = time.monotonic()
        done = 0
        with _dates_as_given(
            Article._meta.get_field("created_at"),
            Article._meta.get_field("updated_at"),
            Photo._meta.get_field("created_at"),
        ):
            while done < count:
                size = min(batch_size, count - done)
                self._batch(range(done, done + size), rng)
                done += size
                elapsed = time.monotonic() - began
                self.stdout.write(
                    f"  {done:,} / {count:,} articles, {done / elapsed:,.0f}/s"
                )
                self.stdout.flush()
        call_command("rebuild_search_index", stdout=self.stdout)
        if connection.vendor == "postgresql":
            # So that the planner knows the archive's size now, not at autovacuum.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        site_changed(schedule=True)
        elapsed = time.monotonic() - began
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {count:,} articles in {elapsed:,.1f} s "
                f"({count / elapsed:,.0f} articles/s)."
            )
        )

    def _publication(self) -> Publication:
        publication = Publication.objects.order_by("pk").first()
        return publication or Publication.objects.create(
            name_en="WhereZhengzhou",
            name_zh_hans="WhereZhengzhou",
            slug="wherezhengzhou",
            producer_line_zh_hans="郑州日报社·对外传播融媒体中心出品",
        )

    def _sections(self, wanted: int) -> list[Section]:
        found = []
        for order, (name_en, name_zh, slug) in enumerate(SECTIONS[:wanted]):
            section, _created = Section.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name_en,
                    "name_en": name_en,
                    "name_zh_hans": name_zh,
                    "order": order * 10,
                },
            )
            found.append(section)
        return found

    def _staff(self) -> list[StaffMember]:
        names = [
            (f"{surname} {given}", f"{surname_zh}{given_zh}")
            for surname, surname_zh in SURNAMES
            for given, given_zh in GIVEN
        ][:STAFF_POOL]
        existing = set(
            StaffMember.objects.filter(slug__startswith="archive-").values_list(
                "slug", flat=True
            )
        )
        StaffMember.objects.bulk_create(
            StaffMember(name=en, name_en=en, name_zh_hans=zh, slug=slug)
            for en, zh in names
            if (slug := f"archive-{slugify(en)}") not in existing
        )
        return list(StaffMember.objects.filter(slug__startswith="archive-"))

    def _moments(self, index: int, rng: random.Random) -> dict:
        """Return the status and dates of article `index`, in archive order."""
        published = (
            self.start + self.step * index + timedelta(minutes=rng.randint(0, 600))
        )
        roll = rng.random()
        if roll < 0.93:
            status, first = Status.PUBLISHED, published
        elif roll < 0.94:
            status, first = Status.UNPUBLISHED, published
        else:
            status = rng.choice(
                [Status.DRAFT] * 3
                + [Status.IN_REVIEW, Status.CHANGES_REQUESTED, Status.APPROVED]
            )
            # Unfinished work is recent.
            first, published = None, self.now - timedelta(hours=rng.randint(1, 2000))
        created = published - timedelta(hours=rng.randint(2, 72))
        updated = min(self.now, published + timedelta(hours=rng.randint(0, 48)))
        return {
            "status": status,
            "first_published_at": first,
            "created_at": created,
            "updated_at": updated,
        }

    def _photo(self, rng: random.Random, index: int, when) -> Photo:
        values = _Slots(rng)
        width = rng.choice([1200, 1600, 2048])
        return Photo(
            image=f"photos/archive/{self.prefix}{index}-{rng.randint(1, 99)}.jpg",
            width=width,
            height=width * rng.choice([2, 3]) // 3,
            caption_en="{place} in {season}".format_map(values),
            caption_zh_hans="{season_zh}的{place_zh}".format_map(values),
            alt_text_en="People walking through {place} on a {season} day".format_map(
                values
            ),
            alt_text_zh_hans="{season_zh}，人们在{place_zh}散步".format_map(values),
            created_at=when,
        )

    def _article(self, index: int, rng: random.Random):
        """Return an unsaved article, its blocks (by position), photos and credits."""
        title_en, title_zh = _pair(TITLES, rng)
        title_en = title_en[0].upper() + title_en[1:]
        summary_en, summary_zh = _pair(SENTENCES, rng)
        moments = self._moments(index, rng)
        article = Article(
            publication=self.publication,
            section=rng.choice(self.sections),
            slug=f"{self.prefix}{index}-{slugify(title_en)}"[:120],
            title_en=title_en,
            title_zh_hans=title_zh,
            summary_en=summary_en[0].upper() + summary_en[1:],
            summary_zh_hans=summary_zh,
            source="WhereZhengzhou",
            **moments,
        )
        photos = []
        if rng.random() < 0.6:
            article.hero_photo = self._photo(rng, index, moments["created_at"])
            photos.append(article.hero_photo)
        blocks = []
        checked = moments["status"] in (Status.PUBLISHED, Status.UNPUBLISHED)
        for position in range(1, rng.randint(8, 14) + 1):
            kind, photo = Kind.PARAGRAPH, None
            roll = rng.random()
            if position > 2 and roll < 0.06:
                kind, (en, zh) = Kind.HEADING, rng.choice(HEADINGS)
            elif position > 1 and roll < 0.1:
                quote_en, quote_zh = rng.choice(QUOTES)
                kind, en, zh = (
                    Kind.QUOTE,
                    f"<p>“{quote_en}.”</p>",
                    f"<p>“{quote_zh}。”</p>",
                )
            elif position == 4 and roll < 0.35:
                # The photo block of the body: the photo's caption says it all.
                photo = self._photo(rng, index, moments["created_at"])
                kind, en, zh = Kind.PHOTO, "", ""
                photos.append(photo)
            else:
                en, zh = _paragraph(rng)
            blocks.append(
                Block(
                    position=position,
                    kind=kind,
                    photo=photo,
                    text_en=en,
                    text_zh_hans=zh,
                    checked_en=en if checked else "",
                    checked_zh_hans=zh if checked else "",
                )
            )
        roles = rng.sample(self.roles, rng.randint(2, 6))
        credits = [
            ArticleCredit(role=role, member=rng.choice(self.staff)) for role in roles
        ]
        return article, blocks, photos, credits

    @transaction.atomic
    def _batch(self, indexes: range, rng: random.Random) -> None:
        made = [self._article(index, rng) for index in indexes]
        photos = [photo for _a, _b, batch, _c in made for photo in batch]
        # Saving a photo gives it a key; bulk_create then takes the key of every
        # related object assigned before (hero photos, photo blocks, articles).
        Photo.objects.bulk_create(photos)
        Photographers = Photo.photographers.through
        Photographers.objects.bulk_create(
            Photographers(photo_id=photo.pk, staffmember_id=rng.choice(self.staff).pk)
            for photo in photos
        )
        Article.objects.bulk_create([article for article, _b, _p, _c in made])
        blocks, credits = [], []
        for article, article_blocks, _photos, article_credits in made:
            for block in article_blocks:
                block.article = article
            for credit in article_credits:
                credit.article = article
            blocks += article_blocks
            credits += article_credits
        Block.objects.bulk_create(blocks, batch_size=5000)
        ArticleCredit.objects.bulk_create(credits, batch_size=5000)
