"""Answers saved after the session expired (R2, core.pending): an autosave posts to its row's
URL, so they are kept for the domain page, and stored exactly once when the person is back on
that page."""

from django.contrib import messages
from django.utils.translation import gettext as _

from tandem.core.pending import take_kept_post

ROW_SEGMENT = "/rows/"


def page_of(path: str) -> str:
    """The domain page a save belongs to (an autosave posts to …/<domain>/rows/<key>/)."""
    return path.split(ROW_SEGMENT)[0] + "/" if ROW_SEGMENT in path else path


def replay(request, seat, domain, rows_for, save_row):
    """If answers for this page are waiting, save them now (version-checked, so a save made
    elsewhere meanwhile gives a conflict, never an overwrite). Returns the rows, or None."""
    data = take_kept_post(request)
    if data is None or not seat.editable:
        return None
    rows = rows_for(seat, domain, data)
    posted = [r for r in rows if r.form.add_prefix("version") in data]
    for row in posted:
        save_row(request, seat, row)
    by_key = {r.key: r for r in posted}
    fresh = rows_for(seat, domain)
    if all(r.saved for r in posted):
        messages.success(request, _("The answers you saved before logging in again are stored."))
        return fresh
    messages.warning(request, _("Some answers you saved before logging in again need a look."))
    return [by_key[r.key] if r.key in by_key and not by_key[r.key].saved else r for r in fresh]
