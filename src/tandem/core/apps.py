from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Mechanisms every app shares and no app owns (no models of its own)."""

    name = "tandem.core"
    label = "core"
    verbose_name = _("Shared mechanisms")

    def ready(self) -> None:
        from . import converters

        converters.register()  # before any app's urls.py is read
