"""Writes with rules: every caller (admin, commands, views) goes through these."""

import functools
import logging
from collections.abc import Sequence
from datetime import datetime

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import checking
from .models import (
    LANGUAGE_CODES,
    Article,
    ArticleEvent,
    Block,
    Correction,
    ShareLink,
    field_suffix,
    new_preview_key,
)
from .revisions import CONTENT_FIELDS, article_versions, deleted_since, snapshot
from .workflow import (
    TRANSITIONS,
    can_edit,
    is_held_against,
    is_locked_for,
    sign_offs,
)

Action = ArticleEvent.Action
Status = Article.Status

# Refused and forbidden moves, for the audit trail (LOGGING in newsroom/settings).
audit = logging.getLogger("audit")

# Added to every position while a body is renumbered, so that swapping two blocks
# never collides with the unique (article, position) constraint mid-way.
_POSITION_SHIFT = 1_000_000


class EditConflict(ValidationError):
    """Someone else saved the article after this edit was started."""

    def __init__(self, article: Article | None = None):
        saved_by = article and article.updated_by
        if saved_by:
            message = _(
                "%(name)s saved this article at %(time)s, after you opened it. "
                "Nothing of yours was saved: your text is still below. Copy what "
                "you need, reload the page to see their changes, then merge yours."
            ) % {
                "name": saved_by.get_full_name() or saved_by.get_username(),
                "time": date_format(
                    timezone.localtime(article.updated_at), "DATETIME_FORMAT"
                ),
            }
        else:
            message = _(
                "Someone else saved this article while you were editing it. "
                "Copy your changes, reload the page to see theirs, then redo yours."
            )
        super().__init__(message, code="edit_conflict")


CHANGED_WHILE_LOOKING = gettext_lazy(
    "The article changed while you were looking at it (someone edited it "
    "or moved it on). Reload it and try again."
)


class TransitionForbidden(PermissionDenied):
    """The user may not do this to this article."""


class TransitionRefused(ValidationError):
    """The move is allowed in principle but not now (wrong state, not ready, raced)."""


def _audited(service):
    """Log a move the service refuses or forbids: who, what, which article, why."""

    @functools.wraps(service)
    def audited(*, article, user, **arguments):
        try:
            return service(article=article, user=user, **arguments)
        except (TransitionForbidden, TransitionRefused) as refusal:
            what = arguments.get("name", service.__name__.removeprefix("article_"))
            audit.warning(
                "%s refused: %s by %s on article %s",
                what,
                type(refusal).__name__,
                user.get_username(),
                article.pk,
                extra={
                    "event": "workflow_refused",
                    "action": what,
                    "user": user.get_username(),
                    "user_id": user.pk,
                    "article_id": article.pk,
                    "reason": " ".join(getattr(refusal, "messages", [str(refusal)])),
                },
            )
            raise

    return audited


def _refused_when_busy(service):
    """Turn a writer that waited too long for the database into a refusal.

    SQLite lets one writer at a time in (IMMEDIATE transactions queue for up to
    the `timeout` of the settings, then fail with "database is locked");
    PostgreSQL gives up on a row lock only past a `lock_timeout`, if one is set.
    Either way nothing was written, and the person should try again: a message,
    never a server error. Put it outside `transaction.atomic`, whose start is
    where SQLite waits.
    """

    @functools.wraps(service)
    def refused_when_busy(**arguments):
        try:
            return service(**arguments)
        except OperationalError as error:
            if not _is_lock_wait_over(error):
                raise
            raise TransitionRefused(
                _("Someone else is saving right now, so nothing was done. Try again.")
            ) from error

    return refused_when_busy


def _is_lock_wait_over(error: OperationalError) -> bool:
    """Return whether `error` is the database giving up waiting for a lock."""
    cause = error.__cause__
    return (
        getattr(cause, "sqlite_errorname", "").startswith("SQLITE_BUSY")
        or getattr(cause, "sqlstate", None) == "55P03"  # lock_not_available
    )


def _record(
    article,
    user,
    action,
    *,
    comment="",
    from_status="",
    to_status="",
    override_reason="",
):
    return ArticleEvent.objects.create(
        article=article,
        actor=user,
        action=action,
        comment=comment,
        from_status=from_status,
        to_status=to_status,
        override_reason=override_reason,
        version=article.version,
    )


@transaction.atomic
def article_lock_version(*, article: Article, expected_version: int) -> None:
    """Lock the article's row until the transaction ends; refuse a stale version.

    Holding the lock from validation to save means two editors who submit at the
    same moment are served one after the other, and the second one is refused.
    """
    current = (
        Article.objects.select_for_update(of=("self",))
        .select_related("updated_by")
        .filter(pk=article.pk)
        .first()
    )
    if current is None or current.version != expected_version:
        raise EditConflict(current)


@transaction.atomic
def article_save(*, article: Article, expected_version: int, user=None) -> Article:
    """Save `article` unless someone saved it after `expected_version`.

    An edit to an approved article withdraws the approval: what goes live must be
    what was approved.
    """
    article.updated_by = user
    if article.pk is None:
        article.version = 1
        article.save()
        _record(article, user, Action.CREATED, to_status=article.status)
        return article
    claimed = Article.objects.filter(pk=article.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise EditConflict(
            Article.objects.select_related("updated_by").get(pk=article.pk)
        )
    article.version = expected_version + 1
    if article.status == Status.APPROVED:
        article.status = Status.IN_REVIEW
        _record(
            article,
            user,
            Action.APPROVAL_WITHDRAWN,
            from_status=Status.APPROVED,
            to_status=Status.IN_REVIEW,
        )
    else:
        _record(article, user, Action.SAVED)
    article.save()
    return article


def article_record_revision(*, article: Article, user=None, comment: str = "") -> None:
    """Snapshot the article with its pairs and credits as they are now."""
    with reversion.create_revision(manage_manually=True):
        reversion.add_to_revision(article)
        reversion.set_user(user)
        reversion.set_comment(comment or _("Version %(n)d") % {"n": article.version})


@transaction.atomic
def article_set_blocks(*, article: Article, blocks: Sequence[Block]) -> None:
    """Make `blocks`, in this order, the whole body of `article`, numbered from 1.

    Part of a save: call it in the transaction of the `article_save` whose event
    tells the search index and the caches that the body changed.
    """
    kept = [block.pk for block in blocks if block.pk is not None]
    article.blocks.exclude(pk__in=kept).delete()
    article.blocks.update(position=F("position") + _POSITION_SHIFT)
    for position, block in enumerate(blocks, start=1):
        block.article = article
        block.position = position
        block.save()


@_audited
@_refused_when_busy
@transaction.atomic
def article_transition(
    *,
    article: Article,
    user,
    name: str,
    comment: str = "",
    publish_at: datetime | None = None,
    expected_version: int | None = None,
    override_reason: str = "",
) -> Article:
    """Move `article` along the workflow, or refuse and change nothing.

    `expected_version` is the version the person saw when they chose the move
    (by default, that of `article` as the caller loaded it): the move is a
    compare-and-swap on (status, version, lock holder), so of two concurrent
    moves, or a move racing an edit or a lock, exactly one wins, on SQLite and
    PostgreSQL alike. Someone else's editing lock stops the move, unless a
    managing editor makes it, which breaks the lock; publishing releases it.
    """
    transition = TRANSITIONS[name]
    if not transition.permits(user, article):
        raise TransitionForbidden(
            _("You may not “%(action)s” this article.") % {"action": transition.label}
        )
    if is_held_against(user, article):
        raise TransitionRefused(_("Someone else has locked this article."))
    if not transition.possible_for(article):
        raise TransitionRefused(
            _("“%(action)s” is not possible while the article is %(status)s.")
            % {"action": transition.label, "status": article.get_status_display()}
        )
    expected = article.version if expected_version is None else expected_version
    if expected != article.version:
        raise TransitionRefused(CHANGED_WHILE_LOOKING)
    comment = comment.strip()
    if transition.needs_comment and not comment:
        raise TransitionRefused(_("Say why in the comment."))
    overridden = _check_readiness(article, user, name, override_reason)
    # The history shows the note with the comment; the dashboard lists overrides.
    comment = f"{comment}\n{overridden}".strip()
    changes = {"status": transition.target, "version": F("version") + 1}
    if name == "publish":
        # An update() leaves auto_now alone: publishing saves the row now, and
        # seo.modified_at() keeps "modified" from coming before the go-live time.
        now = timezone.now()
        changes["publish_at"] = publish_at
        # The first time readers could see it; a schedule taken back before its
        # time never went live, so the next publication's time replaces it.
        first = article.first_published_at
        if first is None or first > now:
            changes["first_published_at"] = publish_at or now
        changes["updated_at"] = now
    release = _lock_release(article, user, name)
    if release:
        changes |= {"locked_by": None, "locked_at": None}
    claimed = Article.objects.filter(
        pk=article.pk,
        status=article.status,
        version=expected,
        locked_by_id=article.locked_by_id,
    ).update(**changes)
    if not claimed:
        raise TransitionRefused(CHANGED_WHILE_LOOKING)
    from_status = article.status
    article.refresh_from_db()
    _record(
        article,
        user,
        name,
        comment=comment,
        from_status=from_status,
        to_status=article.status,
        override_reason=overridden,
    )
    if release:
        _record(article, user, release)
    return article


def _lock_release(article: Article, user, name: str) -> str | None:
    """Return how a move ends the editing lock, if it does: broken or released.

    A move over someone else's lock (a managing editor's) breaks it. Publishing
    releases the mover's own: the work it was taken for is done, and a lock left
    on a live article would stop the next correction.
    """
    if is_locked_for(user, article):
        return Action.LOCK_BROKEN
    if name == "publish" and article.locked_by_id is not None:
        return Action.UNLOCKED
    return None


def _check_readiness(article, user, name: str, override_reason: str) -> str:
    """Refuse a move the article is not ready for; return any override's note."""
    if name == "approve":
        return _gate_on_proofreading(article, user, override_reason)
    if name == "publish":
        problems = article.publish_problems()
        if problems:
            raise TransitionRefused(problems)
        return _gate_on_translation_errors(article, override_reason)
    return ""


def _gate_on_proofreading(article, user, override_reason: str) -> str:
    """Refuse to approve without a current sign-off in both languages.

    A managing editor may approve anyway with a reason; return the note the
    history keeps (empty when nothing was overridden).
    """
    gaps = [signoff.gap for signoff in sign_offs(article).values() if signoff.gap]
    if not gaps:
        return ""
    reason = override_reason.strip()
    if not reason:
        raise TransitionRefused(
            _(
                "Not approved, and nothing was changed: approval needs a current "
                "proofreading sign-off in both languages. Missing: %(gaps)s."
            )
            % {"gaps": "; ".join(gaps)}
        )
    if not user.has_perm("articles.publish_article"):
        raise TransitionForbidden(
            _("Only a managing editor approves an article without proofreading.")
        )
    return _("Approved without proofreading (%(gaps)s). Reason: %(reason)s") % {
        "gaps": "; ".join(gaps),
        "reason": reason,
    }


def _gate_on_translation_errors(article, override_reason: str) -> str:
    """Refuse to publish over translation errors unless a reason is given.

    Return the note the history keeps (empty when nothing was overridden).
    """
    errors = sum(len(report.errors) for report in checking.article_report(article))
    if not errors:
        return ""
    reason = override_reason.strip()
    if not reason:
        raise TransitionRefused(
            _(
                "%(count)d translation error(s) block publishing. Fix them, or give "
                "a reason to publish anyway; it is kept in the history."
            )
            % {"count": errors}
        )
    return _("Published despite %(count)d translation error(s): %(reason)s") % {
        "count": errors,
        "reason": reason,
    }


def _mark_checked(article: Article, languages) -> None:
    """Remember each pair's text in `languages` as the text that was checked."""
    Block.objects.filter(article=article).update(
        **{
            f"checked_{field_suffix(language)}": F(f"text_{field_suffix(language)}")
            for language in languages
        }
    )


def article_submit(*, article, user, comment=""):
    return article_transition(
        article=article, user=user, name="submit", comment=comment
    )


def article_approve(
    *, article, user, comment="", expected_version=None, override_reason=""
):
    return article_transition(
        article=article,
        user=user,
        name="approve",
        comment=comment,
        expected_version=expected_version,
        override_reason=override_reason,
    )


def article_request_changes(*, article, user, comment):
    return article_transition(
        article=article, user=user, name="request_changes", comment=comment
    )


def article_publish(*, article, user, publish_at=None, comment="", override_reason=""):
    return article_transition(
        article=article,
        user=user,
        name="publish",
        comment=comment,
        publish_at=publish_at,
        override_reason=override_reason,
    )


def article_unpublish(*, article, user, comment):
    return article_transition(
        article=article, user=user, name="unpublish", comment=comment
    )


@_audited
@_refused_when_busy
@transaction.atomic
def article_proofread(
    *, article: Article, user, language: str, expected_version: int | None = None
) -> ArticleEvent:
    """Record that `user` proofread one language of the article as they read it.

    `expected_version` is the version they read (by default, that of `article` as
    the caller loaded it). A sign-off certifies the text it marks as checked, so
    if the article was saved since, it is refused: they have not read that text.
    The row stays locked until the sign-off is written, so no save slips between.
    """
    if not user.has_perm("articles.proofread_article"):
        raise TransitionForbidden(_("Only proofreaders sign off a language."))
    if language not in LANGUAGE_CODES:
        raise TransitionRefused(_("Unknown language."))
    if article.status != Status.IN_REVIEW:
        raise TransitionRefused(_("Only an article in review is proofread."))
    seen = article.version if expected_version is None else expected_version
    try:
        article_lock_version(article=article, expected_version=seen)
    except EditConflict as conflict:
        raise TransitionRefused(
            _(
                "The article changed since you opened it, so the sign-off was not "
                "recorded. Reload it and read the new text before signing off."
            )
        ) from conflict
    action = Action.PROOFREAD_EN if language == "en" else Action.PROOFREAD_ZH_HANS
    _mark_checked(article, [language])
    return _record(article, user, action)


@_audited
@_refused_when_busy
@transaction.atomic
def article_lock(*, article: Article, user) -> None:
    """Hold the article for `user` while they work; others can only read it."""
    if not can_edit(user, article):
        raise TransitionForbidden(_("You cannot edit this article, so cannot lock it."))
    claimed = Article.objects.filter(pk=article.pk, locked_by__isnull=True).update(
        locked_by=user, locked_at=timezone.now()
    )
    if not claimed:
        raise TransitionRefused(_("Someone else has locked this article."))
    article.refresh_from_db()
    _record(article, user, Action.LOCKED)


@_audited
@_refused_when_busy
@transaction.atomic
def article_unlock(*, article: Article, user) -> None:
    """Release the lock: its holder may; a managing editor may break anyone's."""
    if article.locked_by_id is None:
        return
    breaking = is_locked_for(user, article)
    if breaking and not user.has_perm("articles.break_article_lock"):
        raise TransitionForbidden(_("Only a managing editor breaks someone's lock."))
    Article.objects.filter(pk=article.pk).update(locked_by=None, locked_at=None)
    article.refresh_from_db()
    _record(article, user, Action.LOCK_BROKEN if breaking else Action.UNLOCKED)


@_audited
@transaction.atomic
def article_correct(*, article: Article, user, note_en: str, note_zh_hans: str):
    """Print a dated correction under a live article, and keep it in the history."""
    if article.status != Status.PUBLISHED or article.is_scheduled:
        # A scheduled story is not public yet: it is edited, not corrected.
        raise TransitionRefused(_("Corrections are for published articles."))
    if not user.has_perm("articles.publish_article"):
        raise TransitionForbidden(_("Only a managing editor corrects a live article."))
    correction = Correction.objects.create(
        article=article, note_en=note_en, note_zh_hans=note_zh_hans, created_by=user
    )
    _record(article, user, Action.CORRECTED, comment=str(correction))
    return correction


@_audited
@transaction.atomic
def article_restore(*, article: Article, user, version_id: int) -> Article:
    """Bring back an earlier revision's text, pairs and credits as a new revision."""
    if not user.has_perm("articles.restore_article"):
        raise TransitionForbidden(_("Only a managing editor restores a revision."))
    if is_locked_for(user, article):
        raise TransitionRefused(_("Someone else has locked this article."))
    version = article_versions(article).filter(pk=version_id).first()
    if version is None:
        raise TransitionRefused(
            _("That revision is not one of this article’s. Nothing was restored.")
        )
    old = snapshot(version)
    if gone := deleted_since(old):
        raise TransitionRefused(
            _(
                "This revision uses %(things)s, deleted since. Nothing was restored: "
                "restore another revision, or copy what you need from this one."
            )
            % {"things": ", ".join(gone)}
        )
    for name in CONTENT_FIELDS:
        setattr(article, name, old.fields[name])
    article_save(article=article, expected_version=article.version, user=user)
    article_set_blocks(article=article, blocks=old.blocks)
    article.credits.all().delete()
    for credit in old.credits:
        credit.save()
    when = date_format(
        timezone.localtime(old.version.revision.date_created), "DATETIME_FORMAT"
    )
    comment = _("Restored the revision of %(when)s.") % {"when": when}
    _record(article, user, Action.RESTORED, comment=comment)
    article_record_revision(article=article, user=user, comment=comment)
    return article


@_audited
@transaction.atomic
def article_share_preview(
    *, article: Article, user, expires_at: datetime, last_move: int = 0
) -> ShareLink:
    """Record a share link `user` made, valid until `expires_at` or revoked."""
    if not user.has_perm("articles.share_article_preview"):
        raise TransitionForbidden(_("Only a managing editor shares previews."))
    link = ShareLink.objects.create(
        article=article, created_by=user, expires_at=expires_at, last_move=last_move
    )
    _record(article, user, Action.PREVIEW_SHARED)
    return link


@_audited
@transaction.atomic
def article_revoke_previews(*, article: Article, user) -> None:
    """Invalidate every share link made so far for `article`."""
    if not user.has_perm("articles.share_article_preview"):
        raise TransitionForbidden(_("Only a managing editor revokes previews."))
    Article.objects.filter(pk=article.pk).update(preview_key=new_preview_key())
    article.refresh_from_db(fields=["preview_key"])
    article.share_links.filter(revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    _record(article, user, Action.PREVIEW_REVOKED)


@_audited
@transaction.atomic
def article_revoke_preview_link(*, article: Article, user, link_id: int) -> None:
    """Invalidate one share link of `article`; the others keep working."""
    if not user.has_perm("articles.share_article_preview"):
        raise TransitionForbidden(_("Only a managing editor revokes previews."))
    revoked = article.share_links.filter(pk=link_id, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if not revoked:
        raise TransitionRefused(
            _("That link is not one of this article’s live links. Nothing was done.")
        )
    _record(article, user, Action.PREVIEW_LINK_REVOKED)
