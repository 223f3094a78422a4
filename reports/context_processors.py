from django.urls import Resolver404, resolve
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme

from units.models import AdministrativeUnit, Agency

from .access import is_reviewer

BACK_PARAM = "tu"  # the drill-down a reviewer came from (reports.views.dashboard adds it to item links)
BACK_VIEWS = {"reports:area": AdministrativeUnit, "reports:agency_area": Agency}


def from_dashboard(request) -> dict | None:
    """The drill-down a reviewer came from (`?tu=/staff/compliance/07282/?period=2026-H1` on the link of
    a late item): its address and the unit's or agency's name, for the breadcrumbs back. Only an
    address of this site's dashboard is followed; anything else is ignored."""
    url = request.GET.get(BACK_PARAM, "")
    if not url.startswith("/") or not url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return None
    try:
        match = resolve(url.split("?", 1)[0])
    except Resolver404:
        return None
    model = BACK_VIEWS.get(match.view_name)
    if model is None:
        return None
    name = model.objects.filter(code=match.kwargs.get("code")).values_list("name", flat=True).first()
    return {"url": url, "name": name} if name else None


def navigation(request):
    """`is_reviewer` for the header: whether to show the compliance dashboard (evaluated only when a
    template asks, from the memberships the request loads once anyway); `from_dashboard`, the way back
    to the drill-down a reviewer opened this page from (evaluated only when a template asks)."""
    return {
        "is_reviewer": SimpleLazyObject(lambda: is_reviewer(request)),
        "from_dashboard": SimpleLazyObject(lambda: from_dashboard(request)),
    }
