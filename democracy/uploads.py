"""Uploaded files checked by their content, never by their name or the browser's word.

Allowed: PDF, DOCX, XLSX, JPEG and PNG. A DOCX or XLSX is a ZIP; only its central directory and its
`[Content_Types].xml` (size-capped) are read, nothing is extracted, so a ZIP bomb costs nothing.
Macro-enabled Office files (.docm, .xlsm: a `vbaProject.bin` inside) are refused.
"""

import hashlib
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_NAME_LENGTH = 200
# A real [Content_Types].xml is a few kilobytes; read no more than this from it.
MAX_CONTENT_TYPES_BYTES = 256 * 1024
MAX_ZIP_MEMBERS = 20000


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str


PDF = FileType(".pdf", "application/pdf")
PNG = FileType(".png", "image/png")
JPEG = FileType(".jpg", "image/jpeg")
DOCX = FileType(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = FileType(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed the checks, with what the Document row keeps about it."""

    upload: object
    original_name: str
    type: FileType
    size: int
    sha256: str


def clean_name(name: str) -> str:
    """The name the user gave, safe to show and to put in a header: no folders, no control characters,
    at most MAX_NAME_LENGTH characters (the extension kept)."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = " ".join(name.split()).strip(" .")
    if not name:
        return "tai-lieu"
    if len(name) > MAX_NAME_LENGTH:
        suffix = PurePath(name).suffix
        suffix = suffix if len(suffix) <= 10 else ""
        name = name[: MAX_NAME_LENGTH - len(suffix)].rstrip(" .") + suffix
    return name


def max_size_label() -> str:
    limit = settings.DOCUMENT_MAX_BYTES
    mb = 1024 * 1024
    return f"{limit // mb} MB" if limit % mb == 0 else filesizeformat(limit)


def sniff(upload) -> FileType | None:
    """The type of the upload from its first bytes (and, for a ZIP, its member names)."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head == b"\x89PNG\r\n\x1a\n":
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _office_type(upload)
    return None


def _office_type(upload) -> FileType | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                return None
            names = {info.filename for info in members}
            content_types = next((i for i in members if i.filename == "[Content_Types].xml"), None)
            if content_types is None or content_types.file_size > MAX_CONTENT_TYPES_BYTES:
                return None
            with archive.open(content_types) as stream:
                declared = stream.read(MAX_CONTENT_TYPES_BYTES + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError):
        return None
    finally:
        upload.seek(0)
    if len(declared) > MAX_CONTENT_TYPES_BYTES or b"macroEnabled" in declared:
        return None
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        return None
    if b"wordprocessingml.document.main+xml" in declared and "word/document.xml" in names:
        return DOCX
    if b"spreadsheetml.sheet.main+xml" in declared and "xl/workbook.xml" in names:
        return XLSX
    return None


def check_upload(upload) -> CheckedFile:
    """Check one uploaded file; a ValidationError in Vietnamese names the file and what is wrong."""
    name = clean_name(upload.name)
    if upload.size > settings.DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("Tệp “%(name)s” vượt quá %(limit)s.") % {"name": name, "limit": max_size_label()},
            code="too_big",
        )
    if upload.size == 0:
        raise ValidationError(_("Tệp “%(name)s” không có nội dung.") % {"name": name}, code="empty")
    file_type = sniff(upload)
    if file_type is None:
        raise ValidationError(
            _("Tệp “%(name)s” không phải PDF, DOCX, XLSX, JPG hoặc PNG.") % {"name": name},
            code="type",
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(upload, name, file_type, upload.size, digest.hexdigest())


def store_all(files: list[CheckedFile], make, *, stem: str) -> list:
    """Save each checked file as a row `make(checked)` (an unsaved model instance with a `file` field):
    all of them or none. The stored name is random (the field's `upload_to`) with the extension of the
    real type; if anything fails, the files already written are deleted (the rows roll back with the
    caller's transaction) and the error goes on."""
    rows, stored = [], []
    try:
        for checked in files:
            row = make(checked)
            row.original_name = checked.original_name
            row.content_type = checked.type.content_type
            row.size = checked.size
            row.sha256 = checked.sha256
            row.file.save(f"{stem}{checked.type.extension}", checked.upload, save=False)
            stored.append((row.file.storage, row.file.name))
            row.save()
            rows.append(row)
    except Exception:
        for storage, name in stored:
            storage.delete(name)
        raise
    return rows
