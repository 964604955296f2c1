from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GridConfig(AppConfig):
    name = "tandem.grid"
    verbose_name = _("Analysis grid")

    def ready(self):
        from tandem.campaigns.queries import DEGREE_SOURCES
        from tandem.catalogue.models import Framework

        from .queries import grid_degrees

        # A grid campaign's matrices show the degrees of its synthesis tables.
        DEGREE_SOURCES[Framework.Method.GRID] = grid_degrees
