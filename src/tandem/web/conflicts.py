"""The conflict view of a stale save (R5), shared by the register's and the grid's edit pages:
what the user typed beside what someone else stored meanwhile, field by field."""


def compared(form, stored) -> list[tuple]:
    """(label, what the user typed, what is stored now) for each field where they differ; a
    many-to-many field compares its chosen objects, and empty text equals no value."""
    rows = []
    for name, field in form.fields.items():
        if name == "opened_version" or name not in form.cleaned_data:
            continue
        mine, theirs = form.cleaned_data.get(name), getattr(stored, name)
        if hasattr(theirs, "all"):
            theirs, mine = list(theirs.all()), list(mine or [])
        if mine != theirs and not (mine in (None, "") and theirs in (None, "")):
            rows.append((field.label, mine, theirs))
    return rows


def conflict_view(form, stored, **form_kwargs) -> tuple[list[tuple], object]:
    """After a stale save: the rows of the conflict view, and the same form class bound again to
    what the user typed but with the stored version, so that saving again is a deliberate
    choice over the stored values (`form_kwargs` as the form was built with, e.g. pair=…)."""
    rows = compared(form, stored)
    data = form.data.copy()
    data["opened_version"] = stored.version
    again = type(form)(data, instance=stored, **form_kwargs)
    again.is_valid()
    return rows, again
