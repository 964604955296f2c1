"""Catalogue data that every questionnaire request reads (a framework's domains, the choice
lists): kept a minute in the process's cache, so an autosave does not query it again. An edit of
the catalogue shows within that minute; translated labels are read per request, in the active
language, from the kept objects."""

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

from .models import DegreeLevel, Domain, ExampleActivity, Instrument, ObstacleType, ReasonCluster

TIMEOUT = 60

Kept = TypeVar("Kept")


def remembered(key: str, load: Callable[[], Kept]) -> Kept:
    value: Kept | None = cache.get(key)
    if value is None:
        value = load()
        cache.set(key, value, timeout=TIMEOUT)
    return value


def domains_of(framework_id: int) -> list[Domain]:
    """The framework's management domains in questionnaire order."""
    return remembered(
        f"tandem:framework-domains:{framework_id}",
        lambda: list(Domain.objects.filter(framework_id=framework_id).order_by("number")),
    )


def choice_terms() -> tuple[list, list, list, list]:
    """Degrees, reason clusters, obstacle types and instruments, in their catalogue order."""
    return remembered(
        "tandem:questionnaire-vocabulary",
        lambda: (
            list(DegreeLevel.objects.all()),
            list(ReasonCluster.objects.all()),
            list(ObstacleType.objects.all()),
            list(Instrument.objects.all()),
        ),
    )


def examples_of(domain_id: int) -> list[ExampleActivity]:
    """A domain's example activities (issue 17.6), shown beside the choice of a component."""
    return remembered(
        f"tandem:domain-examples:{domain_id}",
        lambda: list(ExampleActivity.objects.filter(domain_id=domain_id).order_by("order")),
    )
