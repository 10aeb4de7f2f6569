"""An article's public page as last rendered, kept with the article."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StoredPage(models.Model):
    """An article's public page in one interface language and reading mode, as
    rendered from the article and everything it shows (articles/rendering.py).

    Served while `stamp` is the article's `pages_stamp` and `release` is the code
    now running; anything the page shows changing gives the article a new stamp in
    the same transaction, so a stored page is never older than what it shows. Its
    aside, which lists other stories, is kept apart: it is served while the site's
    generation (pagecache.SiteState) is `aside_generation` and, if a story of the
    section is scheduled, until `aside_until`, when that story goes public.
    """

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="stored_pages",
    )
    language = models.CharField(_("language"), max_length=10)
    mode = models.CharField(_("reading mode"), max_length=10)
    html = models.TextField(_("HTML"))
    stamp = models.BigIntegerField(_("stamp"))
    release = models.CharField(_("release"), max_length=64)
    aside_html = models.TextField(_("aside HTML"), blank=True)
    aside_generation = models.BigIntegerField(_("aside generation"))
    aside_until = models.DateTimeField(_("aside served until"), null=True)
    rendered_at = models.DateTimeField(
        _("rendered at"), help_text=_("When the page or its aside was last rendered.")
    )

    class Meta:
        verbose_name = _("stored page")
        verbose_name_plural = _("stored pages")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language", "mode"],
                name="articles_storedpage_unique_page",
            )
        ]

    def __str__(self):
        return f"{self.article_id} {self.language} {self.mode}"
