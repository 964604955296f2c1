"""Uploaded documents: allowed by extension and by content, limited in size and in what an
archive may inflate to (S11). Office documents are ZIP archives, so their parts are checked."""

import hashlib
import zipfile
from pathlib import PurePath
from typing import NoReturn, TypeVar

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tandem.core.fields import actor_field
from tandem.core.history import Actor, record_actor

MAX_BYTES = 20 * 1024 * 1024
MAX_INFLATED_BYTES = 200 * 1024 * 1024  # a zip bomb inflates far beyond its own size
MAX_RATIO = 100

# Extension -> (content type, how to recognise the content).
ALLOWED = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
}
OOXML_PART = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}


def _refuse(message: str) -> NoReturn:
    raise ValidationError(message, code="document")


def _check_archive(upload: "File[bytes]", extension: str) -> None:
    try:
        archive = zipfile.ZipFile(upload)
    except zipfile.BadZipFile:
        _refuse(_("The file is not a real %(kind)s document.") % {"kind": extension[1:].upper()})
    with archive:
        entries = archive.infolist()
        inflated = sum(e.file_size for e in entries)
        packed = sum(e.compress_size for e in entries) or 1
        if inflated > MAX_INFLATED_BYTES or inflated / packed > MAX_RATIO:
            _refuse(_("The document unpacks to far more than its size; it was refused."))
        names = {e.filename for e in entries}
        if extension == ".odt":
            ok = (
                "mimetype" in names and archive.read("mimetype").strip() == ALLOWED[".odt"].encode()
            )
        else:
            ok = "[Content_Types].xml" in names and OOXML_PART[extension] in names
        if not ok:
            _refuse(
                _("The file is not a real %(kind)s document.") % {"kind": extension[1:].upper()}
            )


def validate_document(upload: "File[bytes]") -> None:
    """Refuse anything but a PDF, DOCX, ODT or XLSX of at most 20 MB, judged by its content."""
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in ALLOWED:
        _refuse(_("Only PDF, DOCX, ODT and XLSX documents can be attached."))
    if upload.size > MAX_BYTES:
        _refuse(_("The document is larger than 20 MB."))
    upload.seek(0)
    if extension == ".pdf":
        if not upload.read(5) == b"%PDF-":
            _refuse(_("The file is not a real PDF document."))
    else:
        _check_archive(upload, extension)
    upload.seek(0)


def content_type_of(name: str) -> str:
    return ALLOWED[PurePath(name).suffix.lower()]


def sha256_of(upload: "File[bytes]") -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


MAX_NAME = 200  # the column that keeps it


def safe_display_name(name: str) -> str:
    """The uploader's file name without any path (`../../x.pdf` → `x.pdf`), for display only;
    a long one is cut before its extension, which decides how the file is checked and served."""
    path = PurePath(name.replace("\\", "/"))
    if not path.name:
        return "document"
    if len(path.name) <= MAX_NAME:
        return path.name
    suffix = path.suffix if len(path.suffix) <= 10 else ""
    stem = path.name.removesuffix(suffix)
    return stem[: MAX_NAME - len(suffix)] + suffix


class StoredDocument(models.Model):
    """What every kept upload records beside its file (which a subclass declares, with the
    folder it goes to): the uploader's file name, for display only, its checked type, size and
    SHA-256, and who uploaded it when."""

    original_name = models.CharField(gettext_lazy("file name"), max_length=200)
    content_type = models.CharField(gettext_lazy("content type"), max_length=100)
    size = models.PositiveIntegerField(gettext_lazy("size in bytes"))
    sha256 = models.CharField(gettext_lazy("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(gettext_lazy("uploaded at"), auto_now_add=True)
    uploaded_by = actor_field(gettext_lazy("uploaded by"))
    # Declared by each subclass (a FileField), with the folder its files go to.
    file: FieldFile

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name


Document = TypeVar("Document", bound=StoredDocument)


def store(document: Document, upload: "File[bytes]", user: Actor) -> Document:
    """Save an upload (validated by content beforehand) into `document` under a generated name,
    with one history record naming the uploader."""
    name = safe_display_name(upload.name or "")
    document.original_name = name
    document.content_type = content_type_of(name)
    document.size = upload.size
    document.sha256 = sha256_of(upload)
    document.uploaded_by = user
    document.file.save(name, upload, save=False)
    record_actor(document, user)
    document.save()
    return document
