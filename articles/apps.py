"""The articles app: revisions registered, and what article changes set off wired."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Articles")

    def ready(self):
        import reversion

        from .models import Article, ArticleCredit, Block

        # Registered here, after modeltranslation has added the _en/_zh_hans fields,
        # so revisions keep both languages. An article's revision holds its pairs
        # and credits as well.
        reversion.register(Block)
        reversion.register(ArticleCredit)
        # The stamp of its stored pages is not part of what an article says.
        reversion.register(
            Article, follow=["blocks", "credits"], exclude=["pages_stamp"]
        )
        self._retire_cached_pages_on_change()
        self._schedule_go_live()
        self._subscribe_to_article_events()

    def _subscribe_to_article_events(self):
        from django.db.models.signals import post_save

        from . import caching, notifications
        from .events import event_saved, subscribe
        from .models import ArticleEvent

        post_save.connect(event_saved, sender=ArticleEvent, dispatch_uid="events")
        # The stored pages and the workflow mail follow committed changes.
        subscribe(caching.article_changed_received)
        subscribe(notifications.article_changed_received)

    def _schedule_go_live(self):
        """Stored pages are retired when a scheduled article's time comes."""
        from pagecache.stamps import add_schedule

        from .caching import next_go_live

        add_schedule(next_go_live)

    def _retire_cached_pages_on_change(self):
        from django.db.models.signals import (
            m2m_changed,
            post_delete,
            post_save,
            pre_delete,
        )

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
        from .rendering import photographers_changed, shown_changed

        shown = [Article, Block, ArticleCredit, Narration, Correction, Photo]
        shown += [Publication, Section, StaffMember, CreditRole]
        for model in shown:
            post_save.connect(content_saved, sender=model)
            post_delete.connect(content_saved, sender=model)
            post_save.connect(shown_changed, sender=model)
            pre_delete.connect(shown_changed, sender=model)
        photographers = Photo.photographers.through
        m2m_changed.connect(content_saved, sender=photographers)
        m2m_changed.connect(photographers_changed, sender=photographers)
