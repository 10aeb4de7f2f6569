from contextlib import contextmanager
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone, translation

from articles import services
from articles.models import Article
from tests.factories import ArticleFactory, BlockFactory, proofread, run_worker

# Real commits: the mail is queued when the move commits and sent by the worker.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def staff(django_user_model):
    def make(username, group, *, email=None, is_active=True):
        user = django_user_model.objects.create_user(
            username=username,
            email=f"{username}@example.com" if email is None else email,
            is_staff=True,
            is_active=is_active,
        )
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


@pytest.fixture
def reporter(staff):
    return staff("reporter", "Reporter")


@pytest.fixture
def editor(staff):
    return staff("editor", "Managing Editor")


@pytest.fixture
def article(reporter):
    article = ArticleFactory(created_by=reporter)
    BlockFactory(article=article)
    return article


@pytest.fixture
def committed(mailoutbox):
    """Keep only the mail the block causes, sent by the task worker after it."""

    @contextmanager
    def commit():
        run_worker()
        mailoutbox.clear()
        yield
        run_worker()

    return commit


def recipients(mailoutbox):
    return sorted(address for mail in mailoutbox for address in mail.to)


def test_submitting_mails_the_managing_editors_not_the_reporter(
    article, reporter, editor, staff, mailoutbox, committed
):
    deputy = staff("deputy", "Managing Editor")

    with committed():
        services.article_submit(article=article, user=reporter)

    assert recipients(mailoutbox) == sorted([editor.email, deputy.email])
    assert reporter.email not in recipients(mailoutbox)


def test_requesting_changes_mails_the_author_with_the_comment(
    article, reporter, editor, mailoutbox, committed
):
    services.article_submit(article=article, user=reporter)

    with committed():
        services.article_request_changes(
            article=article, user=editor, comment="Check the mayor's quote."
        )

    assert recipients(mailoutbox) == [reporter.email]
    assert "Check the mayor's quote." in mailoutbox[0].body


def test_publishing_mails_the_author(article, reporter, editor, mailoutbox, committed):
    services.article_submit(article=article, user=reporter)
    proofread(article, editor)
    services.article_approve(article=article, user=editor)

    with committed():
        services.article_publish(article=article, user=editor)

    assert recipients(mailoutbox) == [reporter.email]
    assert f"/admin/articles/article/{article.pk}/change/" in mailoutbox[0].body


def test_inactive_or_emailless_managing_editors_get_no_mail(
    article, reporter, editor, staff, mailoutbox, committed
):
    staff("retired", "Managing Editor", is_active=False)
    staff("no-address", "Managing Editor", email="")

    with committed():
        services.article_submit(article=article, user=reporter)

    assert recipients(mailoutbox) == [editor.email]


def test_editor_submitting_own_article_mails_only_the_other_editors(
    editor, staff, mailoutbox, committed
):
    deputy = staff("deputy", "Managing Editor")
    own = ArticleFactory(created_by=editor)

    with committed():
        services.article_submit(article=own, user=editor)

    assert recipients(mailoutbox) == [deputy.email]


def test_editor_publishing_own_article_mails_nobody(editor, mailoutbox, committed):
    own = ArticleFactory(created_by=editor)
    BlockFactory(article=own)
    services.article_submit(article=own, user=editor)
    proofread(own, editor)
    services.article_approve(article=own, user=editor)

    with committed():
        services.article_publish(article=own, user=editor)

    assert mailoutbox == []


def test_scheduling_tells_the_author_when_it_goes_live(mailoutbox, committed, user_in):
    author = user_in("Reporter", username="author")
    article = ArticleFactory(status=Article.Status.APPROVED, created_by=author)
    BlockFactory(article=article)

    with committed():
        services.article_publish(
            article=article,
            user=user_in("Managing Editor", username="boss"),
            publish_at=timezone.now() + timedelta(days=1),
        )

    [mail] = mailoutbox
    assert mail.to == ["author@example.com"]
    assert "Scheduled for" in mail.subject


def test_a_late_worker_still_says_scheduled_in_the_editors_language(
    mailoutbox, user_in
):
    author = user_in("Reporter", username="author")
    article = ArticleFactory(status=Article.Status.APPROVED, created_by=author)
    BlockFactory(article=article)
    at = timezone.now() + timedelta(hours=1)
    with translation.override("zh-hans"):
        services.article_publish(
            article=article,
            user=user_in("Managing Editor", username="boss"),
            publish_at=at,
        )

    with time_machine.travel(at + timedelta(hours=1)):
        run_worker()

    [mail] = mailoutbox
    assert mail.subject.startswith("【新闻编辑室】定时于")


def test_the_mail_waits_for_the_worker_not_the_editors_request(
    article, reporter, editor, mailoutbox
):
    services.article_submit(article=article, user=reporter)
    assert mailoutbox == []

    run_worker()
    assert recipients(mailoutbox) == [editor.email]


def test_a_rolled_back_move_mails_nobody(article, reporter, editor, mailoutbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.article_submit(article=article, user=reporter)
        raise RuntimeError("the request failed after submitting")
    article.refresh_from_db()
    services.article_lock(article=article, user=reporter)  # a later commit
    run_worker()
    assert mailoutbox == []
