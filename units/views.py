from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import actions
from .access import Allowed, access_for, get_agency_for_user, get_unit_for_user
from .forms import AgencyForm, VillageForm
from .models import AdministrativeUnit, Agency, Level, Membership
from .text import vi_sorted
from .waiting import waiting_for

SEARCH_LIMIT = 30


def home(request):
    """Find a commune by name, with or without diacritics, or browse the provinces."""
    q = request.GET.get("q", "").strip()[:100]
    results = None
    if q:
        results = list(
            AdministrativeUnit.objects.current()
            .filter(level__in=[Level.PROVINCE, Level.COMMUNE])
            .search(q)
            .select_related("parent")
            .order_by("level", "name")[:SEARCH_LIMIT]
        )
    provinces = vi_sorted(AdministrativeUnit.objects.current().filter(level=Level.PROVINCE))
    return render(
        request,
        "units/home.html",
        {"q": q, "results": results, "provinces": provinces, "limit": SEARCH_LIMIT},
    )


def unit_detail(request, code):
    """A unit's public page: its place in the tree, what it contains, and what it became or came from."""
    unit = get_object_or_404(AdministrativeUnit.objects.select_related("parent__parent__parent"), code=code)
    q = request.GET.get("q", "").strip()[:100]
    children = unit.children.all()
    if q:
        children = children.search(q)
    page = Paginator(vi_sorted(children), 100).get_page(request.GET.get("page"))
    return render(
        request,
        "units/unit_detail.html",
        {
            "unit": unit,
            "ancestors": unit.ancestors(),
            "page": page,
            "q": q,
            "successors": unit.successors.select_related("parent"),
            "predecessors": unit.predecessors.select_related("parent"),
        },
    )


@login_required
def workspace(request):
    """The staff member's start page: the units and agencies they hold a role in."""
    access = access_for(request)
    memberships = sorted(access.memberships, key=lambda m: (m.role, str(m.unit or m.agency or "")))
    return render(
        request,
        "units/workspace.html",
        {"memberships": memberships, "access": access, "waiting": waiting_for(request)},
    )


@login_required
def staff_unit(request, code):
    unit, roles = get_unit_for_user(request, code)
    villages = vi_sorted(unit.children.filter(level=Level.VILLAGE))
    access = access_for(request)
    agencies = vi_sorted(Agency.objects.filter(unit=unit).filter(access.agency_filter()))
    members = Membership.objects.filter(unit=unit).select_related("user").order_by("role", "user__username")
    child_units = unit.children.exclude(level=Level.VILLAGE).annotate(
        villages=Count("children", filter=Q(children__level=Level.VILLAGE))
    )
    child_units = vi_sorted(child_units)
    return render(
        request,
        "units/staff_unit.html",
        {
            "unit": unit,
            "ancestors": unit.ancestors(),
            "villages": villages,
            "agencies": agencies,
            "members": members,
            "child_units": Paginator(child_units, 100).get_page(request.GET.get("page")),
            "can_edit": Allowed(unit, frozenset(roles)).can_edit,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def village_edit(request, code):
    village, _roles = get_unit_for_user(request, code, write=True)
    if village.level != Level.VILLAGE:
        return redirect("units:staff_unit", code=code)
    form = VillageForm(request.POST or None, instance=village)
    if request.method == "POST" and form.is_valid():
        actions.update_village(village, by=request.user, **form.cleaned_data)
        messages.success(request, _("Đã lưu thôn, tổ dân phố %(name)s.") % {"name": village.name})
        return redirect("units:staff_unit", code=village.parent.code)
    return render(request, "units/village_edit.html", {"form": form, "village": village})


@login_required
def staff_agency(request, code):
    agency, roles = get_agency_for_user(request, code)
    members = (
        Membership.objects.filter(agency=agency).select_related("user").order_by("role", "user__username")
    )
    return render(
        request,
        "units/staff_agency.html",
        {"agency": agency, "members": members, "can_edit": Allowed(agency, frozenset(roles)).can_edit},
    )


@login_required
@require_http_methods(["GET", "POST"])
def agency_edit(request, code):
    agency, _roles = get_agency_for_user(request, code, write=True)
    form = AgencyForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        actions.update_agency(agency, by=request.user, **form.cleaned_data)
        messages.success(request, _("Đã lưu cơ quan, đơn vị %(name)s.") % {"name": agency.name})
        return redirect("units:staff_agency", code=agency.code)
    return render(request, "units/agency_edit.html", {"form": form, "agency": agency})
