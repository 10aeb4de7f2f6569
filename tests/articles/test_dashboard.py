import re
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

Status = Article.Status
NOW = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen_now(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def staff(django_user_model):
    def make(username, group=None):
        user = django_user_model.objects.create_user(
            username=username, email=f"{username}@example.com", is_staff=True
        )
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user

    return make


def dashboard_list(client, user, key):
    """Return the HTML of one dashboard list on the admin index, or None."""
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    match = re.search(
        rf'<table id="newsroom-{key}">.*?</table>', response.text, re.DOTALL
    )
    return match and match.group()


def test_reporter_sees_own_draft_but_not_another_reporters(client, staff):
    reporter = staff("reporter", "Reporter")
    colleague = staff("colleague", "Reporter")
    mine = ArticleFactory(created_by=reporter, title_en="My lede")
    ArticleFactory(created_by=colleague, title_en="Their scoop")

    drafts = dashboard_list(client, reporter, "drafts")

    change_url = reverse("admin:articles_article_change", args=[mine.pk])
    assert f'<a href="{change_url}" lang="en">My lede</a>' in drafts
    assert "Their scoop" not in drafts


def test_draft_without_english_title_shows_chinese_title_marked_chinese(client, staff):
    reporter = staff("reporter", "Reporter")
    ArticleFactory(created_by=reporter, title_en="", title_zh_hans="郑州新闻")

    drafts = dashboard_list(client, reporter, "drafts")

    assert 'lang="zh-Hans">郑州新闻</a>' in drafts


def test_managing_editor_sees_article_in_review_waiting_for_review(client, staff):
    editor = staff("editor", "Managing Editor")
    ArticleFactory(status=Status.IN_REVIEW, title_en="Needs a look")
    ArticleFactory(status=Status.APPROVED, title_en="Signed off")
    ArticleFactory(title_en="Still a draft")

    review = dashboard_list(client, editor, "review")

    assert "Needs a look" in review
    assert "Ready to publish" in review
    assert "Signed off" in review
    assert "Still a draft" not in review


def test_reporter_has_no_review_list(client, staff):
    reporter = staff("reporter", "Reporter")
    ArticleFactory(status=Status.IN_REVIEW)

    assert dashboard_list(client, reporter, "review") is None


def test_scheduled_article_is_listed_as_scheduled_not_as_published(client, staff):
    editor = staff("editor", "Managing Editor")
    ArticleFactory(
        published=True, publish_at=NOW + timedelta(hours=2), title_en="Goes live soon"
    )
    ArticleFactory(published=True, title_en="Already live")

    scheduled = dashboard_list(client, editor, "scheduled")
    published = dashboard_list(client, editor, "published")

    assert "Goes live soon" in scheduled
    assert "Already live" not in scheduled
    assert "Already live" in published
    assert "Goes live soon" not in published


def test_user_without_article_permissions_sees_no_dashboard(client, staff):
    outsider = staff("outsider")
    outsider.user_permissions.add(Permission.objects.get(codename="view_creditrole"))
    ArticleFactory(published=True)

    client.force_login(outsider)
    response = client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert "newsroom-dashboard" not in response.text


def _fill_every_list(author, count):
    for _ in range(count):
        ArticleFactory(created_by=author)
        ArticleFactory(status=Status.IN_REVIEW)
        ArticleFactory(published=True, publish_at=NOW + timedelta(hours=2))
        ArticleFactory(published=True)


def test_index_query_count_does_not_grow_with_the_number_of_articles(
    client, staff, django_assert_max_num_queries
):
    editor = staff("editor", "Managing Editor")
    client.force_login(editor)
    _fill_every_list(editor, 2)
    client.get(reverse("admin:index"))  # warm caches outside the count

    with django_assert_max_num_queries(30) as few:
        client.get(reverse("admin:index"))
    _fill_every_list(editor, 18)
    with django_assert_max_num_queries(len(few)):
        response = client.get(reverse("admin:index"))

    shown = re.findall(r"/admin/articles/article/\d+/change/", response.text)
    assert len(shown) == 4 * 10


def test_the_chinese_dashboard_lists_chinese_titles(client, staff):
    reporter = staff("reporter", "Reporter")
    ArticleFactory(
        created_by=reporter, title_en="Bridge opens", title_zh_hans="大桥通车"
    )
    client.force_login(reporter)

    html = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="zh-hans").text

    assert 'lang="zh-Hans">大桥通车</a>' in html
    assert "Bridge opens" not in html
