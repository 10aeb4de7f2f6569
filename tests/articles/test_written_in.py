"""Which articles count as written in a language, for one-language listings."""

import pytest

from articles.models import Article
from tests.factories import ArticleFactory, BlockFactory

pytestmark = pytest.mark.django_db


def test_an_article_with_nothing_in_chinese_is_not_written_in_chinese():
    english_only = ArticleFactory(title_zh_hans="")
    BlockFactory(article=english_only, text_en="<p>Only English.</p>", text_zh_hans="")

    assert list(Article.objects.written_in("en")) == [english_only]
    assert list(Article.objects.written_in("zh-hans")) == []


def test_a_chinese_title_or_a_chinese_pair_is_enough():
    titled = ArticleFactory(title_en="")
    untitled = ArticleFactory(title_en="", title_zh_hans="")
    BlockFactory(article=untitled, text_en="", text_zh_hans="<p>只有中文。</p>")

    assert set(Article.objects.written_in("zh-hans")) == {titled, untitled}
    assert list(Article.objects.written_in("en")) == []
