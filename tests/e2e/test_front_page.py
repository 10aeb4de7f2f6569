"""The front page in real Chromium on a phone and a desktop: the lead photo and the
thumbnails load at the width they are shown, the menu reaches every section,
nothing scrolls sideways, axe finds nothing, and nothing is asked of another site.
"""

import mimetypes
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.utils import timezone

from articles.demo.logo import give_logo
from tests.articles.test_photos import make_photo
from tests.e2e.helpers import violations, wait_until, watch_csp
from tests.factories import ArticleFactory, PublicationFactory, SectionFactory

from .test_reading import ARTIFACTS, no_sideways_scroll

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SECTIONS = [
    ("economy", "Economy", "经济"),
    ("culture", "Culture", "文化"),
    ("city-life", "City life", "城市生活"),
    ("technology", "Technology", "科技"),
    ("environment", "Environment", "环境"),
    ("sport", "Sport", "体育"),
    ("opinion", "Opinion", "观点"),
]
# The lead photo's width on screen (site.css): the column on a phone, 3/5 of the
# 74rem column less the gap on a desktop; a thumbnail is 6rem.
LEAD_WIDTH = {375: 375 - 32, 1280: 0.6 * (74 - 1.5) * 16}
THUMBNAIL_WIDTH = 6 * 16
IMAGES = "[...document.querySelectorAll('main img')]"


@pytest.fixture
def front():
    """A publication with its logo, seven sections, three photographed stories in
    each, and a lead story with a wide photo."""
    give_logo(PublicationFactory(name_en="WhereZhengzhou", name_zh_hans="知郑州"))
    now = timezone.now()
    photo = make_photo(1200, 800)
    for number, (slug, english, chinese) in enumerate(SECTIONS):
        section = SectionFactory(
            slug=slug, name_en=english, name_zh_hans=chinese, order=number
        )
        for day in range(1, 4):
            ArticleFactory(
                published=True,
                first_published_at=now - timedelta(days=day, hours=number),
                section=section,
                hero_photo=photo,
                title_en=f"{english}: a story from {day} days ago",
                title_zh_hans=f"{chinese}：{day}天前的报道",
            )
    ArticleFactory(
        published=True,
        first_published_at=now,
        section=SectionFactory(slug="economy"),
        hero_photo=make_photo(
            1600,
            1000,
            alt_text_en="Buses lined up at the plant.",
            alt_text_zh_hans="工厂里排成一列的客车。",
        ),
        title_en="Zhengzhou's industry gathers pace",
        title_zh_hans="郑州工业跑出加速度",
        summary_en="A quarter of breakthroughs in computing power and new energy.",
        summary_zh_hans="一季度，算力与新能源领域捷报频传。",
    )


def serve_media(route):
    """Answer /media/ as the file server in front of uploads would."""
    name = urlsplit(route.request.url).path.removeprefix(settings.MEDIA_URL)
    path = Path(settings.MEDIA_ROOT, name)
    if not path.is_file():
        route.fulfill(status=404)
        return
    route.fulfill(
        body=path.read_bytes(),
        headers={"Content-Type": mimetypes.guess_type(path.name)[0] or ""},
    )


def open_front(page, live_server, width: int, language: str):
    """Open the front page at `width`, noting every address the page asks for."""
    page.set_viewport_size({"width": width, "height": 900})
    watch_csp(page)
    page.asked = []
    page.on("request", lambda request: page.asked.append(request.url))
    page.route(f"**{settings.MEDIA_URL}**", serve_media)
    page.goto(f"{live_server.url}/{language}/")


@pytest.mark.parametrize(("width", "language"), [(375, "zh-hans"), (1280, "en")])
def test_front_page_loads_its_photos_reaches_every_section_and_passes_axe(
    live_server, page, front, width, language
):
    open_front(page, live_server, width, language)

    # The lead photo is there at once, in the rendition for its width on screen.
    lead = page.locator(".front-lead img")
    wait_until(page, "document.querySelector('.front-lead img').naturalWidth > 0")
    shown = lead.evaluate("img => img.getBoundingClientRect().width")
    assert shown == pytest.approx(LEAD_WIDTH[width], abs=1)
    source = lead.evaluate("img => img.currentSrc")
    chosen = int(source.rsplit("-", 1)[1].split(".")[0])
    assert chosen == (480 if width == 375 else 960)  # the narrowest one wide enough
    assert source.endswith(".webp")

    # The thumbnails load as the reader comes to them, each at its reserved size.
    thumbnails = page.locator(".article-list__thumb img")
    assert thumbnails.count() == 7 * 3  # each section's three; the lead is apart
    for thumbnail in thumbnails.all():
        thumbnail.scroll_into_view_if_needed()
    wait_until(page, f"{IMAGES}.every(img => img.complete && img.naturalWidth > 0)")
    widths = thumbnails.evaluate_all(
        "imgs => imgs.map(img => img.getBoundingClientRect().width)"
    )
    assert set(widths) == {THUMBNAIL_WIDTH}

    # Every section is in the menu, on screen, in the page's language.
    page.evaluate("window.scrollTo(0, 0)")
    links = page.locator(".section-menu a")
    names = [
        english if language == "en" else chinese for _, english, chinese in SECTIONS
    ]
    assert links.all_inner_texts() == names
    for link in links.all():
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        assert box["height"] >= 24  # a finger can hit it
    assert page.locator(".site-header__logo").evaluate("img => img.naturalWidth") > 0

    assert no_sideways_scroll(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / f"front-page-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    assert violations(page) == []
    assert [url for url in page.asked if not url.startswith(live_server.url)] == []


def test_a_section_from_the_menu_opens_marked_as_current(live_server, page, front):
    open_front(page, live_server, 375, "en")

    page.locator(".section-menu").get_by_role("link", name="Sport").click()

    page.wait_for_url("**/en/sections/sport/")
    current = page.locator(".section-menu [aria-current='page']")
    assert current.inner_text() == "Sport"
    assert page.locator(".article-list__thumb img").count() == 3
    assert no_sideways_scroll(page)
