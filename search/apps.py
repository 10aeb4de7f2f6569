"""The search app's configuration: the index subscribes to article changes here.

articles.events sends `article_changed` once per article after each commit; the
index re-reads that article then (index.article_changed_received).
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from articles.events import subscribe

        from .index import article_changed_received

        subscribe(article_changed_received)
