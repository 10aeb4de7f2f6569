"""The partners app: webhooks write their deliveries with each article change."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        from django.db.models.signals import post_save

        from articles.models import ArticleEvent

        from .webhooks import event_saved

        post_save.connect(event_saved, sender=ArticleEvent, dispatch_uid="webhooks")
