"""The managing editor's desk: proofreading that counts, moves that say what they
did (and when, on the newsroom's clock), scheduled articles shown as scheduled."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles import services
from articles.models import Article, ArticleEvent, Block
from tests.articles.test_admin import change_url
from tests.articles.test_dashboard import dashboard_list
from tests.factories import ArticleFactory, BlockFactory, proofread

pytestmark = pytest.mark.django_db

Status = Article.Status
BEIJING = ZoneInfo("Asia/Shanghai")
# 4 Dec 2026, 09:00 in Beijing is 01:00 UTC.
NINE_IN_BEIJING = datetime(2026, 12, 4, 9, 0, tzinfo=BEIJING)


def in_review(**fields):
    article = ArticleFactory(status=Status.IN_REVIEW, **fields)
    BlockFactory(article=article, text_en="<p>Words.</p>", text_zh_hans="<p>字。</p>")
    return Article.objects.get(pk=article.pk)


def approved(**fields):
    article = ArticleFactory(status=Status.APPROVED, **fields)
    BlockFactory(article=article, text_en="<p>Words.</p>", text_zh_hans="<p>字。</p>")
    return Article.objects.get(pk=article.pk)


def move(client, article, name, **data):
    return client.post(
        reverse("admin:articles_article_transition", args=[article.pk, name]),
        {"comment": "", "version": article.version, **data},
    )


def shown(response) -> list[str]:
    return [str(message) for message in response.wsgi_request._messages]


def text(html: str) -> str:
    """The words of `html` as a reader sees them (tags gone, spaces collapsed)."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


# 1. Proofreading counts


def test_approval_without_sign_off_is_refused_naming_what_is_missing(client, user_in):
    article = in_review()
    client.force_login(user_in("Managing Editor"))

    response = move(client, article, "approve")

    assert shown(response) == [
        "Not approved, and nothing was changed: approval needs a current "
        "proofreading sign-off in both languages. Missing: English: not "
        "proofread; Chinese: not proofread."
    ]
    article.refresh_from_db()
    assert (article.status, article.version) == (Status.IN_REVIEW, 1)
    assert not article.events.filter(action="approve").exists()


def test_an_edit_after_the_sign_off_makes_only_that_language_missing(user_in):
    chief = user_in("Managing Editor")
    article = in_review()
    proofread(article, user_in("Proofreader"))
    Block.objects.filter(article=article).update(text_en="<p>Edited words.</p>")

    with pytest.raises(services.TransitionRefused) as refused:
        services.article_approve(article=article, user=chief)

    message = " ".join(refused.value.messages)
    assert "Missing: English: 1 pair changed since it was proofread." in message
    assert "Chinese" not in message


def test_a_current_sign_off_in_both_languages_lets_the_article_be_approved(user_in):
    article = in_review()
    proofread(article, user_in("Proofreader"))

    services.article_approve(article=article, user=user_in("Managing Editor"))

    article.refresh_from_db()
    assert article.status == Status.APPROVED


def test_a_managing_editor_overrides_with_a_reason_kept_and_shown(client, user_in):
    chief = user_in("Managing Editor", username="chief")
    article = in_review(title_en="Rushed for the morning")
    client.force_login(chief)

    response = move(
        client, article, "approve", override_reason="Proofreader out sick today"
    )

    article.refresh_from_db()
    assert article.status == Status.APPROVED
    event = article.events.get(action="approve")
    assert event.override_reason == (
        "Approved without proofreading (English: not proofread; Chinese: not "
        "proofread). Reason: Proofreader out sick today"
    )
    assert "Your reason is kept in the history." in shown(response)[0]
    overrides = dashboard_list(client, chief, "overrides")
    assert "Rushed for the morning" in overrides
    assert "Proofreader out sick today" in overrides
    assert "(by chief)" in overrides
    assert "Proofreader out sick today" in client.get(change_url(article)).text


def test_a_blank_override_reason_is_no_reason(user_in):
    article = in_review()

    with pytest.raises(services.TransitionRefused, match="Missing:"):
        services.article_approve(
            article=article, user=user_in("Managing Editor"), override_reason="   "
        )

    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW


def test_only_a_managing_editor_may_override(user_in):
    approver = user_in("Text Editor")
    approver.user_permissions.add(Permission.objects.get(codename="approve_article"))
    approver = type(approver).objects.get(pk=approver.pk)
    article = in_review()

    with pytest.raises(services.TransitionForbidden):
        services.article_approve(
            article=article, user=approver, override_reason="I say so"
        )

    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    assert not article.events.filter(action="approve").exists()


def test_the_approve_form_lists_what_is_missing_and_asks_the_chief_why(client, user_in):
    article = in_review()
    client.force_login(user_in("Managing Editor"))

    html = text(client.get(change_url(article)).text)

    assert "Missing: English: not proofread; Chinese: not proofread." in html
    assert "Approve without proofreading, because" in html


def test_a_new_drafts_pairs_are_not_yet_checked_not_changed(client, user_in):
    article = ArticleFactory(status=Status.DRAFT)
    BlockFactory(article=article, text_en="<p>New.</p>", text_zh_hans="<p>新。</p>")
    client.force_login(user_in("Managing Editor"))

    html = client.get(change_url(article)).text

    assert "English not yet checked." in html
    assert "Chinese not yet checked." in html
    assert "changed since it was checked" not in html
    assert "0 pairs changed since checked" in text(html)


# 2. Clear outcomes


def test_a_sign_off_says_which_language_and_version(client, user_in):
    article = in_review()
    client.force_login(user_in("Proofreader"))

    response = client.post(
        reverse("admin:articles_article_proofread", args=[article.pk, "zh-hans"]),
        {"version": article.version},
    )

    assert shown(response) == ["Chinese signed off as proofread (version 1)."]


def test_publishing_now_says_so_and_links_the_public_page(client, user_in):
    article = approved()
    client.force_login(user_in("Managing Editor"))

    response = move(client, article, "publish")

    message = shown(response)[0]
    assert message.startswith("Published: readers can see it now.")
    assert f'<a href="{article.get_absolute_url()}">View it</a>' in message
    assert client.get(article.get_absolute_url()).status_code == 200


def test_scheduling_names_the_time_and_zone_and_links_the_preview(
    client, user_in, time_machine
):
    time_machine.move_to(datetime(2026, 12, 1, 12, 0, tzinfo=BEIJING))
    article = approved()
    client.force_login(user_in("Managing Editor"))

    response = move(client, article, "publish", publish_at="2026-12-04T09:00")

    article.refresh_from_db()
    assert article.publish_at == NINE_IN_BEIJING
    message = shown(response)[0]
    assert message.startswith(
        "Scheduled for 4 Dec 2026, 09:00 Beijing time: not public until then."
    )
    preview = reverse("admin:articles_article_preview", args=[article.pk])
    assert f'<a href="{preview}">Preview it</a>' in message


@pytest.mark.parametrize(
    ("name", "start", "said"),
    [
        ("submit", Status.DRAFT, "Submitted for review."),
        ("request_changes", Status.IN_REVIEW, "Changes requested"),
        ("unpublish", Status.PUBLISHED, "Unpublished: readers no longer see it."),
    ],
)
def test_every_other_move_says_what_happened_and_links_the_preview(
    client, user_in, name, start, said
):
    article = ArticleFactory(status=start)
    BlockFactory(article=article)
    client.force_login(user_in("Managing Editor"))

    response = move(client, article, name, comment="because")

    preview = reverse("admin:articles_article_preview", args=[article.pk])
    assert said in shown(response)[0]
    assert f'<a href="{preview}">Preview it</a>' in shown(response)[0]


def test_view_on_site_opens_the_preview_until_the_article_is_public(client, user_in):
    draft = in_review()
    live = ArticleFactory(published=True)
    client.force_login(user_in("Managing Editor"))

    draft_page = client.get(change_url(draft)).text
    live_page = client.get(change_url(live)).text

    preview = reverse("admin:articles_article_preview", args=[draft.pk])
    assert re.search(rf'href="{re.escape(preview)}" class="viewsitelink"', draft_page)
    view_on_site = re.search(r'href="([^"]+)" class="viewsitelink"', live_page)[1]
    assert client.get(view_on_site).url.endswith(live.get_absolute_url())


# 4. Time zones said out loud


def test_the_publish_field_and_history_name_the_newsrooms_zone(client, user_in):
    article = approved()
    client.force_login(user_in("Managing Editor"))

    html = text(client.get(change_url(article)).text)

    assert "Publish at, Beijing time (UTC+8) (empty: now)" in html
    assert "Times are Beijing time (UTC+8)." in html


def test_a_refused_publish_keeps_the_typed_time(client, user_in):
    article = ArticleFactory(status=Status.APPROVED)  # no paragraph: refused
    client.force_login(user_in("Managing Editor"))

    response = move(client, article, "publish", publish_at="2026-12-04T09:00")
    page = client.get(response.url).text

    assert "Add at least one paragraph." in shown(response)
    assert 'name="publish_at" value="2026-12-04T09:00"' in page
    article.refresh_from_db()
    assert (article.status, article.publish_at) == (Status.APPROVED, None)


def test_a_publish_time_that_is_not_a_time_is_refused(client, user_in):
    article = approved()
    client.force_login(user_in("Managing Editor"))

    response = move(client, article, "publish", publish_at="next Tuesday")

    assert shown(response) == [
        "“next Tuesday” is not a date and time, so nothing was done."
    ]
    article.refresh_from_db()
    assert article.status == Status.APPROVED


def test_a_scheduled_article_reads_as_scheduled_everywhere_in_the_admin(
    client, user_in, time_machine
):
    time_machine.move_to(datetime(2026, 12, 1, 12, 0, tzinfo=BEIJING))
    chief = user_in("Managing Editor")
    article = approved(title_en="Tomorrow story")
    services.article_publish(article=article, user=chief, publish_at=NINE_IN_BEIJING)
    client.force_login(chief)

    form = text(client.get(change_url(article)).text)
    changelist = text(client.get(reverse("admin:articles_article_changelist")).text)
    scheduled = text(dashboard_list(client, chief, "scheduled"))
    published = text(dashboard_list(client, chief, "published"))

    when = "4 Dec 2026, 09:00 Beijing time"
    assert f"Status: Scheduled for {when}: not public yet" in form
    assert "Status: Published" not in form
    assert f"Scheduled for {when}" in changelist
    assert f"Tomorrow story Scheduled {when}" in scheduled
    assert "Tomorrow story" not in published


def test_the_dashboard_and_history_times_name_the_zone(client, user_in):
    chief = user_in("Managing Editor")
    article = in_review()
    proofread(article, chief)
    client.force_login(chief)

    dashboard = client.get(reverse("admin:index")).text
    history = client.get(change_url(article)).text

    assert "Times are Beijing time (UTC+8)." in text(dashboard)
    event = ArticleEvent.objects.filter(article=article).first()
    assert "Beijing time</time>" in history
    assert f'datetime="{event.created_at.astimezone(BEIJING).isoformat()}"' in history
    assert 'src="/static/js/admin-timezone.js"' in dashboard
    assert "<script>" not in dashboard and "<script>" not in history
