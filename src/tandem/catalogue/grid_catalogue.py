"""Loading grid.yaml: the typology, the three foci with their mappings, and the factor tree."""

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
    sync, translated, CatalogueError = errors
    for dimension, values in data["typology"].items():
        if dimension not in TypologyValue.Dimension.values:
            raise CatalogueError(f"grid.yaml typology: unknown dimension '{dimension}'")
        for order, entry in enumerate(values, start=1):
            where = f"grid.yaml typology {dimension} {entry.get('slug')}"
            fields = translated("name", entry.get("name"), where)
            fields |= translated("description", entry.get("description"), where)
            fields |= {"order": order, "dimension": dimension, "source": entry.get("source", "")}
            _, c, u = sync(TypologyValue, {"slug": entry["slug"]}, fields)
            counter.add("typology values", c, u)
    foci = {}
    for order, entry in enumerate(data["foci"], start=1):
        where = f"grid.yaml focus {entry.get('slug')}"
        fields = translated("name", entry.get("name"), where)
        fields |= translated("description", entry.get("description"), where)
        fields |= {"order": order, "source": entry.get("source", "")}
        foci[entry["slug"]], c, u = sync(CooperationFocus, {"slug": entry["slug"]}, fields)
        counter.add("foci", c, u)
    for entry in data.get("focus_mappings", []):
        _load_mapping(entry, foci, counter, sync, translated, CatalogueError)
    for order, entry in enumerate(data.get("factors", []), start=1):
        _load_factor(entry, None, order, counter, sync, translated)


def _load_mapping(entry, foci, counter, sync, translated, CatalogueError) -> None:
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
    mapping, c, u = sync(FocusMapping, {"slug": entry["slug"]}, fields)
    counter.add("focus mappings", c, u)
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
            assignment, c, u = sync(FocusAssignment, lookup, {"focus": focus})
            wanted.add(assignment.pk)
            counter.add("focus assignments", c, u)
    # An assignment the file no longer lists is removed: the mapping is exactly the file's.
    FocusAssignment.objects.filter(mapping=mapping).exclude(pk__in=wanted).delete()


def _load_factor(entry, parent, order, counter, sync, translated) -> Factor:
    where = f"grid.yaml factor {entry.get('slug')}"
    fields = translated("name", entry.get("name"), where)
    fields |= {"order": order, "source": entry.get("source", "")}
    factor, c, u = sync(Factor, {"parent": parent, "slug": entry["slug"]}, fields)
    counter.add("factors", c, u)
    for child_order, child in enumerate(entry.get("children", []), start=1):
        _load_factor(child, factor, child_order, counter, sync, translated)
    return factor
