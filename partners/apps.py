"""The partners app: webhooks subscribe to article changes."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        from articles.events import subscribe

        from .webhooks import article_changed_received

        subscribe(article_changed_received)
