"""Saving the coordinator's texts of a study report (issue 17.4): the parts of one section (a
domain, a grid campaign's focus group, or the whole study) in one language, all or nothing, each
part versioned (R5) with its history naming who wrote it."""

from dataclasses import dataclass

from django.db import transaction

from tandem.catalogue.models import CooperationFocus, Domain
from tandem.core.history import Actor, record_actor

from ..models import Campaign, StudyText


@dataclass(frozen=True)
class Draft:
    part: str
    text: str
    opened_version: int | None  # the version the page showed; None: the part was empty then


class StudyConflict(Exception):
    """Someone saved some of these parts after the page was opened: `stored` holds them as they
    are now; nothing was saved."""

    def __init__(self, stored: list[StudyText]) -> None:
        super().__init__("study texts changed since they were opened")
        self.stored = stored


@transaction.atomic
def save_study_texts(
    *,
    campaign: Campaign,
    domain: Domain | None,
    focus: CooperationFocus | None = None,
    language: str,
    drafts: list[Draft],
    user: Actor,
) -> int:
    """Save the parts whose text changed; returns how many. A part saved by someone else since
    the page was opened is a conflict, and then none is saved."""
    # order_by(): the model's ordering joins the (nullable) domain, and PostgreSQL refuses FOR
    # UPDATE on the nullable side of an outer join.
    stored = {
        t.part: t
        for t in StudyText.objects.select_for_update(of=("self",))
        .filter(campaign=campaign, domain=domain, focus=focus, language=language)
        .order_by()
    }
    # A text is never deleted (emptied, it stays a record), so a part is new or has a version.
    clashes = [
        stored[d.part]
        for d in drafts
        if d.part in stored and stored[d.part].version != d.opened_version
    ]
    if clashes:
        raise StudyConflict(clashes)
    changed = 0
    for draft in drafts:
        # A browser posts a textarea's line breaks as CRLF; the stored text has LF.
        text = draft.text.replace("\r\n", "\n").strip()
        record = stored.get(draft.part)
        if record is None:
            if not text:
                continue
            record = StudyText(
                campaign=campaign, domain=domain, focus=focus, part=draft.part, language=language
            )
        elif record.text == text:
            continue
        else:
            record.version += 1
        record.text, record.updated_by = text, user
        record_actor(record, user)
        record.save()
        changed += 1
    return changed
