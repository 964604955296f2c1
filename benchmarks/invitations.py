"""Benchmark for mail as background jobs (issue 16.4): inviting 565 pairs x 2 people.

Targets (issue 16): queueing the 1,130 invitations in one request takes at most 1 s; the worker
sends at least 50 mails/s on this machine; the query count per mail is printed.

How it works: a fresh SQLite database in a temporary directory (the embedded default) with the
reference data and one campaign on framework 'management-2010' that all 565 pairs take part in.
Then

  queue    `campaigns.services.invitations.invite_many` for two people per pair (the
           municipality's and the OCMW's), 1,130 at once, as a bulk invitation request does: the
           invitation rows, the mail rows and the jobs (django-tasks-db, 25 mails per job), no
           mail sent;
  worker   `tandem worker --batch` (django-tasks-db's db_worker): every job, each mail rendered
           in the pair's language (text and HTML) with a fresh link and written by Django's file
           mail backend; mails per second and queries per mail.

The sent count is checked against the 1,130 mail files' recipients.

Run:  .venv/bin/python benchmarks/invitations.py [--pairs 565]
Not part of the test suite.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Counter:
    """A query counter for connection.execute_wrapper (no 9,000-query cap, no SQL kept)."""

    def __init__(self) -> None:
        self.count = 0

    def __len__(self) -> int:
        return self.count

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


QUEUE_TARGET_S = 1.0
WORKER_TARGET = 50.0  # mails per second


def _prepare(var_dir: str, mail_dir: str) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "tandem.settings",
            "TANDEM_VAR_DIR": var_dir,
            "TANDEM_SEEDS_DIR": str(ROOT.parent / "shared" / "seeds"),
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "TANDEM_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "DEBUG": "0",
        }
    )
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT / "src"))
    import django
    from django.conf import settings

    django.setup()
    settings.EMAIL_FILE_PATH = mail_dir


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=565)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var_dir, tempfile.TemporaryDirectory() as mail_dir:
        _prepare(var_dir, mail_dir)
        from django.core.management import call_command
        from django.db import connection, transaction

        from tandem.campaigns.models import CampaignMail
        from tandem.campaigns.services import coordination, invitations
        from tandem.catalogue.models import Framework
        from tandem.catalogue.services import load_catalogue
        from tandem.places.models import Pair
        from tandem.places.services import load_reference

        call_command("migrate", verbosity=0)
        load_reference()
        load_catalogue()
        from django.contrib.auth.models import User

        coordinator = User.objects.create_user("coordinator@example.be")
        framework = Framework.objects.get(slug="management-2010")
        campaign = coordination.create_campaign(
            user=coordinator, framework=framework, slug="bench", name="Benchmark", year=2026
        )
        pairs = list(Pair.objects.select_related("municipality__region")[: args.pairs])
        coordination.add_pairs(campaign=campaign, pairs=pairs)
        people = [
            (pair, kind, f"{kind}.{pair.municipality.refnis}@example.be")
            for pair in pairs
            for kind in ("gemeente", "ocmw")
        ]

        invitees = [
            invitations.Invitee(pair=pair, administration=kind, name=f"Person {email}", email=email)
            for pair, kind, email in people
        ]
        queue_queries, worker_queries = Counter(), Counter()
        started = time.perf_counter()
        with connection.execute_wrapper(queue_queries), transaction.atomic():
            invitations.invite_many(
                campaign=campaign,
                invitees=invitees,
                invited_by=coordinator,
                base_url="https://tandem.example/",
            )
        queue_s = time.perf_counter() - started
        queued = CampaignMail.objects.filter(status="queued").count()

        started = time.perf_counter()
        with connection.execute_wrapper(worker_queries):
            call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
        worker_s = time.perf_counter() - started
        sent = CampaignMail.objects.filter(status="sent").count()
        recipients = set()
        for path in Path(mail_dir).iterdir():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.startswith("To: "):
                    recipients.add(line[4:].strip())
        assert sent == len(people) == queued, (sent, queued, len(people))
        assert recipients == {email for _pair, _kind, email in people}, "mail files differ"

    per_mail_queries = len(worker_queries) / sent
    print(f"people invited            {len(people)} ({len(pairs)} pairs x 2)")
    print(
        f"queue (one request)       {queue_s:.3f} s, {len(queue_queries)} queries "
        f"({len(queue_queries) / len(people):.1f} per invitation); target <= {QUEUE_TARGET_S} s"
    )
    print(
        f"worker                    {sent} mails in {worker_s:.2f} s = {sent / worker_s:.1f} "
        f"mails/s; target >= {WORKER_TARGET}"
    )
    print(f"queries per mail          {per_mail_queries:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
