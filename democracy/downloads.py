from django.http import FileResponse, Http404
from django.utils.cache import add_never_cache_headers


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
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    if not public:
        add_never_cache_headers(response)
    return response
