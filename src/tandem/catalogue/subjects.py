"""Loading the subjects followed across frameworks (catalogue/data/subjects.yaml, issue 17.7):
each names the domains of the frameworks and the synergy report's domains that treat it; and
the product dossiers of "samenwerken, tenzij…" (product_dossiers.yaml, issue 18.5)."""

from typing import Any

from tandem.core.sync import Outcome, sync_m2m, sync_row

from .models import Domain, ProductDossier, Subject, SynergyDomain


def load_subjects(data: dict[str, Any], counter, translated, error) -> None:
    """`translated` and `error` are the loader's (services._translated, CatalogueError), passed
    in so this module does not import the one that calls it."""
    for order, entry in enumerate(data["subjects"], start=1):
        where = f"subjects.yaml {entry.get('slug')}"
        values = translated("name", entry.get("name"), where)
        values |= translated("note", entry.get("note"), where)
        values |= {"order": order, "source": entry.get("source", "")}
        subject, outcome = sync_row(model=Subject, key={"slug": entry["slug"]}, values=values)
        domains = []
        for framework, slugs in (entry.get("domains") or {}).items():
            found = {
                d.slug: d for d in Domain.objects.filter(framework__slug=framework, slug__in=slugs)
            }
            missing = [slug for slug in slugs if slug not in found]
            if missing:
                raise error(f"{where}: framework '{framework}' has no domain {', '.join(missing)}")
            domains += [found[slug] for slug in slugs]
        slugs = entry.get("synergy_domains") or []
        synergy = {d.slug: d for d in SynergyDomain.objects.filter(slug__in=slugs)}
        missing = [slug for slug in slugs if slug not in synergy]
        if missing:
            raise error(f"{where}: no synergy domain {', '.join(missing)}")
        changed = sync_m2m(manager=subject.domains, wanted=domains)
        changed |= sync_m2m(manager=subject.synergy_domains, wanted=[synergy[s] for s in slugs])
        if changed and outcome == Outcome.UNCHANGED:
            outcome = Outcome.UPDATED
        counter.add("subjects", outcome)


def load_product_dossiers(data: dict[str, Any], counter, translated) -> None:
    """The product dossiers of "samenwerken, tenzij…" (catalogue/data/product_dossiers.yaml)."""
    for order, entry in enumerate(data["dossiers"], start=1):
        where = f"product_dossiers.yaml {entry.get('slug')}"
        values = translated("name", entry.get("name"), where)
        values |= {"order": order, "source": entry.get("source", "")}
        _, outcome = sync_row(model=ProductDossier, key={"slug": entry["slug"]}, values=values)
        counter.add("product dossiers", outcome)
