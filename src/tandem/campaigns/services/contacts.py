"""A pair's contact persons per contact domain and administration ('Bijkomende gegevens',
S001:1121-1154), saved all or none with an edit check per cell (R5): two people who each fill
another cell keep both entries; a cell someone else changed since the page was opened is a
conflict, never silently overwritten or removed."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import transaction

from tandem.catalogue.models import ContactDomain
from tandem.core.history import Actor, record_actor
from tandem.places.models import Pair

from ..models import Campaign, ContactPerson

CONTACT_FIELDS = ("name", "function", "phone", "email")
Cell = tuple[int, str]  # (contact domain id, administration)


@dataclass(frozen=True)
class ContactEntry:
    """One cell as posted: the values typed and the version the page showed (0: empty)."""

    contact_domain: ContactDomain
    administration: str
    values: Mapping[str, str]
    opened_version: int


class ContactsConflict(Exception):
    """Cells changed by someone else since the page was opened: {cell: the stored contact, or
    None when it was removed}. Nothing was saved."""

    def __init__(self, current: dict[Cell, ContactPerson | None]) -> None:
        super().__init__("contact persons changed since the page was opened")
        self.current = current


def _same(contact: ContactPerson | None, values: Mapping[str, str]) -> bool:
    if contact is None:
        return not values.get("name")
    return all(getattr(contact, f) == (values.get(f) or "") for f in CONTACT_FIELDS)


def _conflicts(entry: ContactEntry, stored: ContactPerson | None) -> bool | None:
    """True: a conflict; None: nothing to do for the cell; False: save it."""
    unchanged_since_opening = (stored.version if stored else 0) == entry.opened_version
    if unchanged_since_opening:
        return None if _same(stored, entry.values) else False
    if _same(stored, entry.values):
        return None  # the other person typed the same
    if entry.opened_version == 0 and not entry.values.get("name"):
        return None  # an empty cell this page never touched: no removal of the new entry
    return True


@transaction.atomic
def save_contacts(
    *, campaign: Campaign, pair: Pair, entries: Iterable[ContactEntry], user: Actor
) -> int:
    """Store the contact persons of a pair in a campaign, all or none; a cell without a name
    removes its contact (the history keeps it). Returns how many changed; raises
    ContactsConflict when any cell changed since the page was opened and the page differs."""
    stored = {
        (c.contact_domain_id, c.administration): c
        for c in ContactPerson.objects.select_for_update().filter(campaign=campaign, pair=pair)
    }
    plan = []
    conflicts: dict[Cell, ContactPerson | None] = {}
    for entry in entries:
        cell = (entry.contact_domain.pk, entry.administration)
        verdict = _conflicts(entry, stored.get(cell))
        if verdict:
            conflicts[cell] = stored.get(cell)
        elif verdict is False:
            plan.append((entry, stored.get(cell)))
    if conflicts:
        raise ContactsConflict(conflicts)
    for entry, contact in plan:
        if not entry.values.get("name"):
            if contact is not None:
                record_actor(contact, user)
                contact.delete()
            continue
        if contact is None:
            contact = ContactPerson(
                campaign=campaign,
                pair=pair,
                contact_domain=entry.contact_domain,
                administration=entry.administration,
                version=0,
            )
        for field in CONTACT_FIELDS:
            setattr(contact, field, entry.values.get(field) or "")
        contact.version += 1
        record_actor(contact, user)
        contact.save()
    return len(plan)
