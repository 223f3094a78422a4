import io
import re
from pathlib import PurePath

from django.http import FileResponse, Http404
from django.utils.cache import add_never_cache_headers

from democracy.uploads import DOCX, JPEG, PDF, PNG, XLSX, FileType

UPLOAD_TYPES: dict[str, FileType] = {t.content_type: t for t in (PDF, DOCX, XLSX, JPEG, PNG)}
# Other spellings of a type's extension that a name may keep (a photo.jpeg stays a photo.jpeg).
SAME_EXTENSIONS = {JPEG: {".jpg", ".jpeg"}}
# What counts as an extension to replace: "cap-nhat.exe" → "cap-nhat.pdf", but the ".2024" of
# "Quyết định số 12.2024" is part of the name and stays ("Quyết định số 12.2024.pdf").
EXTENSION = re.compile(r"\.(?=[a-z0-9]*[a-z])[a-z0-9]{1,5}", re.IGNORECASE)


def _harden(response, *, public):
    """Never run as a page of the portal; never cached unless public."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"  # the CSP middleware leaves a set policy alone
    if not public:
        add_never_cache_headers(response)
    return response


def generated_download(content: bytes, *, filename, content_type, public=False, inline=False):
    """Bytes made for this request (a PDF, an XLSX) with the same guarantees as `safe_download`.

    `inline`: a PDF the browser opens to print (documents of the portal's own making). It carries the
    same `sandbox` policy as every download (issue 18 item 11): a PDF's scripts, forms and links never
    act as a page of the portal, whether it is opened or saved."""
    response = FileResponse(
        io.BytesIO(content), as_attachment=not inline, filename=filename, content_type=content_type
    )
    return _harden(response, public=public)


def download_name(name: str, content_type: str) -> str:
    """The name to send a stored upload under: the extension is that of the type checked at upload,
    whatever the uploader called the file, so a PDF named `cap-nhat.exe` is saved as `cap-nhat.pdf`.
    A type that is not one of the upload types (never stored by `check_upload`) gets `.bin`."""
    file_type = UPLOAD_TYPES.get(content_type)
    wanted = file_type.extension if file_type else ".bin"
    allowed = SAME_EXTENSIONS.get(file_type, {wanted})
    suffix = PurePath(name).suffix
    if suffix.lower() in allowed:
        return name
    if suffix and EXTENSION.fullmatch(suffix):
        name = name[: -len(suffix)]
    return f"{name}{wanted}"


def document_download(document, *, public):
    """An uploaded document (a disclosure's document, a consultation's draft document): any model
    with `file`, `original_name` and `content_type`, sent by `safe_download` under `download_name`."""
    return safe_download(
        document.file,
        filename=download_name(document.original_name, document.content_type),
        content_type=document.content_type,
        public=public,
    )


def safe_download(storage_file, *, filename, content_type, public):
    """A stored file as an attachment that a browser can never run as a page of the portal.

    The name is sent RFC 6266-encoded (FileResponse), the type is the one checked at upload, and
    non-public files are never cached."""
    try:
        handle = storage_file.storage.open(storage_file.name, "rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404 from missing
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type or "application/octet-stream"
    )
    return _harden(response, public=public)
