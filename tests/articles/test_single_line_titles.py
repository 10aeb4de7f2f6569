"""A title is one line: refused with a line break, and never the cause of lost mail.

A title stored with a line break anyway (written past the ORM) still gets its
workflow mail out, with the break folded into the subject, and a mail that fails
for any reason never fails or half-does the move that sent it.
"""

import logging
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.mail import BadHeaderError
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from articles.models import Article, ArticleEvent
from bilingual.parser import parse_text
from tests.articles.test_admin import article_form_data, change_url
from tests.articles.test_import_page import TEXT, URL, proposal_data
from tests.factories import ArticleFactory, BlockFactory, run_worker

BROKEN_TITLES = ["Line one\nLine two", "Line one\r\nLine two", "标题\u2028第二行"]
REFUSED = "Write this on one line, without line breaks."


@pytest.mark.django_db
@pytest.mark.parametrize("title", BROKEN_TITLES)
def test_a_title_with_a_line_break_does_not_validate(title):
    article = ArticleFactory(title_en="One line", title_zh_hans="一行")
    article.title_zh_hans = title

    with pytest.raises(ValidationError) as refused:
        article.full_clean()

    assert refused.value.message_dict == {"title_zh_hans": [REFUSED]}


@pytest.mark.django_db
def test_the_change_form_refuses_a_title_with_a_line_break(editor_client):
    article = ArticleFactory(title_en="One line")
    data = article_form_data(article, [{"en": "<p>Text</p>", "zh": "<p>文字</p>"}])

    response = editor_client.post(
        change_url(article), data | {"title_en": "Line one\nLine two"}
    )

    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    article.refresh_from_db()
    assert article.title_en == "One line"


@pytest.mark.django_db
def test_a_title_typed_with_a_line_break_in_the_import_preview_is_refused(
    editor_client,
):
    preview = editor_client.post(URL, {"text": TEXT, "preview": "1"})
    data = proposal_data(preview, title_en="Why Zhengzhou\nkeeps surprising")

    response = editor_client.post(URL, data | {"create": "1"})

    assert response.status_code == 200
    assert (
        "English title: write it on one line, without line breaks."
        in response.content.decode()
    )
    assert Article.objects.count() == 0


def test_a_parsed_title_never_holds_a_line_break():
    # The parser reads \r, \n and \r\n alike as the end of a line.
    parsed = parse_text(TEXT.replace("visitors 郑州", "visitors\r郑州", 1))

    assert parsed.title["en"] == "Why Zhengzhou keeps surprising visitors"
    assert parsed.title["zh-hans"] == "郑州为何总让人惊喜？"


@pytest.mark.django_db
def test_import_article_refuses_a_title_holding_a_line_separator(tmp_path):
    # U+2028 is no end of line to the parser, but it is a line break to a mail
    # header and a browser.
    path = tmp_path / "story.txt"
    path.write_text(TEXT.replace("surprising visitors", "surprising\u2028visitors"))
    with pytest.raises(CommandError, match="on one line, without line breaks"):
        call_command("import_article", str(path), stdout=StringIO())

    assert not Article.objects.exists()


def write_past_the_orm(table, column, value, pk):
    """Store `value` as a restore or a hand-made SQL fix would: no validation."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {column} = %s WHERE id = %s",  # noqa: S608 - table and column are this test's constants
            [value, pk],
        )


def submit(client, article):
    return client.post(
        reverse("admin:articles_article_transition", args=[article.pk, "submit"]),
        {"comment": "", "version": article.version},
        follow=True,
    )


@pytest.fixture
def newsroom(user_in):
    """A reporter's draft and the managing editor its submission is mailed to."""
    reporter = user_in("Reporter")
    editor = user_in("Managing Editor")
    article = ArticleFactory(created_by=reporter, title_zh_hans="标题")
    BlockFactory(article=article)
    return reporter, editor, article


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_title_stored_with_a_line_break_still_gets_its_mail_out(
    client, newsroom, mailoutbox
):
    reporter, editor, article = newsroom
    write_past_the_orm("articles_article", "title_en", "Line one\nLine two", article.pk)
    client.force_login(reporter)

    submit(client, article)
    run_worker()

    assert [mail.to for mail in mailoutbox] == [[editor.email]]
    assert mailoutbox[0].subject == "[Newsroom] Submitted for review: Line one Line two"


IMMEDIATE = "django_tasks.backends.immediate.ImmediateBackend"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("backend", [IMMEDIATE, "django_tasks_db.DatabaseBackend"])
def test_a_move_whose_mail_fails_still_completes_and_the_failure_is_logged(
    client, newsroom, mailoutbox, settings, caplog, backend
):
    # The immediate backend sends the mail in the editor's own request, right
    # after the move commits; the database one in the worker.
    settings.TASKS = {"default": {"BACKEND": backend}}
    reporter, editor, article = newsroom
    write_past_the_orm(
        "auth_user", "email", "ed@example.com\nBcc: all@example.com", editor.pk
    )
    client.force_login(reporter)

    with caplog.at_level(logging.ERROR, logger="django_tasks"):
        response = submit(client, article)
        if backend != IMMEDIATE:
            # As deployed: run_worker() would silence the worker's log.
            call_command(
                "db_worker", "--batch", "--no-startup-delay", stdout=StringIO()
            )

    article.refresh_from_db()
    assert response.status_code == 200
    assert "Submitted for review." in response.content.decode()
    assert article.status == Article.Status.IN_REVIEW
    assert article.events.filter(action=ArticleEvent.Action.SUBMITTED).count() == 1
    assert mailoutbox == []
    failures = [record for record in caplog.records if record.exc_info]
    assert [record.exc_info[0] for record in failures] == [BadHeaderError]
    assert "articles.notifications.workflow_mail" in failures[0].getMessage()
