"""What the campaign benchmarks share: a temporary SQLite database with the reference data and
the catalogue, a coordinator, a campaign on 'management-2010' with all 565 pairs and one closed
round, and synthetic submitted answers with texts (fixed seed, so every run measures the same)."""

import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 2010


def prepare(var_dir: str) -> None:
    """Point Django at a fresh SQLite database in `var_dir` and set it up."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "tandem.settings",
            "TANDEM_VAR_DIR": var_dir,
            "TANDEM_SEEDS_DIR": str(ROOT.parent / "shared" / "seeds"),
            "DEBUG": "0",
        }
    )
    os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def campaign_with_pairs(limit: int | None = None):
    """Migrate, load the reference data and catalogue; a coordinator's campaign with every
    pair (or the first `limit`, by REFNIS code) and its first round closed. Returns
    (coordinator, campaign, round, pairs)."""
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from tandem.campaigns.services import coordination
    from tandem.catalogue.models import Framework
    from tandem.catalogue.services import load_catalogue
    from tandem.places.models import Pair
    from tandem.places.services import load_reference

    call_command("migrate", verbosity=0)
    load_reference()
    load_catalogue()
    coordinator = User.objects.create_user("coordinator@example.be")
    framework = Framework.objects.get(slug="management-2010")
    campaign = coordination.create_campaign(
        user=coordinator, framework=framework, slug="bench", name="Benchmark", year=2026
    )
    pairs = list(Pair.objects.select_related("municipality").order_by("municipality__refnis"))
    pairs = pairs[:limit] if limit else pairs
    coordination.add_pairs(campaign=campaign, pairs=pairs)
    round_ = campaign.rounds.get(number=1)
    round_.status = "closed"
    round_.save(update_fields=["status"])
    return coordinator, campaign, round_, pairs


def answer_all(round_, pairs, aspects) -> int:
    """Every pair's submitted answer to every aspect: a random degree, a reason text, one or two
    reason clusters, an instrument and regulation where it cooperates, a wish where the degree
    asks one, obstacles (text and type) where formal. Returns how many answers it made."""
    from tandem.campaigns.models import Response
    from tandem.catalogue.models import Instrument, ObstacleType, ReasonCluster

    rng = random.Random(SEED)
    clusters = list(ReasonCluster.objects.all())
    obstacle_types = list(ObstacleType.objects.all())
    instruments = list(Instrument.objects.all())
    rows = []
    for pair in pairs:
        for aspect in aspects:
            degree = rng.choice((0, 1, 2))
            rows.append(
                Response(
                    round=round_,
                    pair=pair,
                    aspect=aspect,
                    degree=degree,
                    status=Response.Status.SUBMITTED,
                    reasons=f"Reden van {pair.municipality.name_nl} voor {aspect.slug}.",
                    instrument=rng.choice(instruments) if degree else None,
                    regulation="Protocol van 2019." if degree else "",
                    desirable=rng.choice((True, False)) if degree == 0 else None,
                    desirable_reasons="Te klein." if degree == 0 else "",
                    formal_desirable=rng.choice((True, False)) if degree == 1 else None,
                    formal_desirable_reasons="Afspraken vastleggen." if degree == 1 else "",
                    obstacles="Privacy en wetgeving." if degree == 2 else "",
                )
            )
    created = Response.objects.bulk_create(rows, batch_size=2000)
    through_c = Response.reason_clusters.through
    through_o = Response.obstacle_types.through
    through_c.objects.bulk_create(
        [
            through_c(response_id=r.pk, reasoncluster_id=c.pk)
            for r in created
            for c in rng.sample(clusters, rng.choice((1, 2)))
        ],
        batch_size=5000,
    )
    through_o.objects.bulk_create(
        [
            through_o(response_id=r.pk, obstacletype_id=rng.choice(obstacle_types).pk)
            for r in created
            if r.degree == 2
        ],
        batch_size=5000,
    )
    return len(created)
