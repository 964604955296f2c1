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
