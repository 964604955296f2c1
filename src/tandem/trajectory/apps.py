from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrajectoryConfig(AppConfig):
    name = "tandem.trajectory"
    label = "trajectory"
    verbose_name = _("Integration trajectory")
