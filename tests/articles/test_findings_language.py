"""The parser's and the checker's findings reach a Chinese desk in Chinese."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from articles.findings import translated
from bilingual.checks import check_pair
from bilingual.parser import ParseError, parse_text
from tests.factories import ArticleFactory, BlockFactory

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:articles_article_import")
STORY = (
    "Bridge opens\n"
    "大桥通车\n"
    "The bridge opened on Monday with 3 lanes.\n"
    "大桥周一通车，共有3条车道。\n"
    "A second English paragraph with no translation at all.\n"
)


def test_a_parse_finding_reads_in_english_and_translates_into_chinese():
    parsed = parse_text(STORY)
    unpaired = next(f for f in parsed.findings if f.kind == "unpaired")

    assert unpaired.message == "this English paragraph has no Chinese translation"
    with translation.override("zh-hans"):
        assert translated(unpaired.message) == "这段英文没有中文译文"


def test_a_nested_message_is_translated_through_and_through():
    (finding,) = check_pair("It has 12 floors.", "它有13层。")

    with translation.override("zh-hans"):
        assert translated(finding.message) == "英文是12，中文却是13。"


def test_the_import_preview_shows_findings_in_chinese(editor_client):
    html = editor_client.post(
        IMPORT_URL, {"text": STORY, "preview": "1"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()

    assert "这段英文没有中文译文" in html
    assert "识别为英文标题" in html
    assert "this English paragraph has no Chinese translation" not in html
    # Why each pair was made, beside its confidence, in Chinese too.
    confidences = re.findall(r'<p class="confidence">(.*?)</p>', html)
    assert "把握度100%：按长度对齐和1个相符的数字" in confidences
    assert not any(re.search(r"[A-Za-z]{3,}", shown) for shown in confidences)


def test_a_refused_file_says_why_in_chinese(editor_client):
    headlines_only = "Bridge opens\n大桥通车\n"
    with pytest.raises(ParseError):
        parse_text(headlines_only)

    html = editor_client.post(
        IMPORT_URL,
        {"text": headlines_only, "preview": "1"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    ).content.decode()

    assert "没有找到正文段落" in html
    assert "no paragraphs found" not in html


def test_the_pair_checks_on_the_change_page_are_in_chinese(editor_client):
    article = ArticleFactory()
    BlockFactory(article=article, text_en="<p>It has 12 floors.</p>", text_zh_hans="")

    html = editor_client.get(
        reverse("admin:articles_article_change", args=[article.pk]),
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    ).content.decode()

    assert "中文为空，英文却有内容。" in html


def test_a_pairing_resting_on_length_alone_is_said_in_chinese():
    parsed = parse_text(
        "Bridge opens\n大桥通车\n\nThe bridge opened to traffic this morning.\n"
        "大桥今天上午通车。\n"
    )
    paired = next(f for f in parsed.findings if f.kind == "paired")

    assert "aligned by length" in paired.message
    with translation.override("zh-hans"):
        chinese = translated(paired.message)
    assert "按长度对齐" in chinese
    assert not re.search(r"[A-Za-z]{3,}", chinese), chinese
