"""A pair's contact persons per contact domain and administration ('Bijkomende gegevens',
S001:1121-1154)."""

from collections.abc import Iterable, Mapping

from django.db import transaction

from tandem.catalogue.models import ContactDomain
from tandem.core.history import Actor, record_actor
from tandem.places.models import Pair

from ..models import Campaign, ContactPerson

CONTACT_FIELDS = ("name", "function", "phone", "email")


@transaction.atomic
def save_contacts(
    *,
    campaign: Campaign,
    pair: Pair,
    entries: Iterable[tuple[ContactDomain, str, Mapping[str, str], ContactPerson | None]],
    user: Actor,
) -> int:
    """Store the contact persons of a pair in a campaign, all or none. `entries` holds per cell
    (contact domain, administration, cleaned values, the stored ContactPerson or None); a cell
    without a name removes its contact (the history keeps it). Returns how many changed."""
    changed = 0
    for contact_domain, administration, values, contact in entries:
        if not values.get("name"):
            if contact is not None:
                record_actor(contact, user)
                contact.delete()
                changed += 1
            continue
        contact = contact or ContactPerson(
            campaign=campaign,
            pair=pair,
            contact_domain=contact_domain,
            administration=administration,
        )
        if contact.pk and all(getattr(contact, f) == values[f] for f in CONTACT_FIELDS):
            continue
        for field in CONTACT_FIELDS:
            setattr(contact, field, values[field])
        record_actor(contact, user)
        contact.save()
        changed += 1
    return changed
