import pytest

from articles.models import Block
from articles.sanitize import sanitize_html
from tests.factories import BlockFactory

PAYLOADS = [
    '<img src=x onerror="alert(1)">',
    "<script>alert(1)</script>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "<svg><script>alert(1)</script></svg>",
    '<svg onload="alert(1)"></svg>',
    "<math><mtext><script>alert(1)</script></mtext></math>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<form action="https://evil.example"><input name="q"></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<iframe src="https://evil.example"></iframe>',
    '<p onclick="alert(1)">x</p>',
    "<style>body{display:none}</style>",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_neutralised(payload):
    cleaned = sanitize_html(payload).lower()

    for dangerous in (
        "<script",
        "onerror",
        "onload",
        "onclick",
        "javascript:",
        "data:",
        "style",
        "<form",
        "<input",
        "<meta",
        "<base",
        "<iframe",
        "<svg",
        "<math",
    ):
        assert dangerous not in cleaned


def test_allowed_formatting_survives():
    html = '<p><strong>Bold</strong> <em>it</em> <a href="https://x.cn">link</a></p>'

    assert sanitize_html(html) == (
        "<p><strong>Bold</strong> <em>it</em> "
        '<a href="https://x.cn" rel="noopener noreferrer">link</a></p>'
    )


def test_headings_keep_inline_formatting_but_no_paragraphs():
    assert sanitize_html("<p>Title <em>now</em></p>", inline=True) == (
        "Title <em>now</em>"
    )


@pytest.mark.django_db
def test_every_save_sanitises_both_languages():
    block = BlockFactory(
        text_en='<p onclick="x()">Hi</p>',
        text_zh_hans="<p>你好<script>x()</script></p>",
    )

    block.refresh_from_db()
    assert (block.text_en, block.text_zh_hans) == ("<p>Hi</p>", "<p>你好</p>")


@pytest.mark.django_db
def test_a_heading_is_stored_without_paragraph_tags():
    block = BlockFactory(kind=Block.Kind.HEADING, text_en="<p>A heading</p>")

    block.refresh_from_db()
    assert block.text_en == "A heading"
