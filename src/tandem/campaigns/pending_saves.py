"""Saves that arrive after the session expired (R2): kept in the new anonymous session, which
Django carries over at login, and stored exactly once when the person is back on the page."""

SESSION_KEY = "tandem_pending_saves"
ROW_SEGMENT = "/rows/"


def page_of(path: str) -> str:
    """The domain page a save belongs to (an autosave posts to …/<domain>/rows/<key>/)."""
    return path.split(ROW_SEGMENT)[0] + "/" if ROW_SEGMENT in path else path


def posted_fields(request) -> dict[str, list[str]]:
    """The posted fields a person typed (not the CSRF token, not the button, not files)."""
    return {
        name: request.POST.getlist(name)
        for name in request.POST
        if name not in ("csrfmiddlewaretoken", "action")
    }


def as_querydict(fields: dict[str, list[str]]):
    """Kept fields back as form data."""
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    for name, values in fields.items():
        data.setlist(name, values)
    return data


def keep(request) -> None:
    """Keep the posted answer fields for their page."""
    fields = posted_fields(request)
    if not fields:
        return
    pending = request.session.get(SESSION_KEY, {})
    stored = pending.setdefault(page_of(request.path), {})
    stored.update(fields)  # the later autosave of a row wins over an earlier one
    request.session[SESSION_KEY] = pending


def replay(request, seat, domain, rows_for, save_row):
    """If answers for this page are waiting, save them now (version-checked, so a save made
    elsewhere meanwhile gives a conflict, never an overwrite). Returns the rows, or None."""
    pending = request.session.get(SESSION_KEY)
    if not pending or request.path not in pending:
        return None
    data = as_querydict(pending.pop(request.path))
    request.session[SESSION_KEY] = pending
    rows = rows_for(seat, domain, data)
    posted = [r for r in rows if r.form.add_prefix("version") in data]
    if not seat.editable:
        return None
    for row in posted:
        save_row(request, seat, row)
    by_key = {r.key: r for r in posted}
    fresh = rows_for(seat, domain)
    from django.contrib import messages
    from django.utils.translation import gettext as _

    if all(r.saved for r in posted):
        messages.success(request, _("The answers you saved before logging in again are stored."))
        return fresh
    messages.warning(request, _("Some answers you saved before logging in again need a look."))
    return [by_key[r.key] if r.key in by_key and not by_key[r.key].saved else r for r in fresh]
