"""Every write to a pair's register: saving a record with the edit-conflict check (R5,
core.versioning) and attaching documents (S11); approving a report is the reports app's. Each
write leaves a history record naming the actor (R6); none uses QuerySet.update(), which the
history cannot see."""

from django.core.files.base import File
from django.db import models, transaction

from tandem.core.history import Actor, record_actor
from tandem.core.uploads import store
from tandem.core.versioning import EditConflict, save_versioned
from tandem.places.models import Pair

from .models import FocusGroup, FocusGroupSession, Meeting, RegisterDocument, Synergy

__all__ = ["EditConflict", "add_session", "attach_document", "delete_record", "save_versioned"]


@transaction.atomic
def attach_document(
    *, pair: Pair, owner: Synergy | Meeting, kind: str, upload: "File[bytes]", user: Actor
) -> RegisterDocument:
    """Keep an uploaded document (validated by content beforehand) with a synergy or meeting."""
    link = str(owner._meta.model_name)  # the document's field for its owner: synergy, meeting
    document = RegisterDocument(pair=pair, kind=kind, **{link: owner})
    return store(document, upload, user)


@transaction.atomic
def add_session(
    *, focus_group: FocusGroup, values: dict[str, object], user: Actor
) -> FocusGroupSession:
    """Record one session of a saved focus group."""
    session = FocusGroupSession(focus_group=focus_group, **values)
    record_actor(session, user)
    session.save()
    return session


@transaction.atomic
def delete_record(*, record: models.Model, user: Actor) -> None:
    """Delete a register record; its history keeps what it held, with who deleted it."""
    record_actor(record, user)
    record.delete()
