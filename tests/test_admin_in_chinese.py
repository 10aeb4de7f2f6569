"""The admin in Chinese is Chinese: a field says its language in words."""

import re
from html import unescape

import pytest
from django.urls import reverse

from partners.models import ApiToken
from tests.articles.test_photos import make_photo
from tests.factories import (
    ArticleFactory,
    BlockFactory,
    PublicationFactory,
    SectionFactory,
    narrate,
)

pytestmark = pytest.mark.django_db


def labels(html: str) -> set[str]:
    return {
        label.rstrip(":：")
        for label in re.findall(r"<label[^>]*>([^<]+)</label>", html)
    }


def test_translated_fields_are_labelled_by_language_name_in_chinese(editor_client):
    article = ArticleFactory()

    html = editor_client.get(
        reverse("admin:articles_article_change", args=[article.pk]),
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    ).content.decode()

    assert {"英文标题", "中文标题", "英文摘要", "中文摘要"} <= labels(html)
    assert "[zh-hans]" not in html and "[en]" not in html


def test_translated_fields_are_labelled_by_language_name_in_english(editor_client):
    article = ArticleFactory()

    html = editor_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()

    assert {"English title", "Chinese title", "Chinese summary"} <= labels(html)
    assert "[zh-hans]" not in html and "[en]" not in html


# Names that are the same in Chinese text: formats, standards and products.
LATIN_IN_CHINESE = {"API", "Webhook", "JPEG", "PNG", "WebP", "GIF", "UTF", "Word"}
LATIN_IN_CHINESE |= {"txt", "docx", "Alt", "Shift", "UTC"}


def english_words(html: str) -> set[str]:
    """Return the Latin words a reader sees on a page, user-written text aside."""
    html = re.sub(r"<(script|style|svg|textarea|title)\b.*?</\1>", "", html, flags=re.S)
    # Text marked as English is meant to be: a language's own name, English text.
    html = re.sub(r'<(\w+)\b[^>]*\blang="en"[^>]*>.*?</\1>', "", html, flags=re.S)
    text = unescape(re.sub(r"<[^>]+>", " ", html))
    return set(re.findall(r"[A-Za-z]{3,}", text)) - LATIN_IN_CHINESE


def test_no_english_is_left_on_the_chinese_admin_pages(client, user_in):
    client.force_login(user_in("Managing Editor", username="主编"))
    section = SectionFactory()
    article = ArticleFactory(
        publication=PublicationFactory(name_zh_hans="郑州之窗"),
        section=section,
        title_en="Bridge opens",
        title_zh_hans="大桥通车",
    )
    BlockFactory(article=article)
    pages = [
        reverse("admin:index"),
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_article_add"),
        reverse("admin:articles_article_import"),
        reverse("admin:articles_article_history", args=[article.pk]),
        reverse("admin:articles_photo_changelist"),
        reverse("admin:articles_photo_add"),
        reverse("admin:staffcredits_staffmember_changelist"),
    ]

    left = {
        page: words
        for page in pages
        if (
            words := english_words(
                client.get(page, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
            )
        )
    }

    assert left == {}


def test_the_chinese_article_list_shows_chinese_titles(editor_client):
    ArticleFactory(title_en="Bridge opens", title_zh_hans="大桥通车")
    ArticleFactory(title_en="Only in English", title_zh_hans="")

    html = editor_client.get(
        reverse("admin:articles_article_changelist"), HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()

    assert "大桥通车" in html and "Bridge opens" not in html
    assert "Only in English" in html


def test_every_admin_list_names_the_newsrooms_clock(
    client, django_user_model, settings, tmp_path
):
    settings.MEDIA_ROOT = str(tmp_path)
    client.force_login(
        django_user_model.objects.create_superuser("root", "r@example.com", "pw-root-1")
    )
    make_photo()
    narrate(ArticleFactory())
    token = ApiToken(name="Partner")
    token.set_new_token()
    token.save()

    for page in (
        reverse("admin:articles_photo_changelist"),
        reverse("admin:articles_narration_changelist"),
        reverse("admin:partners_apitoken_changelist"),
    ):
        english = client.get(page).text
        chinese = client.get(page, HTTP_ACCEPT_LANGUAGE="zh-hans").text
        assert "Beijing time" in english, page
        assert "北京时间" in chinese, page
