# ruff: noqa: E501  (the anchor's sentences stay one to a line, as in its seed.py)
"""Build the load benchmark's site: run by bench/load.py with bench.settings.

    DJANGO_SETTINGS_MODULE=bench.settings BENCH_DIR=/tmp/x python -m bench.dataset

Migrates a fresh SQLite file, collects static files, runs `manage.py demo` (users
per role and the seed article with two photos), then adds, through the same
importer and workflow an editor uses:

- the Wagtail anchor's article (../shared/bench/wagtail-anchor/seed.py), made
  comparable: 12 pairs (English about 350 characters, Chinese about 150), a
  2400x1350 hero photo with renditions, 6 credits;
- 50 more published articles in four sections, half with a hero photo, so the
  home page lists a full page and search has many matches to rank.

Prints one JSON line with the addresses to load.
"""

import io
import json
import random

import django

django.setup()

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from PIL import Image

from articles import services
from articles.demo.photos import draw_buses, draw_skyline
from articles.importing.builder import article_import
from articles.management.commands.demo import SEED_PATH
from articles.media.images import clean_upload, photo_make_renditions
from articles.models import Article, Photo, Section
from bilingual.parser import parse_text

# The anchor's sentences; the Chinese in Simplified characters, as our site uses.
EN = [
    "The harbour ferry service resumed on Tuesday morning after a three-day suspension caused by the approaching typhoon.",
    "Transport officials said the first crossings were nearly full, with commuters queueing at the pier well before sunrise.",
    "The operator has promised to add extra sailings during the evening peak until the backlog of passengers clears.",
    "Several small businesses near the waterfront reported losses, saying the closure came during their busiest week of the season.",
    "A spokesperson for the district council said emergency grants would be made available to affected shop owners by the end of the month.",
    "Engineers inspecting the main pier found minor damage to two of the floating pontoons, which were repaired overnight.",
    "Residents of the outlying islands, who rely on the ferry for work, school and medical appointments, were hit hardest by the suspension.",
    "Some families said they had stocked up on food and water, while others stayed with relatives in the city until the service returned.",
    "The weather observatory lowered its storm signal late on Monday night as the typhoon weakened and turned away from the coast.",
    "Forecasters warned that heavy showers and strong gusts could continue through the weekend, particularly over high ground.",
    "Lawmakers are expected to question the transport bureau next week about contingency plans for future storms.",
    "Critics argue that the city has relied too heavily on a single operator and should invest in backup routes and vessels.",
    "The bureau said it had reviewed its procedures after last year's storm season and that the latest response had been faster.",
    "Passenger groups welcomed the quick reopening but called for clearer real-time information on sailing schedules.",
    "Many travellers said they learned of cancellations only after arriving at the pier, despite updates on the operator's website.",
    "The operator said a new text-message alert system, first promised two years ago, would be launched before the end of the year.",
    "Tourism officials expect visitor numbers to the islands to recover quickly, as the autumn festival season begins next month.",
    "Hotel operators on the largest island said bookings had already started to return by Tuesday afternoon.",
]
ZH = [
    "受台风影响停航三日的港口渡轮服务，于星期二早上恢复运作。",
    "运输官员表示，首班航次几乎满座，不少市民在日出前已于码头排队。",
    "营运商承诺在晚上繁忙时段加开班次，直至积压的乘客完全疏散为止。",
    "海滨一带多间小商户表示，停航正值旺季最繁忙的一周，生意损失惨重。",
    "区议会发言人说，受影响的店主可于本月底前申请紧急资助。",
    "工程人员检查主码头时，发现两个浮动趸船轻微损毁，已连夜完成维修。",
    "依赖渡轮上班、上学及复诊的离岛居民，受停航影响最为严重。",
    "有家庭表示早已储备食物和食水，亦有人暂住市区亲戚家，等候航线恢复。",
    "天文台于星期一深夜改发较低的风球信号，台风减弱并转向远离海岸。",
    "预报员提醒，周末期间仍会有大雨及强阵风，高地尤其明显。",
    "预料立法会议员下周将就日后应对风暴的应变计划质询运输局。",
    "批评者认为，当局过分依赖单一营运商，应投资后备航线及船只。",
    "运输局表示，去年风季后已检讨相关程序，今次应对速度明显加快。",
    "乘客团体欢迎航线迅速恢复，但要求提供更清晰的实时航班资讯。",
    "不少旅客表示，尽管营运商网站有更新，他们仍要到达码头才得知航班取消。",
    "营运商称，两年前承诺推出的短信提示系统将于年底前启用。",
    "旅游部门预计，随着下月秋季节庆开始，前往离岛的旅客人数将迅速回升。",
    "最大岛屿上的酒店经营者表示，星期二下午起订房已开始回升。",
]
FERRY_SLUG = "harbour-ferry-resumes"
FERRY_TITLE = (
    "Harbour ferry service resumes after three-day typhoon suspension",
    "停航三日后港口渡轮服务恢复",
)
FERRY_SUMMARY = (
    "Ferries to the outlying islands are running again after the storm signal was "
    "lowered, but businesses count their losses and lawmakers want to know why "
    "passengers were left without clear information.",
    "风球信号除下后，前往离岛的渡轮恢复航行；商户计算损失，议员追问乘客为何得不到清晰资讯。",
)
# The anchor's six credits, in our roles (its "Editor" and "Copy editor" are our
# managing editor and proofreader).
FERRY_CREDITS = [
    ("Reporter", "Chan Tai-man"),
    ("Reporter", "Sarah Lee"),
    ("Translator", "Wong Siu-ming"),
    ("Managing Editor", "James Cheung"),
    ("Photographer", "Lam Ka-yan"),
    ("Proofreader", "Priya Natarajan"),
]
SECTIONS = [
    ("economy", "Economy", "经济"),
    ("city", "City", "城市"),
    ("transport", "Transport", "交通"),
    ("culture", "Culture", "文化"),
]
HEADLINES = [
    ("Island ferries add evening sailings", "离岛渡轮晚间加开航班"),
    ("Waterfront shops count the cost of the storm", "海滨商户计算风暴损失"),
    ("Council opens emergency grants to shop owners", "区议会向店主发放紧急资助"),
    ("Factories report a strong first quarter", "工厂一季度开局强劲"),
    ("New energy buses roll off the line", "新能源客车下线"),
    ("Lawmakers question the transport bureau", "议员质询运输局"),
]
MORE_ARTICLES = 50


def paragraph(pool: list[str], start: int, target: int, sep: str) -> str:
    """Sentences from `pool` from `start` on, until about `target` characters."""
    out, i = [], start
    while True:
        candidate = sep.join([*out, pool[i % len(pool)]])
        if out and abs(len(candidate) - target) > abs(len(sep.join(out)) - target):
            return sep.join(out)
        out.append(pool[i % len(pool)])
        i += 1


def desk_text(title, summary, pairs, credits) -> str:
    """Return an article as the desk sends it: titles, summaries, pairs, credits."""
    lines = [*title, ""]
    lines += [f"Summary: {summary[0]}", f"摘要：{summary[1]}", ""]
    for english, chinese in pairs:
        lines += [english, chinese, ""]
    lines += [f"{role}丨{name}" for role, name in credits]
    return "\n".join(lines)


def hero_jpeg() -> bytes:
    """A 2400x1350 photo-sized JPEG, as the anchor's (gradient and noise)."""
    width, height = 2400, 1350
    grey = Image.linear_gradient("L").resize((width, height))
    rgb = Image.merge(
        "RGB",
        (
            grey,
            grey.rotate(90).resize((width, height)),
            grey.transpose(Image.FLIP_LEFT_RIGHT),
        ),
    )
    rng = random.Random(42)
    noise = Image.frombytes(
        "L",
        (width, height),
        bytes(rng.randrange(96, 160) for _ in range(width * height)),
    )
    rgb = Image.blend(rgb, Image.merge("RGB", (noise, noise, noise)), 0.15)
    buffer = io.BytesIO()
    rgb.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def make_photo(picture: bytes, caption: tuple[str, str]) -> Photo:
    photo = Photo(
        image=clean_upload(ContentFile(picture, name="bench.jpg")),
        caption_en=caption[0],
        caption_zh_hans=caption[1],
        alt_text_en=caption[0],
        alt_text_zh_hans=caption[1],
    )
    photo.save()
    photo_make_renditions(photo)
    return photo


@transaction.atomic
def publish(text: str, *, slug: str, section, hero, users) -> Article:
    """Import `text` as the reporter; the managing editor takes it live."""
    article = article_import(
        parsed=parse_text(text), slug=slug, created_by=users["reporter"]
    ).article
    article.section, article.hero_photo = section, hero
    services.article_save(
        article=article, expected_version=article.version, user=users["reporter"]
    )
    services.article_submit(article=article, user=users["reporter"])
    services.article_approve(
        article=article,
        user=users["editor"],
        override_reason="Generated benchmark text, never proofread.",
    )
    return services.article_publish(
        article=article,
        user=users["editor"],
        override_reason="Generated benchmark text.",
    )


def seed_pairs() -> list[tuple[str, str]]:
    """The demo seed's pairs (real newsroom copy), for variety in search."""
    parsed = parse_text(SEED_PATH.read_text(encoding="utf-8"))
    return [
        (pair.en, pair.zh_hans)
        for pair in parsed.pairs
        if pair.kind == "paragraph" and pair.en and pair.zh_hans
    ]


def main() -> None:
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("demo", no_serve=True, stdout=io.StringIO())
    users = {
        name: get_user_model().objects.get(username=name)
        for name in ("reporter", "editor")
    }
    sections = [
        Section.objects.get_or_create(
            slug=slug, defaults={"name_en": english, "name_zh_hans": chinese}
        )[0]
        for slug, english, chinese in SECTIONS
    ]
    pairs = [
        (paragraph(EN, n * 3, 350, " "), paragraph(ZH, n * 3, 150, ""))
        for n in range(12)
    ]
    ferry_hero = make_photo(
        hero_jpeg(),
        ("Passengers queue at the harbour ferry pier.", "乘客在渡轮码头排队。"),
    )
    ferry = publish(
        desk_text(FERRY_TITLE, FERRY_SUMMARY, pairs, FERRY_CREDITS),
        slug=FERRY_SLUG,
        section=sections[2],
        hero=ferry_hero,
        users=users,
    )
    heroes = [
        ferry_hero,
        make_photo(
            draw_skyline(), ("The city skyline at dusk.", "暮色中的城市天际线。")
        ),
        make_photo(draw_buses(), ("Buses on a depot yard.", "停在场地上的客车。")),
    ]
    rng = random.Random(8)
    seed = seed_pairs()
    for number in range(MORE_ARTICLES):
        headline = HEADLINES[number % len(HEADLINES)]
        title = (f"{headline[0]} ({number + 1})", f"{headline[1]}（{number + 1}）")
        count = rng.randint(6, 14)
        if number % 2:
            body = rng.sample(seed, min(count, len(seed)))
        else:
            body = [
                (
                    paragraph(EN, rng.randrange(18), 350, " "),
                    paragraph(ZH, rng.randrange(18), 150, ""),
                )
                for _ in range(count)
            ]
        credits = rng.sample(FERRY_CREDITS, 3)
        publish(
            desk_text(title, FERRY_SUMMARY, body, credits),
            slug=f"bench-{number + 1}",
            section=sections[number % len(sections)],
            hero=heroes[number % len(heroes)] if number % 2 == 0 else None,
            users=users,
        )
    print(
        json.dumps(
            {
                "article": ferry.get_absolute_url(),
                "published": Article.objects.published().count(),
            }
        )
    )


if __name__ == "__main__":
    main()
