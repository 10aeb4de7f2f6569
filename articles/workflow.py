"""Who may do what to an article, in which state. Pure rules; services enforce them."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import LANGUAGE_CODES, Article, ArticleEvent, Block, field_suffix

Status = Article.Status
# The history entry that records a proofreader's sign-off, per language.
SIGN_OFFS = {
    "en": ArticleEvent.Action.PROOFREAD_EN,
    "zh-hans": ArticleEvent.Action.PROOFREAD_ZH_HANS,
}
LANGUAGE_NAMES = {"en": _("English"), "zh-hans": _("Chinese")}

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

    def possible_for(self, article: Article) -> bool:
        """Return whether the article's state allows this move.

        A scheduled article is published but not yet public: it may still be
        published now, or scheduled for another time."""
        return article.status in self.sources or (
            self.name == "publish" and article.is_scheduled
        )

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
        if transition.possible_for(article) and transition.permits(user, article)
    ]


@dataclass(frozen=True)
class SignOff:
    """Where one language's proofreading stands."""

    language: str
    event: ArticleEvent | None  # the latest sign-off, if any
    changed: int  # pairs whose text in this language differs from what was checked

    @property
    def is_current(self) -> bool:
        """Signed off, and every pair still reads as it was proofread."""
        return self.event is not None and not self.changed

    @property
    def gap(self) -> str:
        """Say what is missing, for a refusal; empty when current."""
        name = LANGUAGE_NAMES[self.language]
        if self.event is None:
            return _("%(language)s: not proofread") % {"language": name}
        if self.changed:
            return ngettext(
                "%(language)s: %(count)d pair changed since it was proofread",
                "%(language)s: %(count)d pairs changed since it was proofread",
                self.changed,
            ) % {"language": name, "count": self.changed}
        return ""


def sign_offs(article: Article) -> dict[str, SignOff]:
    """Return each language's proofreading state.

    A sign-off is current while the proofread text still matches: every pair's
    text in that language equals the text the sign-off marked as checked
    (Block.checked_en / checked_zh_hans), so an edit, a new pair or a restored
    revision in that language makes it stale, and an edit to the other one does not.
    """
    events = article.events.filter(action__in=SIGN_OFFS.values()).select_related(
        "actor"
    )
    latest = {}
    for event in events:  # newest first
        latest.setdefault(event.action, event)
    blocks = list(Block.objects.filter(article=article))
    return {
        language: SignOff(
            language=language,
            event=latest.get(SIGN_OFFS[language]),
            changed=sum(1 for block in blocks if language in block.stale_sides()),
        )
        for language in LANGUAGE_CODES
    }


def pair_check_states(block: Block) -> list[tuple[str, str]]:
    """Return (language, "unchecked" | "changed") for each side not as checked.

    A side never checked (a new draft's, a pair added since) is "unchecked", not
    "changed since it was checked".
    """
    states = []
    for language in block.stale_sides():
        checked = getattr(block, f"checked_{field_suffix(language)}")
        states.append((language, "changed" if checked else "unchecked"))
    return states
