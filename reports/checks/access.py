"""Who may see and do what with checks and gradings (every view loads through these).

- A plan (and planning one): the reviewers of its area (a province's, formerly a district's reviewer, and
  those above) and national administrators. Anyone else: 404.
- A visit (the check of one unit) and its fixes: those reviewers, who record the conclusions; and the
  unit's own people (clerk, approver, inspection board; an agency's staff), who read it and, if they
  edit the unit's records, answer the fixes. Nobody else sees it (404, not even another unit of the
  same plan); a reader writing gets 403.
- A grading: the reviewers of the province; its weights are set by them too.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from units.access import Allowed, access_for, belongs, roles_for_owned
from units.models import AdministrativeUnit, Level

from ..access import get_area_for_user, reviews
from .models import CheckFix, CheckPlan, CheckVisit, VisitState

PLANNING_LEVELS = (Level.PROVINCE, Level.DISTRICT)


def get_planning_area_for_user(request, code: str) -> AdministrativeUnit:
    """A province or district the user reviews (where checks of the units below are planned); 404 else."""
    area = get_area_for_user(request, code)
    if area.level not in PLANNING_LEVELS:
        raise Http404
    return area


def get_province_for_user(request, code: str) -> AdministrativeUnit:
    """A province the user reviews (its annual grading and weights); 404 for anything else."""
    area = get_area_for_user(request, code)
    if area.level != Level.PROVINCE:
        raise Http404
    return area


def get_plan_for_user(request, pk) -> CheckPlan:
    plan = CheckPlan.objects.select_related("area__parent__parent").filter(pk=pk).first()
    if plan is None or not request.user.is_authenticated or not reviews(request, plan.area):
        raise Http404
    return plan


@dataclass(frozen=True)
class VisitAllowed(Allowed):
    """A visit, with whether the user reviews it (records the conclusions) or is one of the unit's own."""

    reviewer: bool = False

    @property
    def can_conclude(self) -> bool:
        return self.reviewer and self.obj.state == VisitState.PLANNED

    @property
    def can_answer(self) -> bool:
        """One of the unit's own people who edit its records (the reviewers read the answers)."""
        return self.belongs and self.can_edit and self.obj.is_concluded


def _visit_allowed(request, visit: CheckVisit) -> VisitAllowed:
    if not request.user.is_authenticated:
        raise Http404
    reviewer = reviews(request, visit.plan.area)
    roles = roles_for_owned(request, visit)
    if not reviewer and not belongs(roles):
        raise Http404  # a reviewer of another area, a unit not checked by this visit
    return VisitAllowed(visit, frozenset(roles), reviewer=reviewer)


def get_visit_for_user(request, pk, *, conclude: bool = False) -> VisitAllowed:
    visit = (
        CheckVisit.objects.select_related(
            "plan__area__parent__parent", "unit__parent__parent__parent", "agency__unit__parent__parent"
        )
        .filter(pk=pk)
        .first()
    )
    if visit is None:
        raise Http404
    allowed = _visit_allowed(request, visit)
    if conclude and not allowed.reviewer:
        raise PermissionDenied
    return allowed


def get_fix_for_user(request, pk, *, answer: bool = False) -> tuple[CheckFix, VisitAllowed]:
    fix = (
        CheckFix.objects.select_related(
            "visit__plan__area__parent__parent",
            "visit__unit__parent__parent__parent",
            "visit__agency__unit__parent__parent",
        )
        .filter(pk=pk)
        .first()
    )
    if fix is None:
        raise Http404
    allowed = _visit_allowed(request, fix.visit)
    if answer and not (allowed.belongs and allowed.can_edit):
        raise PermissionDenied
    return fix, allowed


def own_visits(request):
    """The visits of the units and agencies where the user is one of the own people (the list page)."""
    access = access_for(request)
    units = [m.unit_id for m in access.memberships if m.unit_id and belongs({m.role_enum})]
    agencies = [m.agency_id for m in access.memberships if m.agency_id and belongs({m.role_enum})]
    return CheckVisit.objects.filter(Q(unit__in=units) | Q(agency__in=agencies))
