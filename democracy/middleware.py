from django.conf import settings
from django.core.exceptions import BadRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
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
