"""Credits on the import page: nothing shared is added unless an editor ticks it."""

from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles import services
from articles.importing.builder import article_import
from articles.importing.credits import Consent, format_people, read_people
from articles.models import Article
from bilingual.parser import Credit, Person, parse_text
from staffcredits.models import CreditRole, StaffMember
from tests.articles.test_import_page import proposal_data
from tests.factories import StaffMemberFactory

pytestmark = pytest.mark.django_db

URL = reverse("admin:articles_article_import")
TEXT = (
    "Why Zhengzhou keeps surprising visitors 郑州为何总让人惊喜?\n"
    "\n"
    "Factories opened across the region.\n"
    "全区新开了许多工厂。\n"
    "\n"
    "Reporter丨Yang Han\n"
    "Music丨Zhang San\n"
)


def shared_lists():
    """Return how many roles and staff members the newsroom has."""
    return CreditRole.objects.count(), StaffMember.objects.count()


def credit_rows(response):
    """Return each credit row as shown: label, names, new role?, new people ticked."""
    return [
        {
            "label": row["form"]["label"].value(),
            "names": row["form"]["names"].value(),
            "new_role": row["review"].role is None,
            "offered": row["form"]["offered"].value(),
            "ticked": row["form"]["add_people"].value(),
            "role_ticked": bool(row["form"]["add_role"].value()),
        }
        for row in response.context["credit_rows"]
    ]


def messages_of(response):
    return [str(message) for message in response.wsgi_request._messages]


@pytest.fixture
def preview(editor_client):
    return editor_client.post(URL, {"text": TEXT, "preview": "1"})


def test_the_preview_offers_a_new_person_ticked_and_a_new_role_unticked(preview):
    html = preview.content.decode()

    assert credit_rows(preview) == [
        {
            "label": "Reporter",
            "names": "Yang Han",
            "new_role": False,
            "offered": ["Yang Han"],
            "ticked": ["Yang Han"],
            "role_ticked": False,
        },
        {
            "label": "Music",
            "names": "Zhang San",
            "new_role": True,
            "offered": ["Zhang San"],
            "ticked": [],
            "role_ticked": False,
        },
    ]
    assert '<ul class="import-credits">' in html
    assert html.count('class="import-credit"') == 2
    assert "New role: add “Music” to the credit roles" in html
    assert 'name="credit-1-add_role" id="id_credit-1-add_role">' in html
    assert 'value="Yang Han" id="id_credit-0-add_people_0" checked>' in html


def test_a_known_person_is_not_offered(editor_client):
    StaffMemberFactory(name_en="Yang Han", slug="yang-han")

    response = editor_client.post(URL, {"text": TEXT, "preview": "1"})

    assert credit_rows(response)[0]["offered"] == []
    assert (
        "add to the staff list"
        not in response.content.decode()
        .split('id="credit-1"')[0]
        .split('id="credit-0"')[1]
    )


def test_preview_and_edits_write_nothing_to_the_shared_lists(editor_client, preview):
    before = shared_lists()
    data = proposal_data(preview, **{"credit-1-add_role": "on"})

    ticked = editor_client.post(URL, data | {"edit": "merge:0"})
    removed = editor_client.post(URL, proposal_data(ticked, edit="credit-remove:0"))
    retyped = editor_client.post(
        URL, proposal_data(removed, edit="swap:0", **{"credit-0-names": "Li Si"})
    )

    assert shared_lists() == before
    assert Article.objects.count() == 0
    assert [row["label"] for row in credit_rows(removed)] == ["Music"]
    assert credit_rows(retyped)[0]["role_ticked"] is True


def test_creating_the_draft_adds_only_the_person_under_a_known_role(
    editor_client, preview
):
    roles, people = shared_lists()

    response = editor_client.post(URL, proposal_data(preview, create="1"))

    article = Article.objects.get()
    assert [(c.role.code, c.member.name_en) for c in article.credits.all()] == [
        ("reporter", "Yang Han")
    ]
    assert shared_lists() == (roles, people + 1)
    assert article.credits_to_resolve == "Music丨Zhang San"
    assert [m for m in messages_of(response) if "Music" in m] == [
        "Line 7: no credit role is called “Music”; the credit was kept under "
        "Credits to resolve."
    ]


def test_a_ticked_role_and_person_are_added(editor_client, preview):
    data = proposal_data(
        preview, **{"credit-1-add_role": "on", "credit-1-add_people": ["Zhang San"]}
    )

    editor_client.post(URL, data | {"create": "1"})

    article = Article.objects.get()
    music = CreditRole.objects.get(label_en="Music")
    assert article.credits.get(role=music).member.name_en == "Zhang San"
    assert article.credits_to_resolve == ""


def test_a_person_under_a_role_left_unticked_is_not_added(editor_client, preview):
    data = proposal_data(preview, **{"credit-1-add_people": ["Zhang San"]})

    editor_client.post(URL, data | {"create": "1"})

    assert not StaffMember.objects.filter(name_en="Zhang San").exists()
    assert not CreditRole.objects.filter(label_en="Music").exists()
    assert Article.objects.get().credits_to_resolve == "Music丨Zhang San"


def test_an_unticked_new_person_is_kept_to_resolve(editor_client, preview):
    data = proposal_data(preview, **{"credit-0-add_people": []})

    editor_client.post(URL, data | {"create": "1"})

    article = Article.objects.get()
    assert not StaffMember.objects.exists()
    assert not article.credits.exists()
    assert article.credits_to_resolve == "Reporter丨Yang Han\nMusic丨Zhang San"


def test_a_removed_credit_leaves_no_trace_on_the_draft(editor_client, preview):
    removed = editor_client.post(URL, proposal_data(preview, edit="credit-remove:1"))

    response = editor_client.post(URL, proposal_data(removed, create="1"))

    article = Article.objects.get()
    assert article.credits_to_resolve == ""
    assert [c.member.name_en for c in article.credits.all()] == ["Yang Han"]
    assert not any("Music" in message for message in messages_of(response))


def test_a_label_typed_in_the_preview_is_read_as_that_role(editor_client, preview):
    data = proposal_data(
        preview, **{"credit-1-label": "Photographer", "credit-1-names": "Ma Jian"}
    )

    edited = editor_client.post(URL, data | {"edit": "merge:0"})
    editor_client.post(URL, proposal_data(edited, create="1"))

    assert credit_rows(edited)[1] == {
        "label": "Photographer",
        "names": "Ma Jian",
        "new_role": False,
        "offered": ["Ma Jian"],
        "ticked": ["Ma Jian"],
        "role_ticked": False,
    }
    credits = Article.objects.get().credits.all()
    assert {(c.role.code, c.member.name_en) for c in credits} == {
        ("reporter", "Yang Han"),
        ("photographer", "Ma Jian"),
    }


def test_a_name_typed_and_created_at_once_is_added_under_a_known_role(
    editor_client, preview
):
    data = proposal_data(preview, **{"credit-0-names": "Yang Han, Li Si"})

    editor_client.post(URL, data | {"create": "1"})

    credits = Article.objects.get().credits.order_by("position")
    assert [c.member.name_en for c in credits] == ["Yang Han", "Li Si"]


def test_a_role_typed_without_names_is_refused_with_a_reason(editor_client, preview):
    data = proposal_data(preview, **{"credit-1-label": ""})

    response = editor_client.post(URL, data | {"create": "1"})

    assert response.status_code == 200
    assert "Name the role, or remove the credit." in response.content.decode()
    assert Article.objects.count() == 0
    assert StaffMember.objects.count() == 0


def test_a_person_is_matched_by_their_name_in_the_other_script(editor_client, preview):
    known = StaffMemberFactory(name_en="Wang Xiao", slug="wang-xiao")
    data = proposal_data(preview, **{"credit-0-names": "王晓 Wang Xiao"})

    edited = editor_client.post(URL, data | {"edit": "merge:0"})
    editor_client.post(URL, proposal_data(edited, create="1"))

    assert credit_rows(edited)[0]["offered"] == []
    assert Article.objects.get().credits.get().member == known


def test_a_new_person_keeps_both_names():
    parsed = parse_text(
        "A paragraph in English for the readers.\n一段写给读者的中文。\n"
    )
    credit = Credit("reporter", "记者", (Person("王晓", "", "Wang Xiao"),), 3)

    article = article_import(parsed=replace(parsed, credits=(credit,))).article

    member = article.credits.get().member
    assert (member.name_zh_hans, member.name_en, member.slug) == (
        "王晓",
        "Wang Xiao",
        "wang-xiao",
    )


@pytest.mark.parametrize(
    ("names", "people"),
    [
        ("王晓 Wang Xiao", (Person("王晓", "", "Wang Xiao"),)),
        ("Wang Xiao 王晓", (Person("Wang Xiao", "", "王晓"),)),
        (
            "Benjamin Curwen (英国), Ann Lee",
            (Person("Benjamin Curwen", "英国"), Person("Ann Lee", "")),
        ),
        ("张三、李四", (Person("张三", ""), Person("李四", ""))),
        ("Where Zhengzhou工作室", (Person("Where Zhengzhou工作室", ""),)),
    ],
)
def test_the_names_field_reads_back_what_it_shows(names, people):
    assert read_people(names) == people
    assert format_people(people) == names


def test_publishing_is_refused_while_credits_wait_to_be_resolved(user_in):
    parsed = parse_text(
        "Why the city grows 城市为何发展\n\n"
        "The city grew fast last year.\n这座城市去年发展很快。\n"
        "Music丨Zhang San\n"
    )
    article = article_import(parsed=parsed).article
    Article.objects.filter(pk=article.pk).update(status=Article.Status.APPROVED)
    article.refresh_from_db()
    chief = user_in("Managing Editor")

    with pytest.raises(ValidationError, match="empty “Credits to resolve”"):
        services.article_publish(article=article, user=chief)

    article.credits_to_resolve = ""
    article.save()
    services.article_publish(article=article, user=chief)
    assert article.status == Article.Status.PUBLISHED


def test_the_change_page_shows_the_credits_to_resolve_with_a_note(
    editor_client, preview
):
    editor_client.post(URL, proposal_data(preview, create="1"))
    article = Article.objects.get()

    page = editor_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    )
    html = page.content.decode()

    assert 'class="fieldset-heading">Credits to resolve</h2>' in html
    assert "did not add their role or people" in html
    assert ">\nMusic丨Zhang San</textarea>" in html


def test_the_change_page_has_no_credits_to_resolve_box_when_none_wait(editor_client):
    data = {"text": TEXT.replace("Music丨Zhang San\n", ""), "create": "1"}
    editor_client.post(URL, data)
    article = Article.objects.get()

    page = editor_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    )

    assert 'name="credits_to_resolve"' not in page.content.decode()


def test_default_consent_adds_people_but_no_roles():
    credits = [Credit("music", "Music", (Person("Zhang San", ""),), 1)]

    assert Consent.default(credits) == Consent(people=frozenset({"Zhang San"}))
    assert Consent.default(credits, add_roles=True).roles == {"Music"}


def test_the_proposals_are_offered_in_chinese_to_a_chinese_editor(editor_client):
    response = editor_client.post(
        URL, {"text": TEXT, "preview": "1"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )

    html = response.content.decode()
    assert "新角色：把“Music”加入署名角色" in html
    assert "新人员：加入人员名单" in html


def test_a_refused_import_adds_no_role_or_person():
    parsed = parse_text(
        "A paragraph in English for the readers.\n一段写给读者的中文。\n"
        "NB: " + "this translation is free " * 15 + "\n"
        "Music丨Zhang San\n"
    )
    before = shared_lists()

    with pytest.raises(ValidationError, match="at most 300 fit"):
        article_import(
            parsed=parsed, consent=Consent.default(parsed.credits, add_roles=True)
        )

    assert shared_lists() == before
    assert Article.objects.count() == 0


def test_a_reporter_cannot_add_a_role_even_by_ticking_it_in_a_forged_post(
    client, user_in
):
    client.force_login(user_in("Reporter"))
    preview = client.post(URL, {"text": TEXT, "preview": "1"})
    roles, people = shared_lists()

    assert "only a managing editor can add it" in preview.content.decode()
    assert 'name="credit-1-add_role"' not in preview.content.decode()
    data = proposal_data(
        preview, **{"credit-1-add_role": "on", "credit-1-add_people": ["Zhang San"]}
    )
    client.post(URL, data | {"create": "1"})

    assert shared_lists() == (roles, people + 1)  # Yang Han, under a known role
    assert not CreditRole.objects.filter(label_en="Music").exists()
    assert Article.objects.get().credits_to_resolve == "Music丨Zhang San"


def test_a_desk_member_who_may_not_add_people_adds_none(client, user_in):
    user = user_in("Reporter")
    user.user_permissions.clear()
    for group in user.groups.all():
        group.permissions.remove(*group.permissions.filter(codename="add_staffmember"))
    client.force_login(user)
    preview = client.post(URL, {"text": TEXT, "preview": "1"})
    roles, people = shared_lists()

    client.post(URL, proposal_data(preview) | {"create": "1"})

    assert shared_lists() == (roles, people)
    assert Article.objects.get().credits_to_resolve == (
        "Reporter丨Yang Han\nMusic丨Zhang San"
    )
