"""The site's generation, kept in the database for what is stored there."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SiteState(models.Model):
    """One row: the generation of what the public pages list, in the database.

    Moved with the cache's generation (stamps.site_changed), in the transaction
    of the change, so that parts of pages kept in the database (an article
    page's "more in this section" aside) are retired with the pages in the cache.
    """

    generation = models.BigIntegerField(_("generation"), default=0)

    class Meta:
        verbose_name = _("site state")
        verbose_name_plural = _("site state")

    def __str__(self):
        return f"generation {self.generation}"
