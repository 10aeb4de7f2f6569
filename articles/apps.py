from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        import reversion

        from . import accounts  # noqa: F401  (connects its signal receivers)
        from .models import Article, ArticleCredit, Block

        # Registered here, after modeltranslation has added the _en/_zh_hans fields,
        # so revisions keep both languages. An article's revision holds its pairs
        # and credits as well.
        reversion.register(Block)
        reversion.register(ArticleCredit)
        reversion.register(Article, follow=["blocks", "credits"])
        self._retire_cached_pages_on_change()

    def _retire_cached_pages_on_change(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from staffcredits.models import CreditRole, StaffMember

        from .caching import content_saved
        from .models import (
            Article,
            ArticleCredit,
            Block,
            Correction,
            Narration,
            Photo,
            Publication,
            Section,
        )

        shown = [Article, Block, ArticleCredit, Narration, Correction, Photo]
        shown += [Publication, Section, StaffMember, CreditRole]
        for model in shown:
            post_save.connect(content_saved, sender=model)
            post_delete.connect(content_saved, sender=model)
        m2m_changed.connect(content_saved, sender=Photo.photographers.through)
