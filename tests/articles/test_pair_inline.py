"""The change page's pair editor as the server draws it: headings, keys, languages."""

import pytest
from django.contrib.auth.models import Permission

from tests.factories import ArticleFactory, BlockFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    article = ArticleFactory()
    BlockFactory(article=article, position=1)
    return article


def change_page(client, article) -> str:
    response = client.get(f"/admin/articles/article/{article.pk}/change/")
    assert response.status_code == 200
    return response.text


def test_the_pairs_are_headed_by_each_language_in_its_own_name(editor_client, article):
    html = change_page(editor_client, article)

    assert '<th class="column-text_en"><span lang="en">English</span></th>' in html
    assert (
        '<th class="column-text_zh_hans"><span lang="zh-Hans">中文</span></th>' in html
    )
    assert 'id="pair-keys"' in html
    assert "<kbd>Alt</kbd>+<kbd>↓</kbd> next pair" in html


def test_each_paired_field_of_the_article_says_its_language(editor_client, article):
    html = change_page(editor_client, article)

    for name, lang in (
        ("title_en", "en"),
        ("title_zh_hans", "zh-Hans"),
        ("summary_en", "en"),
        ("summary_zh_hans", "zh-Hans"),
    ):
        start = html.index(f'<textarea name="{name}"')
        tag = html[start : html.index(">", start)]
        assert f'lang="{lang}"' in tag, name
    # A headline is one line; its box wraps it rather than hiding its end.
    title = html[html.index('<textarea name="title_en"') :]
    assert 'rows="1"' in title[: title.index(">")]


def test_no_keys_are_offered_to_someone_who_may_only_read(client, user_in, article):
    reader = user_in(username="reader")
    reader.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_article", "view_block"])
    )
    client.force_login(reader)

    html = change_page(client, article)

    assert 'id="pair-keys"' not in html
    assert '<span lang="zh-Hans">中文</span>' in html
