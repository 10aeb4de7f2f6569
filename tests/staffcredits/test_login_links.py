"""Only a managing editor (or a superuser) links a person to a login.

A linked login puts that person's name in the byline of every article it
creates, so a reporter who linked themselves to a colleague would sign as them.
"""

import pytest

from staffcredits.models import StaffMember

pytestmark = pytest.mark.django_db

ADD = "/admin/staffcredits/staffmember/add/"


def change_url(member):
    return f"/admin/staffcredits/staffmember/{member.pk}/change/"


def form(member=None, **fields):
    """The admin form as posted: the person's names and slug, plus `fields`."""
    data = {
        "name_en": member.name_en if member else "Wang Fang",
        "name_zh_hans": member.name_zh_hans if member else "王芳",
        "note_en": "",
        "note_zh_hans": "",
        "slug": member.slug if member else "wang-fang",
    }
    return data | fields


@pytest.fixture
def colleague(user_in):
    """A login somebody might want to sign as."""
    return user_in("Reporter", username="colleague")


@pytest.fixture
def wang(db):
    return StaffMember.objects.create(
        name_en="Wang Fang", name_zh_hans="王芳", slug="wang-fang"
    )


def signed_in(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", ["Managing Editor", "superuser"])
def test_a_managing_editor_or_superuser_links_a_person_to_a_login(
    client, user_in, django_user_model, wang, colleague, role
):
    if role == "superuser":
        user = django_user_model.objects.create_superuser("root", "r@example.com", "x")
    else:
        user = user_in(role)
    signed_in(client, user)
    assert 'name="user"' in client.get(change_url(wang)).content.decode()

    response = client.post(change_url(wang), form(wang, user=colleague.pk))
    assert response.status_code == 302
    wang.refresh_from_db()
    assert wang.user == colleague

    client.post(change_url(wang), form(wang, user=""))
    wang.refresh_from_db()
    assert wang.user is None


def test_a_text_editor_sees_the_login_but_cannot_change_it(
    client, user_in, wang, colleague
):
    editor = user_in("Text Editor")
    wang.user = colleague
    wang.save()
    signed_in(client, editor)
    page = client.get(change_url(wang)).content.decode()
    assert 'name="user"' not in page
    assert "colleague" in page  # shown, read-only

    for tampered in (editor.pk, ""):  # to their own login, or unlinked
        response = client.post(
            change_url(wang), form(wang, name_en="Wang Fang Jr", user=tampered)
        )
        assert response.status_code == 302
        wang.refresh_from_db()
        assert wang.name_en == "Wang Fang Jr"  # the rest of the form is saved
        assert wang.user == colleague


def test_a_reporter_adds_a_person_but_not_their_login(client, user_in, colleague):
    reporter = user_in("Reporter")
    signed_in(client, reporter)
    assert 'name="user"' not in client.get(ADD).content.decode()

    response = client.post(ADD, form(user=colleague.pk))
    assert response.status_code == 302
    member = StaffMember.objects.get(slug="wang-fang")
    assert member.user is None
    colleague.refresh_from_db()
    assert not hasattr(colleague, "staff_member")
