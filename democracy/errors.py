"""The error pages (404, 403, CSRF failure, 500) in the site's layout and the visitor's language, each
with a way home and back. Django's own pages are bare English; these are wired in `democracy.urls`
(handler404/403/500) and `settings.CSRF_FAILURE_VIEW`, and only show with DEBUG off.

The 500 page must not fail in turn: it renders with the request (the header, the language switch)
and, if that raises (the database is down, a context processor fails), without it."""

import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def _back(request) -> str:
    """The page the visitor came from, if it is on this site (never a link elsewhere)."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        host = request.get_host()
    except Exception:  # a disallowed host: no link back
        return ""
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={host}, require_https=request.is_secure()
    ):
        return referer
    return ""


def _page(request, template, status, **context):
    context = {"status": status, "back_url": _back(request), **context}
    response = render(request, template, context, status=status)
    add_never_cache_headers(response)
    return response


def not_found(request, exception=None):
    return _page(request, "errors/404.html", 404)


def forbidden(request, exception=None):
    return _page(request, "errors/403.html", 403)


def csrf_failure(request, reason=""):
    """The form's security token was missing or stale (a page left open, cookies blocked): say so and
    how to go on; never the technical reason, which is logged."""
    logger.info("CSRF failure: %s", reason)
    return _page(request, "errors/csrf.html", 403)


def server_error(request):
    try:
        return _page(request, "errors/500.html", 500)
    except Exception:  # the page of last resort: no request context, no database
        logger.exception("The 500 page could not render with its request")
        try:
            return HttpResponseServerError(loader.get_template("errors/500.html").render({"status": 500}))
        except Exception:
            return HttpResponseServerError(
                _("Lỗi máy chủ. Xin thử lại sau ít phút."), content_type="text/plain"
            )
