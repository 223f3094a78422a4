"""Who may see what of reports and compliance.

- A unit report: the people with a role on its unit or agency (clerks and approvers write, the
  inspection board reads) and the reviewers and administrators above it; anyone else gets 404.
- The compliance dashboard, roll-ups and the compliance API: reviewers and administrators, for the
  area they hold that role on (a province reviewer: the province and everything under it). A unit
  outside their area is 404, as if it did not exist.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from units.access import access_for, roles_for_owned
from units.models import AdministrativeUnit, Level, Role

from .models import AreaReport, UnitReport

AREA_LEVELS = (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)


def reviewer_areas(request) -> list[AdministrativeUnit]:
    """The units the request's user reviews (empty for everyone else); all provinces for a national
    administrator."""
    if not request.user.is_authenticated:
        return []
    access = access_for(request)
    if access.is_national_admin:
        return list(AdministrativeUnit.objects.current().filter(level=Level.PROVINCE).order_by("name"))
    return sorted(
        (m.unit for m in access.memberships if m.unit_id and Role(m.role).sees_subtree),
        key=lambda u: u.name,
    )


def get_area_for_user(request, code: str) -> AdministrativeUnit:
    """The area (province, district or commune) with `code` if the request's user reviews it or an
    area above it; 404 otherwise."""
    unit = (
        AdministrativeUnit.objects.select_related("parent__parent__parent")
        .filter(code=code, level__in=AREA_LEVELS)
        .first()
    )
    if unit is None or not request.user.is_authenticated:
        raise Http404
    roles = access_for(request).roles_for_unit(unit)
    if not any(r.sees_subtree for r in roles):
        raise Http404
    return unit


def get_report_for_user(request, pk, *, write: bool = False, approve: bool = False) -> tuple[UnitReport, set]:
    """A unit report as the request's user may use it: 404 for outsiders; 403 for a write without an
    editing role on the report's own unit or agency (reviewers read, they do not write)."""
    report = (
        UnitReport.objects.select_related("unit__parent__parent__parent", "agency__unit__parent__parent")
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404
    roles = roles_for_owned(request, report)
    if not roles:
        raise Http404
    if approve and not any(r.can_approve for r in roles):
        raise PermissionDenied
    if write and not any(r.can_edit for r in roles):
        raise PermissionDenied
    return report, roles


def get_area_report_for_user(request, pk) -> AreaReport:
    report = AreaReport.objects.select_related("area__parent").filter(pk=pk).first()
    if report is None:
        raise Http404
    get_area_for_user(request, report.area.code)
    return report
