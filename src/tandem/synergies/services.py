"""Every write to a pair's register: saving a record with the edit-conflict check (R5,
core.versioning) and attaching documents (S11); approving a report is the reports app's. Each
write leaves a history record naming the actor (R6); none uses QuerySet.update(), which the
history cannot see."""

from django.db import transaction

from tandem.core.uploads import store
from tandem.core.versioning import EditConflict, save_versioned

from .models import RegisterDocument

__all__ = ["EditConflict", "attach_document", "save_versioned"]


@transaction.atomic
def attach_document(pair, owner, kind: str, upload, user) -> RegisterDocument:
    """Keep an uploaded document (validated by content beforehand) with a synergy or meeting."""
    document = RegisterDocument(pair=pair, kind=kind, **{owner._meta.model_name: owner})
    return store(document, upload, user)
