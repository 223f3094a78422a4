from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import Http404, HttpResponseRedirect
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _


class LanguageMiddleware(LocaleMiddleware):
    """Vietnamese unless the visitor chose English with the switcher in the header.

    Django's own middleware would follow the browser's Accept-Language, and many phones and office
    computers in Vietnam run in English while their users expect the portal in Vietnamese.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language

    def process_response(self, request, response):
        """The page's language (Content-Language); it depends on the cookie, not on Accept-Language, so
        a proxy keeps one copy for every browser without the cookie (Vary: Cookie)."""
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


LANGUAGE_NEXT = "next"


def set_language(request, code):
    """The language switch in the header: a plain link (GET), so no page needs a form with a CSRF token
    and anonymous pages set no cookie until a visitor asks for another language. Changing the display
    language is not a change worth forging (the worst an outside site can do is switch a visitor's
    language, which the switch on every page undoes); it writes nothing but this one cookie. Back to
    `next` when it is an address of this site, to the home page otherwise."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get(LANGUAGE_NEXT, "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    add_never_cache_headers(response)
    return response


class RejectNulBytesMiddleware:
    """A NUL byte in the address or the query string is a 400, whatever the view (issue 18 item 9).

    PostgreSQL refuses NUL in text, so `?q=a%00b` on a search or `/api/v1/units/a%00b` reached the
    database as an error (a 500). Forms refuse NUL in their fields already (Django's CharField); what
    views read from the address directly is checked here, once for all of them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            raise BadRequest(_("Địa chỉ có ký tự không hợp lệ (NUL)."))
        return self.get_response(request)
