"""The staffcredits app: people and the credit vocabulary."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffcreditsConfig(AppConfig):
    name = "staffcredits"
    verbose_name = _("Staff and credits")
