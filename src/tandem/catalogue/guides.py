"""Loading a framework's domain guides (catalogue/data/guides/<framework>.yaml): each domain's
definition and its example activities, shown where a respondent or coordinator chooses a
component (issue 17.6: seed 000 §3.1.3 and Bijlage 2 for the financial sub-domains)."""

from pathlib import Path

from tandem.core.sync import Outcome, sync_row

from .models import Domain, ExampleActivity


def load_guides(directory: Path, read, counter, translated, error) -> None:
    """`read`, `translated` and `error` are the loader's (services._load, _translated,
    CatalogueError), passed in so this module does not import the one that calls it."""
    for path in sorted(directory.glob("*.yaml")):
        data = read(path)
        framework = data["framework"]
        for slug, guide in (data.get("domains") or {}).items():
            where = f"guides/{path.name} {slug}"
            domain = Domain.objects.filter(framework__slug=framework, slug=slug).first()
            if domain is None:
                raise error(f"{where}: framework '{framework}' has no such domain")
            definition = guide.get("definition") or {}
            values = translated("definition", definition, where)
            values["definition_source"] = definition.get("source", "")
            _, outcome = sync_row(model=Domain, key={"pk": domain.pk}, values=values)
            counter.add("domain definitions", outcome)
            _load_examples(domain, guide.get("examples") or [], where, counter, translated, error)


def _load_examples(domain, examples, where, counter, translated, error) -> None:
    for order, example in enumerate(examples, start=1):
        if not example.get("nl"):
            raise error(f"{where} example {order}: needs a Dutch text")
        values = translated("text", example, f"{where} example {order}")
        values["source"] = example.get("source", "")
        _, outcome = sync_row(
            model=ExampleActivity, key={"domain": domain, "order": order}, values=values
        )
        counter.add("example activities", outcome)
    removed, _ = ExampleActivity.objects.filter(domain=domain, order__gt=len(examples)).delete()
    if removed:
        counter.add("example activities", Outcome.UPDATED)
