"""Who may see what of reports and compliance: every permission decision of the app is here.

- A unit report: the people with a role on its unit or agency (clerks and approvers write, the
  inspection board reads) and the reviewers and administrators above it; anyone else gets 404.
  `get_report_for_user` returns the report with what the user may do with it (`can_edit`,
  `can_approve`, and the acts its state allows: `can_write_narrative`, `can_recompile`, `can_sign`).
- The compliance dashboard, roll-ups and the compliance API: reviewers and administrators, for the
  area they hold that role on (a province reviewer: the province and everything under it). A unit
  outside their area is 404, as if it did not exist. The whole country (code VN): national
  administrators only.
- A background job: the user who started it (and superusers).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from units.access import access_for, get_agency_for_user, roles_for_owned
from units.models import AdministrativeUnit, Agency, Level, Role, is_agency
from units.text import vi_sort_key, vi_sorted

from .compliance import COUNTRY, Country
from .models import AreaReport, Job, ReportState, UnitReport

AREA_LEVELS = (Level.PROVINCE, Level.DISTRICT, Level.COMMUNE)


def is_reviewer(request) -> bool:
    """Whether the user reviews an area (the dashboard link, the list's reviewer columns); from the
    memberships the request loads once anyway: no query."""
    if not request.user.is_authenticated:
        return False
    access = access_for(request)
    return access.is_national_admin or any(Role(m.role).sees_subtree for m in access.memberships)


def reviewer_areas(request) -> list[AdministrativeUnit]:
    """The units the request's user reviews (empty for everyone else); all provinces for a national
    administrator."""
    if not request.user.is_authenticated:
        return []
    access = access_for(request)
    if access.is_national_admin:
        return vi_sorted(AdministrativeUnit.objects.current().filter(level=Level.PROVINCE))
    return sorted(
        (m.unit for m in access.memberships if m.unit_id and Role(m.role).sees_subtree),
        key=lambda u: vi_sort_key(u.name),
    )


def is_national_admin(request) -> bool:
    return request.user.is_authenticated and access_for(request).is_national_admin


def reviews(request, unit: AdministrativeUnit) -> bool:
    """Whether the user reviews `unit` (holds a reviewing role on it or above): the breadcrumbs' links."""
    return any(r.sees_subtree for r in access_for(request).roles_for_unit(unit))


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
    if not reviews(request, unit):
        raise Http404
    return unit


def get_dashboard_area_for_user(request, code: str):
    """An area of the dashboard: `get_area_for_user`, or the whole country (`Country`) for national
    administrators."""
    if code.upper() == COUNTRY:
        if not is_national_admin(request):
            raise Http404
        return Country()
    return get_area_for_user(request, code)


def get_agency_area_for_user(request, code: str) -> Agency:
    """An agency's page of the dashboard, for the reviewers above it (its own staff use its report)."""
    agency, roles = get_agency_for_user(request, code)
    if not any(r.sees_subtree for r in roles):
        raise Http404
    return agency


def get_report_for_user(request, pk, *, write: bool = False, approve: bool = False) -> UnitReport:
    """A unit report as the request's user may use it: 404 for outsiders; 403 for a write without an
    editing role on the report's own unit or agency (reviewers read, they do not write), or for a
    sign-off without an approving role."""
    report = (
        UnitReport.objects.select_related(
            "unit__parent__parent__parent", "agency__unit__parent__parent", "regime", "request__area"
        )
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404
    roles = roles_for_owned(request, report)
    if not roles:
        raise Http404
    report.can_edit = any(r.can_edit for r in roles)
    report.can_approve = any(r.can_approve for r in roles)
    if approve and not report.can_approve:
        raise PermissionDenied
    if write and not report.can_edit:
        raise PermissionDenied
    report.can_write_narrative = report.can_edit and report.state == ReportState.DRAFT
    report.can_recompile = report.can_edit and report.state != ReportState.SUBMITTED
    report.can_sign = report.can_approve and report.state == ReportState.TO_SIGN
    return report


def report_owners(request) -> list:
    """The communes and agencies the user may write reports for (clerk, approver), from the memberships
    already loaded: no query. A national administrator opens reports from the dashboard instead."""
    owners, seen = [], set()
    for m in access_for(request).memberships:
        if not Role(m.role).can_edit:
            continue
        owner = m.agency if m.agency_id else m.unit
        if owner is None or (m.unit_id and m.unit.level != Level.COMMUNE):
            continue
        key = (type(owner), owner.pk)
        if key not in seen:
            seen.add(key)
            owners.append(owner)
    return sorted(owners, key=lambda o: (is_agency(o), vi_sort_key(o.name)))


def get_owner_for_write(request, code: str):
    """The commune or agency with `code` if the user may write its reports: 404 for outsiders, 403
    for readers (a reviewer, the inspection board), as for the report itself."""
    access = access_for(request)
    unit = (
        AdministrativeUnit.objects.select_related("parent__parent__parent")
        .filter(code=code, level=Level.COMMUNE)
        .first()
    )
    if unit is not None:
        owner, roles = unit, access.roles_for_unit(unit)
    else:
        owner = Agency.objects.select_related("unit__parent__parent__parent").filter(code=code).first()
        roles = access.roles_for_agency(owner) if owner else set()
    if owner is None or not roles:
        raise Http404
    if not any(r.can_edit for r in roles):
        raise PermissionDenied
    return owner


def get_area_report_for_user(request, pk) -> AreaReport:
    report = AreaReport.objects.select_related("area__parent").filter(pk=pk).first()
    if report is None:
        raise Http404
    get_area_for_user(request, report.area.code)
    return report


def get_job_for_user(request, pk) -> Job:
    """A background job, for the user who started it (and superusers); 404 for anyone else."""
    job = Job.objects.filter(pk=pk).first()
    if job is None or not (job.user_id == request.user.pk or request.user.is_superuser):
        raise Http404
    return job
