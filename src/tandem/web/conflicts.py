"""The conflict view of a stale save (R5), shared by the register's, the grid's and the
trajectory's edit pages: what the user typed beside what someone else stored meanwhile, field
by field; and the edit page's whole flow around it (`versioned_edit`)."""

from tandem.core.pending import restored_post
from tandem.core.versioning import EditConflict


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


def versioned_edit(request, form_class, instance, save, **form_kwargs) -> tuple[object, list, bool]:
    """The edit page's one flow (R5): (form, conflict rows or None, saved). A POST is parsed by
    `form_class` and, when valid, saved by `save(form, opened_version)` (the service call); a
    stale save comes back as the conflict view with what was typed; a GET after a login gets the
    kept POST back (core.pending). `form_kwargs` as the form is built with."""
    if request.method != "POST":
        kept = restored_post(request)
        return form_class(kept or None, instance=instance, **form_kwargs), None, False
    form = form_class(request.POST, instance=instance, **form_kwargs)
    if not form.is_valid():
        return form, None, False
    try:
        save(form, form.cleaned_data.get("opened_version"))
    except EditConflict as clash:
        conflict, form = conflict_view(form, clash.current, **form_kwargs)
        return form, conflict, False
    return form, None, True
