"""The portal's URLs plus one view that fails, for the 500 page's test (tests/democracy/test_error_pages.py)."""

from django.urls import path

from democracy.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401 (the handlers)


def boom(request):
    raise RuntimeError("an error the visitor must not see")


urlpatterns = [*urlpatterns, path("test-boom/", boom)]
