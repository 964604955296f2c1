from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GridConfig(AppConfig):
    name = "tandem.grid"
    verbose_name = _("Analysis grid")
