from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, ArticleCredit, ArticleEvent, Block, Correction
from staffcredits.models import StaffMember
from tests.articles.test_admin import article_form_data, body, change_url
from tests.factories import ArticleFactory, BlockFactory, PublicationFactory, proofread

pytestmark = pytest.mark.django_db

Status = Article.Status
ROLES = [
    "Reporter",
    "Text Editor",
    "Proofreader",
    "Art Editor",
    "Voice",
    "Managing Editor",
]
# transition -> (a state it starts from, roles allowed to make it)
MOVES = {
    "submit": (Status.DRAFT, {"Reporter (author)", "Text Editor", "Managing Editor"}),
    "approve": (Status.IN_REVIEW, {"Managing Editor"}),
    "request_changes": (Status.IN_REVIEW, {"Managing Editor"}),
    "publish": (Status.APPROVED, {"Managing Editor"}),
    "unpublish": (Status.PUBLISHED, {"Managing Editor"}),
}


def ready_article(status, **kwargs):
    article = ArticleFactory(status=status, **kwargs)
    BlockFactory(article=article)
    return article


def move(client, article, name, **data):
    return client.post(
        reverse("admin:articles_article_transition", args=[article.pk, name]),
        {"comment": "because", "version": article.version, **data},
    )


@pytest.mark.parametrize("name", MOVES)
@pytest.mark.parametrize("role", [*ROLES, "Reporter (author)"])
def test_every_role_and_transition(client, user_in, role, name):
    start, allowed = MOVES[name]
    user = user_in(role.removesuffix(" (author)"))
    author = user if role == "Reporter (author)" else None
    article = ready_article(start, created_by=author)
    if name == "approve":
        proofread(article, user_in("Proofreader", username="signer"))
    client.force_login(user)

    response = move(client, article, name)

    article.refresh_from_db()
    if role in allowed:
        assert response.status_code == 302
        assert article.status == services.TRANSITIONS[name].target
        assert article.events.filter(action=name, actor=user).exists()
    else:
        assert response.status_code == 403
        assert article.status == start
        assert not article.events.filter(action=name).exists()


def test_a_get_never_changes_state(client, user_in):
    article = ready_article(Status.APPROVED)
    client.force_login(user_in("Managing Editor"))

    client.get(
        reverse("admin:articles_article_transition", args=[article.pk, "publish"])
    )

    article.refresh_from_db()
    assert article.status == Status.APPROVED


def test_a_move_from_the_wrong_state_is_refused_with_a_message(client, user_in):
    article = ready_article(Status.DRAFT)
    client.force_login(user_in("Managing Editor"))

    response = move(client, article, "publish")

    article.refresh_from_db()
    assert article.status == Status.DRAFT
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("not possible while the article is Draft" in m for m in messages)


def test_requesting_changes_needs_a_comment(user_in):
    article = ready_article(Status.IN_REVIEW)

    with pytest.raises(services.TransitionRefused):
        services.article_request_changes(
            article=article, user=user_in("Managing Editor"), comment="  "
        )

    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW


@pytest.mark.parametrize(
    ("role", "state", "own", "can_edit"),
    [
        ("Reporter", Status.DRAFT, True, True),
        ("Reporter", Status.CHANGES_REQUESTED, True, True),
        ("Reporter", Status.DRAFT, False, False),
        ("Reporter", Status.IN_REVIEW, True, False),
        ("Reporter", Status.PUBLISHED, True, False),
        ("Text Editor", Status.DRAFT, False, True),
        ("Text Editor", Status.APPROVED, False, True),
        ("Text Editor", Status.PUBLISHED, False, False),
        ("Proofreader", Status.IN_REVIEW, False, True),
        ("Proofreader", Status.DRAFT, False, False),
        ("Art Editor", Status.DRAFT, False, False),
        ("Voice", Status.DRAFT, False, False),
        ("Managing Editor", Status.PUBLISHED, False, True),
    ],
)
def test_who_may_save_an_article_in_which_state(
    client, user_in, role, state, own, can_edit
):
    user = user_in(role)
    article = ArticleFactory(status=state, created_by=user if own else None)
    client.force_login(user)
    data = article_form_data(article, [], title_en="Rewritten")

    response = client.post(change_url(article), data)

    article.refresh_from_db()
    if can_edit:
        assert response.status_code == 302, response.content[:2000]
        assert article.title_en == "Rewritten"
    else:
        assert response.status_code == 403
        assert article.title_en != "Rewritten"


def test_a_proofreader_changes_text_but_not_placement(client, user_in):
    article = ready_article(Status.IN_REVIEW)
    client.force_login(user_in("Proofreader"))

    html = client.get(change_url(article)).content.decode()

    assert 'name="title_zh_hans"' in html
    assert 'name="slug"' not in html
    assert 'name="blocks-0-text_zh_hans"' in html
    assert 'name="blocks-0-position"' not in html


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("admin:articles_article_changelist", set(ROLES)),
        ("admin:articles_article_add", {"Reporter", "Text Editor", "Managing Editor"}),
        ("admin:articles_narration_add", {"Voice", "Managing Editor"}),
        (
            "admin:articles_article_import",
            {"Reporter", "Text Editor", "Managing Editor"},
        ),
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_admin_pages_by_role(client, user_in, url, allowed, role):
    client.force_login(user_in(role))

    response = client.get(reverse(url))

    assert response.status_code == (200 if role in allowed else 403)


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("admin:articles_article_revisions", set(ROLES)),
        ("admin:articles_article_preview", set(ROLES)),
        ("admin:articles_article_share_preview", {"Managing Editor"}),
        ("admin:articles_article_delete", {"Managing Editor"}),
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_article_pages_by_role(client, user_in, url, allowed, role):
    article = ready_article(Status.DRAFT)
    client.force_login(user_in(role))

    response = client.get(reverse(url, args=[article.pk]))

    assert response.status_code == (200 if role in allowed else 403)


def test_an_edit_after_approval_sends_the_article_back_to_review(client, user_in):
    chief = user_in("Managing Editor")
    article = ready_article(Status.IN_REVIEW)
    proofread(article, chief)
    services.article_approve(article=article, user=chief)
    client.force_login(user_in("Text Editor"))

    client.post(
        change_url(article),
        article_form_data(article, [], title_en="Changed after approval"),
    )

    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    assert article.events.filter(action="approval_withdrawn").exists()
    with pytest.raises(services.TransitionRefused):
        services.article_publish(article=article, user=chief)


def test_an_approval_of_a_version_someone_has_since_edited_is_refused(user_in):
    chief = user_in("Managing Editor")
    article = ready_article(Status.IN_REVIEW)
    proofread(article, chief)
    seen = article.version
    services.article_save(article=article, expected_version=seen, user=chief)

    with pytest.raises(services.TransitionRefused, match="changed while"):
        services.article_approve(
            article=Article.objects.get(pk=article.pk),
            user=chief,
            expected_version=seen,
        )


def test_a_stale_save_names_who_saved_and_keeps_the_text(client, user_in):
    other = user_in("Text Editor", username="liu")
    article = ArticleFactory(title_en="Original")
    opened = article.version
    services.article_save(article=article, expected_version=opened, user=other)
    client.force_login(user_in("Managing Editor"))
    data = article_form_data(
        article,
        [{"position": 1, "en": "<p>My careful paragraph</p>", "zh": "<p>我的段落</p>"}],
        opened_version=opened,
    )

    response = client.post(change_url(article), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "liu saved this article at" in html
    assert "My careful paragraph" in html
    assert body(article) == []


def test_a_locked_article_is_read_only_for_others_until_broken(client, user_in):
    holder = user_in("Text Editor", username="holder")
    other = user_in("Text Editor", username="other")
    chief = user_in("Managing Editor")
    article = ArticleFactory()
    services.article_lock(article=article, user=holder)

    client.force_login(other)
    refused = client.post(change_url(article), article_form_data(article, []))
    page = client.get(change_url(article)).content.decode()
    with pytest.raises(services.TransitionForbidden):
        services.article_unlock(article=article, user=other)
    services.article_unlock(article=article, user=chief)

    assert refused.status_code == 403
    assert "Locked by holder" in page
    article.refresh_from_db()
    assert article.locked_by is None
    assert article.events.filter(action="lock_broken", actor=chief).exists()


def test_proofreading_is_signed_off_per_language_and_goes_stale(client, user_in):
    proofreader = user_in("Proofreader")
    article = ready_article(Status.IN_REVIEW)
    client.force_login(proofreader)
    url = reverse("admin:articles_article_proofread", args=[article.pk, "zh-hans"])

    client.post(url, {"version": article.version})
    signed = " ".join(client.get(change_url(article)).content.decode().split())
    services.article_save(article=article, expected_version=article.version)
    saved = client.get(change_url(article)).content.decode()
    Block.objects.filter(article=article).update(text_zh_hans="<p>改过了。</p>")
    edited = " ".join(client.get(change_url(article)).content.decode().split())

    assert "Chinese: proofread by proofreader (version 1)" in signed
    assert "English: not proofread" in signed
    assert "edited since" not in signed
    assert "edited since" not in saved  # a save that changes no Chinese text
    assert "Chinese: proofread by proofreader (version 1) — 1 pair edited since" in (
        edited
    )


def test_a_scheduled_article_appears_by_itself(client, user_in):
    chief = user_in("Managing Editor")
    article = ready_article(Status.APPROVED)
    start = timezone.now()
    at = start + timedelta(hours=1)

    with time_machine.travel(start, tick=False):
        services.article_publish(article=article, user=chief, publish_at=at)
        before = client.get(article.get_absolute_url()).status_code
        listed_before = article.title_en in client.get("/en/").content.decode()
    with time_machine.travel(at + timedelta(minutes=1), tick=False):
        after = client.get(article.get_absolute_url()).status_code
        listed_after = article.title_en in client.get("/en/").content.decode()

    assert (before, listed_before) == (404, False)
    assert (after, listed_after) == (200, True)
    article.refresh_from_db()
    assert article.first_published_at == at


def test_a_scheduled_article_can_be_published_now_or_moved(client, user_in):
    chief = user_in("Managing Editor")
    article = ready_article(Status.APPROVED)
    tomorrow = timezone.now() + timedelta(days=1)
    services.article_publish(article=article, user=chief, publish_at=tomorrow)
    article.refresh_from_db()
    client.force_login(chief)

    offered = client.get(change_url(article)).content.decode()
    services.article_publish(
        article=article, user=chief, publish_at=tomorrow + timedelta(hours=2)
    )
    article.refresh_from_db()
    moved_to = article.publish_at
    services.article_publish(article=article, user=chief)
    article.refresh_from_db()

    assert "/workflow/publish/" in offered
    assert moved_to == tomorrow + timedelta(hours=2)
    assert client.get(article.get_absolute_url()).status_code == 200
    assert article.first_published_at <= timezone.now()


def test_a_live_article_cannot_be_published_again(user_in):
    chief = user_in("Managing Editor")
    article = ready_article(Status.APPROVED)
    services.article_publish(article=article, user=chief)
    article.refresh_from_db()

    with pytest.raises(services.TransitionRefused):
        services.article_publish(article=article, user=chief)


def test_restoring_a_revision_brings_back_text_pairs_and_credits(client, user_in):
    chief = user_in("Managing Editor")
    client.force_login(chief)
    article = ArticleFactory(title_en="First title")
    client.post(
        change_url(article),
        article_form_data(
            article, [{"position": 1, "en": "<p>Old</p>", "zh": "<p>旧</p>"}]
        ),
    )
    article.refresh_from_db()
    block = article.blocks.get()
    client.post(
        change_url(article),
        article_form_data(
            article,
            [
                {"id": block.pk, "position": 1, "en": "<p>New</p>", "zh": "<p>新</p>"},
                {"position": 2, "en": "<p>Extra</p>", "zh": "<p>多</p>"},
            ],
            title_en="Second title",
        ),
    )
    versions = list(services.article_versions(article))
    compare = client.get(
        reverse("admin:articles_article_revisions", args=[article.pk]),
        {"a": versions[1].pk, "b": versions[0].pk},
    ).content.decode()

    client.post(
        reverse("admin:articles_article_restore", args=[article.pk, versions[1].pk])
    )

    article.refresh_from_db()
    assert "<del>Old</del><ins>New</ins>" in compare
    assert "<del>旧</del><ins>新</ins>" in compare
    assert article.title_en == "First title"
    assert body(article) == [("<p>Old</p>", "<p>旧</p>")]
    assert len(services.article_versions(article)) == 3
    assert article.events.filter(action="restored").exists()


def test_only_a_managing_editor_restores(client, user_in):
    article = ArticleFactory(title_en="Kept")
    services.article_record_revision(article=article)
    version = services.article_versions(article).get()
    client.force_login(user_in("Text Editor"))

    client.post(
        reverse("admin:articles_article_restore", args=[article.pk, version.pk])
    )

    assert article.events.filter(action="restored").count() == 0


def test_a_scheduled_article_is_edited_not_corrected(client, user_in):
    chief = user_in("Managing Editor")
    article = ready_article(Status.APPROVED)
    services.article_publish(
        article=article, user=chief, publish_at=timezone.now() + timedelta(days=1)
    )
    article.refresh_from_db()
    client.force_login(chief)

    form = client.get(change_url(article)).content.decode()

    assert 'name="correction_en"' not in form
    with pytest.raises(services.TransitionRefused):
        services.article_correct(
            article=article, user=chief, note_en="Too early.", note_zh_hans=""
        )
    assert not Correction.objects.filter(article=article).exists()


def test_a_correction_is_printed_under_the_live_article(client, user_in):
    chief = user_in("Managing Editor")
    article = ready_article(Status.PUBLISHED, first_published_at=timezone.now())
    client.force_login(chief)
    data = article_form_data(
        article,
        [],
        correction_en="An earlier version gave the wrong output figure.",
        correction_zh_hans="此前版本的产值数据有误，现已更正。",
    )

    client.post(change_url(article), data)
    client.logout()
    html = client.get(article.get_absolute_url()).content.decode()

    assert Correction.objects.filter(article=article).count() == 1
    assert 'lang="zh-Hans">此前版本的产值数据有误，现已更正。' in html
    assert article.events.filter(action="corrected").exists()


def test_a_reporters_new_article_carries_their_byline(client, user_in):
    reporter = user_in("Reporter")
    member = StaffMember.objects.create(
        name_en="Yang Han", slug="yang-han", user=reporter
    )
    client.force_login(reporter)
    new = ArticleFactory.build(slug="fresh", publication=PublicationFactory())
    data = article_form_data(new, [])
    data.pop("opened_version")

    response = client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == 302
    article = Article.objects.get(slug="fresh")
    assert article.created_by == reporter
    credit = ArticleCredit.objects.get(article=article)
    assert (credit.role.code, credit.member) == ("reporter", member)


def test_no_draft_text_reaches_any_public_page(client, user_in):
    canary = "CANARY-7f3a"
    visible = ready_article(Status.PUBLISHED, first_published_at=timezone.now())
    hidden = [
        ready_article(state, title_en=f"{canary} {state}", slug=f"hidden-{state}")
        for state in (
            Status.DRAFT,
            Status.IN_REVIEW,
            Status.CHANGES_REQUESTED,
            Status.APPROVED,
            Status.UNPUBLISHED,
        )
    ]
    hidden.append(
        ready_article(
            Status.PUBLISHED,
            title_en=f"{canary} scheduled",
            slug="hidden-scheduled",
            publish_at=timezone.now() + timedelta(days=1),
        )
    )
    for article in hidden:
        Block.objects.filter(article=article).update(text_en=f"<p>{canary}</p>")
    urls = ["/en/", "/zh-hans/", visible.get_absolute_url()]
    for article in hidden:
        for language in ("en", "zh-hans"):
            urls += [
                f"/{language}/articles/{article.slug}/",
                f"/{language}/articles/{article.slug}/dual/",
            ]

    for url in urls:
        response = client.get(url)
        assert canary not in response.content.decode(), url
        assert response.status_code in (200, 404), url


def test_history_lists_every_move_with_who_and_comment(client, user_in):
    chief = user_in("Managing Editor")
    article = ready_article(Status.DRAFT)
    services.article_submit(article=article, user=chief, comment="ready")
    services.article_request_changes(article=article, user=chief, comment="fix para 2")
    client.force_login(chief)

    html = client.get(change_url(article)).content.decode()

    assert "fix para 2" in html and "Changes requested" in html
    actions = list(
        ArticleEvent.objects.filter(article=article).values_list("action", flat=True)
    )
    assert actions[:2] == ["request_changes", "submit"]
