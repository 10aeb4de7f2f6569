"""Who may do what to an article, in which state. Pure rules; services enforce them."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import Article

Status = Article.Status

# States in which each kind of editor may change an article's text.
_WRITER_STATES = {Status.DRAFT, Status.CHANGES_REQUESTED, Status.UNPUBLISHED}
_EDITOR_STATES = _WRITER_STATES | {Status.IN_REVIEW, Status.APPROVED}


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset
    target: str
    permission: str | None  # None: the article's author (or an editor) may do it
    needs_comment: bool = False

    def permits(self, user, article: Article) -> bool:
        """Return whether `user` may make this move on `article` (state aside)."""
        if self.permission:
            return user.has_perm(self.permission)
        return is_author(user, article) or user.has_perm("articles.edit_any_article")


TRANSITIONS = {
    transition.name: transition
    for transition in [
        Transition(
            "submit",
            _("Submit for review"),
            frozenset(_WRITER_STATES),
            Status.IN_REVIEW,
            None,
        ),
        Transition(
            "request_changes",
            _("Request changes"),
            frozenset({Status.IN_REVIEW, Status.APPROVED}),
            Status.CHANGES_REQUESTED,
            "articles.approve_article",
            needs_comment=True,
        ),
        Transition(
            "approve",
            _("Approve"),
            frozenset({Status.IN_REVIEW}),
            Status.APPROVED,
            "articles.approve_article",
        ),
        Transition(
            "publish",
            _("Publish or schedule"),
            frozenset({Status.APPROVED}),
            Status.PUBLISHED,
            "articles.publish_article",
        ),
        Transition(
            "unpublish",
            _("Unpublish"),
            frozenset({Status.PUBLISHED}),
            Status.UNPUBLISHED,
            "articles.publish_article",
            needs_comment=True,
        ),
    ]
}


def is_author(user, article: Article) -> bool:
    return article.created_by_id is not None and article.created_by_id == user.pk


def is_locked_for(user, article: Article) -> bool:
    """Return whether someone other than `user` holds the article's editing lock."""
    return article.locked_by_id is not None and article.locked_by_id != user.pk


def is_held_against(user, article: Article) -> bool:
    """Return whether someone else's lock stops `user` moving the article on.

    A managing editor may break anyone's lock, and so may move the article
    anyway; the move then breaks it.
    """
    return is_locked_for(user, article) and not user.has_perm(
        "articles.break_article_lock"
    )


def can_edit(user, article: Article) -> bool:
    """Return whether `user` may change this article's content now."""
    if not user.has_perm("articles.change_article") or is_locked_for(user, article):
        return False
    if user.has_perm("articles.publish_article"):
        return True  # managing editors, including corrections to live articles
    if user.has_perm("articles.edit_any_article") and article.status in _EDITOR_STATES:
        return True
    if user.has_perm("articles.proofread_article") and (
        article.status == Status.IN_REVIEW
    ):
        return True
    return is_author(user, article) and article.status in _WRITER_STATES


def can_only_edit_text(user) -> bool:
    """Proofreaders correct the text of the pairs; placement and credits stay put."""
    return not user.has_perm("articles.add_article") and user.has_perm(
        "articles.proofread_article"
    )


def available_transitions(user, article: Article) -> list[Transition]:
    if is_held_against(user, article):
        return []
    return [
        transition
        for transition in TRANSITIONS.values()
        if article.status in transition.sources and transition.permits(user, article)
    ]
