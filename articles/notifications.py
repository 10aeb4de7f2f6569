"""Mail people about workflow moves that need them, from the task worker."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task

from .models import ArticleEvent

# The moves somebody waits for: a submission, a request for changes, a publication.
MAILED_ACTIONS = {
    ArticleEvent.Action.SUBMITTED,
    ArticleEvent.Action.CHANGES_REQUESTED,
    ArticleEvent.Action.PUBLISHED,
}


def _managing_editors():
    """Active staff who may approve: the people a submission waits for."""
    permission = Q(groups__permissions__codename="approve_article") | Q(
        user_permissions__codename="approve_article"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(permission | Q(is_superuser=True))
        .distinct()
    )


def recipients_for(event) -> list:
    """Return who hears about `event`, keeping only people who may see the article."""
    article = event.article
    if event.action == ArticleEvent.Action.SUBMITTED:
        people = list(_managing_editors())
    elif event.action in MAILED_ACTIONS and article.created_by:
        people = [article.created_by]
    else:
        people = []
    return [
        person
        for person in people
        if person.is_active
        and person.email
        and person.pk != event.actor_id
        and person.has_perm("articles.view_article")
    ]


def _one_line(text: str) -> str:
    """Return `text` with each run of whitespace, line breaks included, as one space.

    A mail subject is a header, and Django refuses a header holding a line break
    (BadHeaderError): a title stored with one, past the validation, must not cost
    the managing editors their mail.
    """
    return " ".join(text.split())


def article_moved(event) -> None:
    """Send the mail for a workflow move, if anybody needs to hear about it."""
    people = recipients_for(event)
    if not people:
        return
    article = event.article
    link = settings.SITE_URL + reverse(
        "admin:articles_article_change", args=[article.pk]
    )
    action = event.get_action_display()
    # Scheduled when it was published, however late the worker sends this.
    scheduled = article.publish_at and article.publish_at > event.created_at
    if event.action == ArticleEvent.Action.PUBLISHED and scheduled:
        action = _("Scheduled for %(when)s") % {
            "when": date_format(
                timezone.localtime(article.publish_at), "DATETIME_FORMAT"
            )
        }
    subject = _one_line(
        _("[Newsroom] %(action)s: %(title)s") % {"action": action, "title": article}
    )
    lines = [
        _("%(who)s: %(action)s.")
        % {
            "who": event.actor.get_username() if event.actor else _("Someone"),
            "action": action,
        },
        event.comment,
        link,
    ]
    send_mail(
        subject,
        "\n\n".join(line for line in lines if line),
        None,
        [person.email for person in people],
    )


@task()
def workflow_mail(event_id: int, language: str) -> None:
    """Send the mail for one history entry (a task: never in the editor's request),
    in the interface language of the editor who made the move."""
    event = (
        ArticleEvent.objects.select_related("article__created_by", "actor")
        .filter(pk=event_id)
        .first()
    )
    if event is not None:
        with translation.override(language):
            article_moved(event)


def article_changed_received(sender, events, **kwargs) -> None:
    """Receiver of `articles.events.article_changed`: queue the mail a move needs."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    for event in events:
        if event.action in MAILED_ACTIONS:
            workflow_mail.enqueue(event.pk, language)
