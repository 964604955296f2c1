from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "tandem.demo"
    label = "demo"
    verbose_name = _("Demo")

    def ready(self):
        from . import integrity  # noqa: F401 - registers its checks with core.integrity
