"""Sessions end after an idle period as well as at their absolute end."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
KEEP_ALIVE = reverse("session-keep-alive")


@pytest.fixture
def chief(django_user_model):
    return django_user_model.objects.create_user(
        username="chief", password="right-horse-battery", is_staff=True
    )


def signed_in(client) -> bool:
    return client.get("/admin/").status_code == 200


def test_a_session_left_idle_for_eight_hours_is_signed_out(chief):
    with time_machine.travel(START, tick=False) as clock:
        client = Client()
        client.force_login(chief)
        clock.shift(timedelta(hours=7, minutes=59))
        assert signed_in(client)

        clock.shift(timedelta(hours=8, minutes=1))
        response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert not Session.objects.exists()


@override_settings(NEWSROOM_SESSION_IDLE_HOURS=0.5)
def test_the_idle_period_is_a_setting(chief):
    with time_machine.travel(START, tick=False) as clock:
        client = Client()
        client.force_login(chief)
        clock.shift(timedelta(minutes=31))

        assert not signed_in(client)


def test_a_busy_session_still_ends_two_weeks_after_signing_in(chief):
    with time_machine.travel(START, tick=False) as clock:
        client = Client()
        client.force_login(chief)
        # A request every six hours for thirteen days and eighteen hours.
        for _ in range(55):
            clock.shift(timedelta(hours=6))
            assert signed_in(client)

        # Fourteen days and one hour after signing in; seven idle hours.
        clock.shift(timedelta(hours=7))

        assert not signed_in(client)


def test_requests_rewrite_the_session_at_most_once_a_minute(chief):
    with time_machine.travel(START, tick=False) as clock:
        client = Client()
        client.force_login(chief)
        clock.shift(timedelta(seconds=61))
        client.get("/admin/")
        written = Session.objects.get().session_data

        clock.shift(timedelta(seconds=30))
        client.get("/admin/")
        assert Session.objects.get().session_data == written

        clock.shift(timedelta(seconds=31))
        client.get("/admin/")
        assert Session.objects.get().session_data != written


def test_stay_signed_in_restarts_the_idle_period(chief):
    with time_machine.travel(START, tick=False) as clock:
        client = Client()
        client.force_login(chief)
        clock.shift(timedelta(hours=7, minutes=56))

        answer = client.post(KEEP_ALIVE)
        clock.shift(timedelta(hours=7))

        assert signed_in(client)
    ends = START + timedelta(hours=7, minutes=56) + timedelta(hours=8)
    assert answer.json() == {"ends": int(ends.timestamp() * 1000)}


def test_the_keep_alive_cannot_revive_an_ended_session_nor_be_fetched(chief):
    with time_machine.travel(START, tick=False) as clock:
        client = Client()
        client.force_login(chief)
        assert client.get(KEEP_ALIVE).status_code == 405
        clock.shift(timedelta(hours=8, minutes=1))

        answer = client.post(KEEP_ALIVE)

        assert answer.status_code == 302
        assert not signed_in(client)


def test_the_change_page_tells_its_script_when_the_session_ends(editor):
    article = ArticleFactory()
    with time_machine.travel(START, tick=False):
        client = Client()
        client.force_login(editor)
        page = client.get(reverse("admin:articles_article_change", args=[article.pk]))

    ends = int((START + timedelta(hours=8)).timestamp() * 1000)
    html = page.content.decode()
    assert f'data-session-ends="{ends}"' in html
    assert f'data-version="{article.version}"' in html
    assert "js/admin-draft-keeper.js" in html
