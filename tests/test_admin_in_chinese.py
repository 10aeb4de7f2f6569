"""The admin in Chinese is Chinese: a field says its language in words."""

import re

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory

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
