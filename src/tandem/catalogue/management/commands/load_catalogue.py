"""tandem load-catalogue: the shipped frameworks and vocabularies (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from tandem.catalogue.services import CatalogueError, load_catalogue


class Command(BaseCommand):
    help = "Load the cooperation catalogue shipped in catalogue/data/*.yaml. Idempotent."

    def handle(self, *args, **options):
        try:
            counter = load_catalogue()
        except CatalogueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(counter.summary() if counter.changed() else "catalogue up to date")
