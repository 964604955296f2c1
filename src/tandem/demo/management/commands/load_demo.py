"""tandem load-demo: the demo campaigns transcribed from the seeds (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from tandem.demo.services import DemoDataError, load_demo


class Command(BaseCommand):
    help = "Load the demo campaigns (needs load-reference and load-catalogue first). Idempotent."

    def handle(self, *args, **options):
        try:
            counts = load_demo()
        except DemoDataError as error:
            raise CommandError(str(error)) from error
        changed = {k: v for k, v in counts.items() if v}
        self.stdout.write(
            ", ".join(f"{k}: {v}" for k, v in changed.items())
            if changed
            else "demo data up to date"
        )
