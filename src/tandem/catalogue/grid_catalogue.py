"""Loading grid.yaml: the typology, the three foci with their mappings, and the factor tree."""

from tandem.core.sync import delete_absent, sync_row

from .models import (
    Aspect,
    CooperationFocus,
    Domain,
    Factor,
    FocusAssignment,
    FocusMapping,
    Framework,
    TypologyValue,
)


def load_grid_vocabulary(data: dict, counter, errors) -> None:
    # The loader's helpers are passed in to keep this module free of an import cycle.
    translated, CatalogueError = errors
    for dimension, values in data["typology"].items():
        if dimension not in TypologyValue.Dimension.values:
            raise CatalogueError(f"grid.yaml typology: unknown dimension '{dimension}'")
        for order, entry in enumerate(values, start=1):
            where = f"grid.yaml typology {dimension} {entry.get('slug')}"
            fields = translated("name", entry.get("name"), where)
            fields |= translated("description", entry.get("description"), where)
            fields |= {"order": order, "dimension": dimension, "source": entry.get("source", "")}
            _, outcome = sync_row(model=TypologyValue, key={"slug": entry["slug"]}, values=fields)
            counter.add("typology values", outcome)
    foci = {}
    for order, entry in enumerate(data["foci"], start=1):
        where = f"grid.yaml focus {entry.get('slug')}"
        fields = translated("name", entry.get("name"), where)
        fields |= translated("description", entry.get("description"), where)
        fields |= {"order": order, "source": entry.get("source", "")}
        foci[entry["slug"]], outcome = sync_row(
            model=CooperationFocus, key={"slug": entry["slug"]}, values=fields
        )
        counter.add("foci", outcome)
    for entry in data.get("focus_mappings", []):
        _load_mapping(entry, foci, counter, translated, CatalogueError)
    for order, entry in enumerate(data.get("factors", []), start=1):
        _load_factor(entry, None, order, counter, translated)


def _load_mapping(entry, foci, counter, translated, CatalogueError) -> None:
    where = f"grid.yaml focus mapping {entry.get('slug')}"
    framework = Framework.objects.filter(slug=entry["framework"]).first()
    if framework is None:
        raise CatalogueError(f"{where}: unknown framework '{entry['framework']}'")
    fields = translated("name", entry.get("name"), where)
    fields |= {
        "framework": framework,
        "is_default": bool(entry.get("default", False)),
        "source": entry.get("source", ""),
    }
    mapping, outcome = sync_row(model=FocusMapping, key={"slug": entry["slug"]}, values=fields)
    counter.add("focus mappings", outcome)
    domains = {d.slug: d for d in Domain.objects.filter(framework=framework)}
    wanted = set()
    for focus_slug, focus in foci.items():
        for reference in entry.get(focus_slug, []):
            domain_slug, _, component = reference.partition("/")
            domain = domains.get(domain_slug)
            if domain is None:
                raise CatalogueError(f"{where}: unknown domain '{domain_slug}'")
            aspect = None
            if component:
                aspect = Aspect.objects.filter(domain=domain, slug=component).first()
                if aspect is None:
                    raise CatalogueError(f"{where}: unknown component '{reference}'")
            lookup = {"mapping": mapping, "domain": domain, "aspect": aspect}
            assignment, outcome = sync_row(
                model=FocusAssignment, key=lookup, values={"focus": focus}
            )
            wanted.add(assignment.pk)
            counter.add("focus assignments", outcome)
    # An assignment the file no longer lists is removed: the mapping is exactly the file's.
    delete_absent(records=FocusAssignment.objects.filter(mapping=mapping), kept=wanted)


def _load_factor(entry, parent, order, counter, translated) -> Factor:
    where = f"grid.yaml factor {entry.get('slug')}"
    fields = translated("name", entry.get("name"), where)
    fields |= {"order": order, "source": entry.get("source", "")}
    factor, outcome = sync_row(
        model=Factor, key={"parent": parent, "slug": entry["slug"]}, values=fields
    )
    counter.add("factors", outcome)
    for child_order, child in enumerate(entry.get("children", []), start=1):
        _load_factor(child, factor, child_order, counter, translated)
    return factor
