"""People who are credited (with or without a login) and the roles they are given."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffMember(models.Model):
    """A person the desk credits; they may or may not have a login."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    note = models.CharField(
        _("note"),
        max_length=60,
        blank=True,
        help_text=_("Shown after the name, e.g. a nationality: UK / 英国."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff_member",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        # A linked login signs that person's bylines: managing editors only.
        permissions = [("link_login", _("Can link a person to a login"))]

    def __str__(self):
        return self.name


class CreditRole(models.Model):
    """A role in the credits block, such as Managing Editor 责任编辑."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("label"), max_length=60)
    order = models.PositiveSmallIntegerField(
        _("order"), default=100, help_text=_("Lower numbers come first in credits.")
    )

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("credit role")
        verbose_name_plural = _("credit roles")

    def __str__(self):
        return self.label
