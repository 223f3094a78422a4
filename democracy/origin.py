"""The citizens' forms on cached public pages (a question on a disclosure, a comment on a consultation)
carry no CSRF token: the page is the same for every anonymous visitor and is served from a cache
(democracy/publiccache.py), so it cannot hold a token tied to one visitor's cookie, and a token would set
that cookie on every page. These few views check where the request comes from instead (the `Origin`
header, or `Referer` from an older browser; OWASP's "verifying origin with standard headers"): a form
sent from another site is refused with the site's CSRF page. Nothing these forms do acts as the visitor
beyond remembering in their session what they sent."""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.middleware.csrf import REASON_BAD_ORIGIN, REASON_NO_REFERER, _get_failure_view
from django.views.decorators.csrf import csrf_exempt


def _allowed(request, origin: str) -> bool:
    parts = urlsplit(origin)
    if not parts.scheme or not parts.netloc:
        return False
    if f"{parts.scheme}://{parts.netloc}" in settings.CSRF_TRUSTED_ORIGINS:
        return True
    return parts.netloc == request.get_host() and parts.scheme == request.scheme


def same_origin_post(view):
    """A POST view without the CSRF token, accepted only from a page of this site."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if request.method == "POST" and not getattr(request, "_dont_enforce_csrf_checks", False):
            origin = request.headers.get("Origin")
            if origin and origin != "null":
                if not _allowed(request, origin):
                    return _get_failure_view()(request, reason=REASON_BAD_ORIGIN % origin)
            else:
                referer = request.headers.get("Referer", "")
                if not referer:
                    return _get_failure_view()(request, reason=REASON_NO_REFERER)
                if not _allowed(request, referer):
                    return _get_failure_view()(request, reason=REASON_BAD_ORIGIN % referer)
        return view(request, *args, **kwargs)

    return csrf_exempt(checked)
