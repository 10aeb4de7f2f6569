"""Article changes are announced once their transaction commits, one signal each."""

import pytest
from django.db import transaction

from articles import services
from articles.events import article_changed
from articles.models import Article, ArticleEvent
from tests.factories import ArticleFactory, BlockFactory, committed

pytestmark = pytest.mark.django_db

Action = ArticleEvent.Action


@pytest.fixture
def heard():
    """What `article_changed` said: (article id, [actions]) per signal."""
    calls = []

    def receiver(sender, article_id, events, **kwargs):
        calls.append((article_id, [event.action for event in events]))

    article_changed.connect(receiver)
    yield calls
    article_changed.disconnect(receiver)


def live_article():
    article = ArticleFactory(status=Article.Status.PUBLISHED)
    BlockFactory(article=article)
    return article


def test_one_signal_per_article_with_its_changes_in_order(editor, heard):
    first, second = live_article(), live_article()
    with committed():
        with transaction.atomic():
            services.article_save(article=first, expected_version=first.version)
            services.article_lock(article=second, user=editor)
            services.article_correct(
                article=first, user=editor, note_en="Date.", note_zh_hans="日期。"
            )
            assert heard == []  # nothing before the commit

    assert sorted(heard) == sorted(
        [(first.pk, [Action.SAVED, Action.CORRECTED]), (second.pk, [Action.LOCKED])]
    )


def test_a_change_rolled_back_is_never_announced(editor, heard):
    kept, undone = live_article(), live_article()
    with committed():
        with pytest.raises(RuntimeError), transaction.atomic():
            services.article_lock(article=undone, user=editor)
            raise RuntimeError("the request failed")
        services.article_lock(article=kept, user=editor)

    assert heard == [(kept.pk, [Action.LOCKED])]


def test_a_history_entry_written_directly_is_announced_too(editor, heard):
    article = live_article()
    with committed():
        ArticleEvent.objects.create(
            article=article, actor=editor, action=Action.UNPUBLISHED, version=1
        )

    assert heard == [(article.pk, [Action.UNPUBLISHED])]


def test_a_rolled_back_change_redone_is_announced_once_as_committed(editor):
    article = live_article()
    comments = []

    def receiver(sender, article_id, events, **kwargs):
        comments.extend(event.comment for event in events)

    article_changed.connect(receiver)
    try:
        with committed():
            with pytest.raises(RuntimeError), transaction.atomic():
                services.article_unpublish(article=article, user=editor, comment="No")
                raise RuntimeError("the request failed")
            article.refresh_from_db()
            services.article_unpublish(article=article, user=editor, comment="Yes")
    finally:
        article_changed.disconnect(receiver)

    assert comments == ["Yes"]


def test_a_failing_subscriber_is_logged_and_the_later_ones_still_hear(editor, caplog):
    heard = []

    def broken(sender, **kwargs):
        raise ConnectionError("the cache is down")

    def later(sender, article_id, **kwargs):
        heard.append(article_id)

    article_changed.connect(broken)  # first: the one after it must still hear
    article_changed.connect(later)
    article = live_article()
    try:
        with committed():
            services.article_lock(article=article, user=editor)
    finally:
        article_changed.disconnect(broken)
        article_changed.disconnect(later)

    assert heard == [article.pk]
    assert "failed on a change to article" in caplog.text
    assert Article.objects.get(pk=article.pk).locked_by == editor
