"""An article's history (who moved it where, when, why) and its printed corrections."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleEvent(models.Model):
    """One line of an article's history: who did what, when, from which state."""

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        SAVED = "saved", _("Saved")
        SUBMITTED = "submit", _("Submitted for review")
        CHANGES_REQUESTED = "request_changes", _("Changes requested")
        APPROVED = "approve", _("Approved")
        APPROVAL_WITHDRAWN = "approval_withdrawn", _("Approval withdrawn by an edit")
        PUBLISHED = "publish", _("Published")
        UNPUBLISHED = "unpublish", _("Unpublished")
        PROOFREAD_EN = "proofread_en", _("English proofread")
        PROOFREAD_ZH_HANS = "proofread_zh_hans", _("Chinese proofread")
        RESTORED = "restored", _("Revision restored")
        LOCKED = "locked", _("Locked for editing")
        UNLOCKED = "unlocked", _("Unlocked")
        LOCK_BROKEN = "lock_broken", _("Lock broken")
        CORRECTED = "corrected", _("Correction published")
        PREVIEW_SHARED = "preview_shared", _("Preview link created")
        PREVIEW_REVOKED = "preview_revoked", _("Preview links revoked")
        PREVIEW_LINK_REVOKED = "preview_link_revoked", _("Preview link revoked")

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=30, choices=Action.choices)
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    version = models.PositiveIntegerField(_("version"))
    comment = models.TextField(_("comment"), blank=True)
    # Why a managing editor moved the article on over a rule (no proofreading
    # sign-off, translation errors): shown on the dashboard.
    override_reason = models.TextField(_("override reason"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history")

    def __str__(self):
        return f"{self.get_action_display()} · {self.article}"


class ShareLink(models.Model):
    """One preview link shared with people without accounts (articles/preview.py).

    The link itself is signed; this row lets the desk list the live ones and
    revoke one without ending the others.
    """

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="share_links",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    # The article's latest publish or unpublish move when the link was made: the
    # link ends at the next one.
    last_move = models.PositiveBigIntegerField(_("last move"), default=0)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("share link")
        verbose_name_plural = _("share links")

    def __str__(self):
        return f"{self.article} · {self.pk}"


# History entries that mean the text changed (a sign-off before them is stale).
TEXT_EDITS = {
    ArticleEvent.Action.SAVED,
    ArticleEvent.Action.APPROVAL_WITHDRAWN,
    ArticleEvent.Action.RESTORED,
}


class Correction(models.Model):
    """A note printed under a live article after it was corrected."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    note = models.TextField(_("correction note"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("corrected at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self):
        return self.note_en or self.note_zh_hans
