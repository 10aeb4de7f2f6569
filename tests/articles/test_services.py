from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles import services
from articles.models import Article, Block
from tests.factories import ArticleFactory, BlockFactory, proofread

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


def test_publish_refuses_an_approved_article_with_no_paragraphs(user_in):
    article = ArticleFactory(status=Article.Status.APPROVED)

    with pytest.raises(ValidationError, match="Add at least one paragraph"):
        services.article_publish(article=article, user=user_in("Managing Editor"))

    article.refresh_from_db()
    assert article.status == Article.Status.APPROVED


def test_publishing_again_keeps_the_first_publication_date(user_in):
    chief = user_in("Managing Editor")
    article = ArticleFactory(status=Article.Status.APPROVED)
    BlockFactory(article=article)
    services.article_publish(article=article, user=chief)
    first_published_at = article.first_published_at

    services.article_unpublish(article=article, user=chief, comment="Legal check")
    assert not Article.objects.published().filter(pk=article.pk).exists()
    services.article_submit(article=article, user=chief)
    proofread(article, chief)
    services.article_approve(article=article, user=chief)
    services.article_publish(article=article, user=chief)

    article.refresh_from_db()
    assert article.first_published_at == first_published_at
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_a_schedule_taken_back_before_its_time_is_not_the_first_publication(user_in):
    chief = user_in("Managing Editor")
    article = ArticleFactory(status=Article.Status.APPROVED)
    BlockFactory(article=article)
    services.article_publish(
        article=article, user=chief, publish_at=timezone.now() + timedelta(days=1)
    )

    # Published now instead: taken back, through review again, then published.
    services.article_unpublish(article=article, user=chief, comment="Today instead")
    services.article_submit(article=article, user=chief)
    proofread(article, chief)
    services.article_approve(article=article, user=chief)
    before = timezone.now()
    services.article_publish(article=article, user=chief)

    article.refresh_from_db()
    assert before <= article.first_published_at <= timezone.now()
