import pytest
from django.core.exceptions import ValidationError

from articles import services
from articles.models import Article, Block
from tests.factories import ArticleFactory, BlockFactory

pytestmark = pytest.mark.django_db


def test_two_editors_saving_the_same_version_cannot_both_win():
    article = ArticleFactory(title_en="Original")
    mine = Article.objects.get(pk=article.pk)
    theirs = Article.objects.get(pk=article.pk)

    theirs.title_en = "Their title"
    services.article_save(article=theirs, expected_version=theirs.version)
    mine.title_en = "My title"
    with pytest.raises(services.EditConflict):
        services.article_save(article=mine, expected_version=mine.version)

    article.refresh_from_db()
    assert (article.title_en, article.version) == ("Their title", 2)


def test_set_blocks_reorders_without_breaking_unique_positions():
    article = ArticleFactory()
    first, second, third = (
        BlockFactory(article=article, position=n) for n in (1, 2, 3)
    )

    services.article_set_blocks(article=article, blocks=[third, first])

    stored = list(Block.objects.filter(article=article).order_by("position"))
    assert [(block.pk, block.position) for block in stored] == [
        (third.pk, 1),
        (first.pk, 2),
    ]
    assert not Block.objects.filter(pk=second.pk).exists()


def test_publish_refuses_an_article_with_no_paragraphs():
    article = ArticleFactory()

    with pytest.raises(ValidationError, match="Add at least one paragraph"):
        services.article_publish(article=article)

    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_publish_then_unpublish():
    article = ArticleFactory()
    BlockFactory(article=article)

    services.article_publish(article=article)
    assert Article.objects.published().filter(pk=article.pk).exists()
    first_published_at = Article.objects.get(pk=article.pk).first_published_at

    services.article_unpublish(article=article)
    assert not Article.objects.published().filter(pk=article.pk).exists()
    services.article_publish(article=article)
    article.refresh_from_db()
    assert article.first_published_at == first_published_at
