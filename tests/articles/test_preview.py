import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib import admin
from django.core import signing
from django.test import Client
from django.urls import path
from django.utils import timezone

from articles import preview
from articles.models import ArticleEvent, ShareLink
from articles.services import article_revoke_previews
from newsroom.urls import urlpatterns as site_urlpatterns
from tests.factories import ArticleFactory, BlockFactory

# The admin wires these views into ArticleAdmin; routing them here keeps these tests
# about the views, whatever the admin's URLs become.
urlpatterns = [
    path("admin-preview/<int:pk>/", admin.site.admin_view(preview.staff_preview)),
    path("admin-preview/<int:pk>/share/", admin.site.admin_view(preview.share_preview)),
    *site_urlpatterns,
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

LINK = re.compile(re.escape(settings.SITE_URL) + r"(/en/preview/[^/\"]+/)")


@pytest.fixture
def draft():
    article = ArticleFactory(title_en="Draft headline", title_zh_hans="草稿标题")
    BlockFactory(
        article=article,
        text_en="<p>Not yet public.</p>",
        text_zh_hans="<p>尚未公开。</p>",
    )
    return article


@pytest.fixture
def managing_client(client, user_in):
    client.force_login(user_in("Managing Editor"))
    return client


def share_link(client, article, days=7) -> str:
    """Create a share link through the admin page and return its path."""
    response = client.post(
        f"/admin-preview/{article.pk}/share/", {"action": "create", "days": days}
    )
    assert response.status_code == 200
    return LINK.search(response.content.decode()).group(1)


def assert_kept_out_of_caches_and_search(response):
    cache_control = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def assert_kept_private(response):
    assert_kept_out_of_caches_and_search(response)
    assert '<meta name="robots" content="noindex, nofollow">' in response.text


def test_staff_preview_shows_a_draft_with_banner_and_stays_private(
    editor_client, draft
):
    response = editor_client.get(f"/admin-preview/{draft.pk}/")

    assert response.status_code == 200
    assert "Not yet public." in response.text
    assert "尚未公开。" in response.text
    assert "Preview — Draft, not public" in response.text
    assert_kept_private(response)


def test_staff_preview_of_a_live_article_does_not_claim_it_is_hidden(editor_client):
    article = ArticleFactory(published=True)

    response = editor_client.get(f"/admin-preview/{article.pk}/")

    assert "Preview — Published, already public" in response.text


def test_staff_without_view_permission_cannot_preview(client, user_in, draft):
    client.force_login(user_in())

    response = client.get(f"/admin-preview/{draft.pk}/")

    assert response.status_code == 403


def test_reporter_can_preview_a_draft(client, user_in, draft):
    client.force_login(user_in("Reporter"))

    response = client.get(f"/admin-preview/{draft.pk}/")

    assert response.status_code == 200
    assert "Not yet public." in response.text


def test_anonymous_staff_preview_redirects_to_login(client, draft):
    response = client.get(f"/admin-preview/{draft.pk}/")

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    assert "Not yet public." not in response.text


def test_share_link_from_a_managing_editor_opens_the_draft_anonymously(
    managing_client, draft
):
    link = share_link(managing_client, draft)

    response = Client().get(link)

    assert response.status_code == 200
    assert "Not yet public." in response.text
    assert "Preview — Draft, not public" in response.text
    assert_kept_private(response)
    assert ArticleEvent.objects.filter(
        article=draft, action=ArticleEvent.Action.PREVIEW_SHARED
    ).exists()


def test_share_page_is_kept_private(managing_client, draft):
    response = managing_client.get(f"/admin-preview/{draft.pk}/share/")

    assert response.status_code == 200
    assert "Create link" in response.text
    assert "Revoke all links" in response.text
    assert_kept_private(response)


def test_opening_the_share_page_changes_nothing(managing_client, draft):
    key = draft.preview_key

    response = managing_client.get(f"/admin-preview/{draft.pk}/share/?action=revoke")

    draft.refresh_from_db()
    assert draft.preview_key == key
    assert not LINK.search(response.text)
    assert not ArticleEvent.objects.filter(article=draft).exists()


@pytest.mark.parametrize("days", [0, 31])
def test_share_link_cannot_last_outside_one_to_thirty_days(
    managing_client, draft, days
):
    response = managing_client.post(
        f"/admin-preview/{draft.pk}/share/", {"action": "create", "days": days}
    )

    assert not LINK.search(response.text)
    assert not ArticleEvent.objects.filter(article=draft).exists()


def test_tampered_token_is_not_found(client, draft):
    token = preview.make_preview_token(draft, days=7)
    tampered = ("B" if token[0] == "A" else "A") + token[1:]

    assert client.get(f"/en/preview/{tampered}/").status_code == 404


def test_expired_token_is_not_found(client, draft):
    token = preview.make_preview_token(draft, days=2)

    with time_machine.travel(timezone.now() + timedelta(days=1)):
        assert client.get(f"/en/preview/{token}/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=2, minutes=1)):
        assert client.get(f"/en/preview/{token}/").status_code == 404


def test_token_cannot_last_longer_than_thirty_days(draft):
    with pytest.raises(ValueError):
        preview.make_preview_token(draft, days=31)


def test_revoked_links_are_not_found(client, editor, draft):
    token = preview.make_preview_token(draft, days=7)

    article_revoke_previews(article=draft, user=editor)

    assert client.get(f"/en/preview/{token}/").status_code == 404


def test_managing_editor_revokes_links_from_the_share_page(managing_client, draft):
    link = share_link(managing_client, draft)

    response = managing_client.post(
        f"/admin-preview/{draft.pk}/share/", {"action": "revoke"}
    )

    assert response.status_code == 302
    assert Client().get(link).status_code == 404
    assert share_link(managing_client, draft) != link


def test_reporter_cannot_create_or_revoke_links(client, user_in, draft):
    client.force_login(user_in("Reporter"))
    key = draft.preview_key
    url = f"/admin-preview/{draft.pk}/share/"

    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "create", "days": 7}).status_code == 403
    assert client.post(url, {"action": "revoke"}).status_code == 403
    draft.refresh_from_db()
    assert draft.preview_key == key
    assert not ArticleEvent.objects.filter(
        action__in=[
            ArticleEvent.Action.PREVIEW_SHARED,
            ArticleEvent.Action.PREVIEW_REVOKED,
        ]
    ).exists()


def test_live_article_gets_its_public_address_instead_of_a_link(managing_client):
    article = ArticleFactory(published=True)

    response = managing_client.post(
        f"/admin-preview/{article.pk}/share/", {"action": "create", "days": 7}
    )

    assert settings.SITE_URL + article.get_absolute_url() in response.text
    assert not LINK.search(response.text)
    assert not ArticleEvent.objects.filter(article=article).exists()


def test_public_pages_are_not_marked_as_previews(client):
    article = ArticleFactory(published=True)

    for url in (f"/en/articles/{article.slug}/", f"/en/articles/{article.slug}/dual/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "Preview —" not in response.text
        assert "nofollow" not in response.text
        assert "X-Robots-Tag" not in response.headers
        assert "no-store" not in response.get("Cache-Control", "")


# The preview panel: the staff preview in a mode, at a width, in a frame.


def panel_url(article, query=""):
    return f"/admin/articles/article/{article.pk}/preview/panel/{query}"


def staff_url(article, query=""):
    return f"/admin/articles/article/{article.pk}/preview/{query}"


def test_staff_preview_in_english_shows_the_english_page_only(editor_client, draft):
    response = editor_client.get(staff_url(draft, "?mode=en"))

    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    assert "Not yet public." in response.text
    assert "尚未公开。" not in response.text
    assert f'data-version="{draft.version}"' in response.text
    assert_kept_private(response)


def test_staff_preview_in_chinese_shows_the_chinese_page_only(editor_client, draft):
    response = editor_client.get(staff_url(draft, "?mode=zh-hans"))

    assert '<html lang="zh-Hans">' in response.text
    assert "尚未公开。" in response.text
    assert "Not yet public." not in response.text


def test_staff_preview_is_bilingual_by_default(editor_client, draft):
    response = editor_client.get(staff_url(draft))

    assert "Not yet public." in response.text
    assert "尚未公开。" in response.text


@pytest.mark.parametrize("query", ["?mode=fr", "?width=tablet", "?mode=EN"])
def test_a_mode_or_width_the_preview_lacks_is_refused_plainly(
    editor_client, draft, query
):
    for url in (staff_url(draft, query), panel_url(draft, query)):
        response = editor_client.get(url)

        assert response.status_code == 400, url
        assert "no such mode or width" in response.text


def test_preview_panel_frames_the_saved_version_in_the_mode_and_width_asked(
    editor_client, draft
):
    response = editor_client.get(panel_url(draft, "?mode=zh-hans&width=phone"))

    assert response.status_code == 200
    html = response.text
    assert f'src="{staff_url(draft, "?mode=zh-hans")}"' in html
    assert "preview-frame--phone" in html
    assert 'data-mode="zh-hans" lang="zh-Hans" aria-current="page"' in html
    assert 'data-width="phone" aria-current="page"' in html
    assert "This is the article as last saved" in html
    assert_kept_out_of_caches_and_search(response)


def test_preview_panel_is_only_for_those_who_may_read_the_draft(client, user_in, draft):
    assert client.get(panel_url(draft)).url.startswith("/admin/login/")
    client.force_login(user_in(username="nobody"))
    assert client.get(panel_url(draft)).status_code == 403
    assert client.get(staff_url(draft)).status_code == 403


def test_a_restricted_draft_has_no_preview_for_a_reporter_not_on_it(
    client, user_in, draft
):
    draft.restricted = True
    draft.save(update_fields=["restricted"])
    client.force_login(user_in("Reporter"))

    assert client.get(panel_url(draft)).status_code == 404
    assert client.get(staff_url(draft, "?mode=en")).status_code == 404


def frame_policy(response):
    policy = response["Content-Security-Policy"]
    return next(d for d in policy.split(";") if "frame-ancestors" in d).strip()


def test_only_the_staff_preview_may_be_framed_and_only_by_this_site(
    editor_client, draft
):
    framed = editor_client.get(staff_url(draft, "?mode=en"))
    assert framed["X-Frame-Options"] == "SAMEORIGIN"
    assert frame_policy(framed) == "frame-ancestors 'self'"
    # Everything else stays unframeable: the panel itself, the change page, a
    # share link, the public page.
    published = ArticleFactory(published=True)
    token = preview.make_preview_token(draft, days=7)
    for url in (
        panel_url(draft),
        f"/admin/articles/article/{draft.pk}/change/",
        f"/en/preview/{token}/",
        f"/en/articles/{published.slug}/",
    ):
        response = editor_client.get(url)
        assert response.status_code == 200, url
        assert response["X-Frame-Options"] == "DENY", url
        assert frame_policy(response) == "frame-ancestors 'none'", url


def live_list(client, article) -> str:
    html = client.get(f"/admin-preview/{article.pk}/share/").text
    found = re.search(r'<table id="live-links".*?</table>', html, re.S)
    return found.group() if found else ""


def link_id(article, link) -> int:
    """Return the ShareLink row behind a share link's path."""
    token = link.removeprefix("/en/preview/").removesuffix("/")
    return signing.Signer(salt=preview.SALT).unsign_object(token)["l"]


def test_live_links_are_listed_with_who_made_them_and_when_they_end(
    client, user_in, draft
):
    client.force_login(user_in("Managing Editor", username="chief"))
    first, second = share_link(client, draft, days=2), share_link(client, draft)

    listed = live_list(client, draft)

    assert first in listed and second in listed
    assert listed.count("chief, ") == 2
    ends = timezone.localtime(
        ShareLink.objects.get(pk=link_id(draft, first)).expires_at
    )
    assert f'datetime="{ends.isoformat()}"' in listed
    assert "Beijing time</time>" in listed


def test_revoking_one_link_leaves_the_others_working(managing_client, draft):
    kept, revoked = (
        share_link(managing_client, draft),
        share_link(managing_client, draft),
    )

    response = managing_client.post(
        f"/admin-preview/{draft.pk}/share/",
        {"action": "revoke_link", "link": link_id(draft, revoked)},
    )

    assert response.status_code == 302
    assert Client().get(revoked).status_code == 404
    assert Client().get(kept).status_code == 200
    listed = live_list(managing_client, draft)
    assert kept in listed and revoked not in listed
    assert ArticleEvent.objects.filter(
        article=draft, action=ArticleEvent.Action.PREVIEW_LINK_REVOKED
    ).exists()


def test_a_link_of_another_article_cannot_be_revoked_from_this_one(
    managing_client, draft
):
    other = ArticleFactory(title_en="Another draft")
    BlockFactory(article=other)
    theirs = share_link(managing_client, other)

    response = managing_client.post(
        f"/admin-preview/{draft.pk}/share/",
        {"action": "revoke_link", "link": link_id(other, theirs)},
    )

    shown = [str(m) for m in response.wsgi_request._messages]
    assert shown == [
        "That link is not one of this article’s live links. Nothing was done."
    ]
    assert Client().get(theirs).status_code == 200


def test_expired_links_are_not_listed(managing_client, draft):
    link = share_link(managing_client, draft, days=1)

    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)):
        assert link not in live_list(managing_client, draft)


def test_a_reporter_cannot_revoke_one_link(client, user_in, managing_client, draft):
    link = share_link(managing_client, draft)
    client.force_login(user_in("Reporter"))

    response = client.post(
        f"/admin-preview/{draft.pk}/share/",
        {"action": "revoke_link", "link": link_id(draft, link)},
    )

    assert response.status_code == 403
    assert Client().get(link).status_code == 200


def test_every_link_has_a_copy_button_from_a_static_script(managing_client, draft):
    share_link(managing_client, draft)

    html = managing_client.get(f"/admin-preview/{draft.pk}/share/").text

    assert re.search(
        r'<button type="button" class="button" data-copy="share-link-\d+"', html
    )
    assert 'src="/static/js/admin-share.js"' in html
    assert "<script>" not in html and " style=" not in html
