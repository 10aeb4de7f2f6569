"""Signing in to the admin: throttled guessing, fresh sessions, leavers signed out."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
START = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
# Addresses from the documentation ranges: nothing is ever sent to them.
HOME, OFFICE, CAFE = "198.51.100.7", "203.0.113.20", "192.0.2.33"


@pytest.fixture
def chief(django_user_model):
    return django_user_model.objects.create_user(
        username="chief", password="right-horse-battery", is_staff=True
    )


@pytest.fixture
def deputy(django_user_model):
    return django_user_model.objects.create_user(
        username="deputy", password="staple-correct-9", is_staff=True
    )


def sign_in(username, password, address, client=None, **headers):
    return (client or Client()).post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )


def signed_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_five_wrong_passwords_pause_the_account_until_the_cool_off_passes(
    chief, deputy
):
    with time_machine.travel(START, tick=False) as clock:
        # Spread over five addresses: no single address reaches the limit.
        for number in range(5):
            refused = sign_in("chief", "guess", f"198.51.100.{number + 10}")
        assert refused.status_code == 429

        clock.shift(timedelta(minutes=10))
        paused = sign_in("chief", "right-horse-battery", OFFICE)
        assert paused.status_code == 429
        assert "Too many sign-in attempts" in paused.content.decode()
        assert "Try again after 09:15, in about 5 minutes." in paused.content.decode()
        assert paused["Retry-After"] == "300"
        assert "no-store" in paused["Cache-Control"]
        # Someone else, elsewhere, is not affected.
        assert signed_in(sign_in("deputy", "staple-correct-9", CAFE))

        clock.shift(timedelta(minutes=5, seconds=1))
        assert signed_in(sign_in("chief", "right-horse-battery", OFFICE))


def test_attempts_during_the_pause_do_not_extend_it(chief):
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(5):
            sign_in("chief", "guess", HOME)
        for _ in range(3):
            clock.shift(timedelta(minutes=4))
            assert sign_in("chief", "guess again", HOME).status_code == 429

        clock.shift(timedelta(minutes=3, seconds=1))
        assert signed_in(sign_in("chief", "right-horse-battery", OFFICE))


def test_guessing_many_accounts_from_one_address_pauses_that_address(chief, deputy):
    with time_machine.travel(START, tick=False):
        for name in ("ann", "bo", "chen", "dai", "chief"):
            sign_in(name, "password1", CAFE)

        blocked = sign_in("deputy", "staple-correct-9", CAFE)
        assert blocked.status_code == 429
        assert signed_in(sign_in("deputy", "staple-correct-9", HOME))


def test_behind_our_proxy_each_reader_is_counted_by_their_own_address(
    settings, chief, deputy
):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    proxy = "127.0.0.1"
    with time_machine.travel(START, tick=False):
        for name in ("ann", "bo", "chen", "dai", "eve"):
            sign_in(name, "password1", proxy, HTTP_X_FORWARDED_FOR=CAFE)

        # Another reader behind the same proxy still signs in …
        assert signed_in(
            sign_in("deputy", "staple-correct-9", proxy, HTTP_X_FORWARDED_FOR=HOME)
        )
        # … and the guesser cannot pose as them: the proxy appends the real address.
        spoofed = sign_in(
            "chief",
            "right-horse-battery",
            proxy,
            HTTP_X_FORWARDED_FOR=f"{HOME}, {CAFE}",
        )
        assert spoofed.status_code == 429


def test_signing_in_replaces_the_session_a_visitor_arrived_with(client, chief):
    planted = client.session
    planted["theme"] = "dark"
    planted.save()
    planted_key = planted.session_key

    assert signed_in(sign_in("chief", "right-horse-battery", HOME, client=client))

    new_key = client.cookies["sessionid"].value
    assert new_key != planted_key
    assert not Session.objects.filter(session_key=planted_key).exists()
    # Whoever planted the old key is not signed in with it.
    attacker = Client()
    attacker.cookies["sessionid"] = planted_key
    assert attacker.get("/admin/").status_code == 302
    assert client.get("/admin/").status_code == 200


def test_deactivating_a_user_ends_every_session_they_have(chief, deputy):
    laptop, phone, colleague = Client(), Client(), Client()
    assert signed_in(sign_in("chief", "right-horse-battery", HOME, client=laptop))
    assert signed_in(sign_in("chief", "right-horse-battery", HOME, client=phone))
    assert signed_in(sign_in("deputy", "staple-correct-9", OFFICE, client=colleague))
    chief_keys = {laptop.cookies["sessionid"].value, phone.cookies["sessionid"].value}

    chief.is_active = False
    chief.save()

    assert not Session.objects.filter(session_key__in=chief_keys).exists()
    for browser in (laptop, phone):
        response = browser.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)
    assert colleague.get("/admin/").status_code == 200

    # Reactivation does not bring the old sessions back.
    chief.is_active = True
    chief.save()
    assert laptop.get("/admin/").status_code == 302
