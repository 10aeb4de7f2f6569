"""The project package as an app, for the checks it adds to Django's."""

from django.apps import AppConfig
from django.core import checks


class NewsroomConfig(AppConfig):
    name = "newsroom"

    def ready(self):
        # Not tagged `database`: it only reads a local file's journal mode, and so
        # is shown by runserver and migrate alike, not only by `check --database`.
        from .health import check_sqlite

        checks.register(check_sqlite)
