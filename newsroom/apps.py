"""The project package as an app, for the checks it adds to Django's."""

from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class NewsroomConfig(AppConfig):
    default = True  # this module also holds another app's config
    name = "newsroom"

    def ready(self):
        # Not tagged `database`: it only reads a local file's journal mode, and so
        # is shown by runserver and migrate alike, not only by `check --database`.
        from .health import check_sqlite

        checks.register(check_sqlite)


class TaskResultsConfig(TasksAppConfig):
    """django-tasks' database backend, named in the admin in the interface language."""

    verbose_name = _("Background tasks")
