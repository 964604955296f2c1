from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "tandem.campaigns"
    label = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        from . import (
            integrity,  # noqa: F401 - registers its checks with core.integrity
            languages,  # noqa: F401 - connects the login receiver
        )
