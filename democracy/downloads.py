import io

from django.http import FileResponse, Http404
from django.utils.cache import add_never_cache_headers


def _harden(response, *, public, sandbox=True):
    """Never run as a page of the portal; never cached unless public."""
    response["X-Content-Type-Options"] = "nosniff"
    if sandbox:
        response["Content-Security-Policy"] = "sandbox"
    if not public:
        add_never_cache_headers(response)
    return response


def generated_download(content: bytes, *, filename, content_type, public=False, inline=False):
    """Bytes made for this request (a PDF, an XLSX) with the same guarantees as `safe_download`.

    `inline`: a PDF the browser opens to print (documents of the portal's own making). It is sent
    without the `sandbox` policy for now, as before; whether the browsers' PDF viewers open a sandboxed
    document is issue 18's to settle."""
    response = FileResponse(
        io.BytesIO(content), as_attachment=not inline, filename=filename, content_type=content_type
    )
    return _harden(response, public=public, sandbox=not inline)


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
