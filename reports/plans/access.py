"""Who may see and change a plan and its tasks. Every view and API endpoint loads through here.

A unit's issued plans are public documents; an agency's plans are internal (Art. 46), like its
disclosures; drafts are the owner's. A role on a unit covers the unit and below (a province reviewer sees
every commune's plans). Writes to a plan need an editing role on its owner (403), issuing an approving
role. Progress on a task is posted by its lead body only (a unit or agency editor there, or the plan
owner's editors for a task led by one of its own departments); a coordinating body adds notes."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from units.access import (
    Allowed,
    access_for,
    get_agency_for_user,
    get_unit_for_user,
    owned_filter,
    roles_for_owned,
)
from units.models import Level

from .models import PUBLIC_STATES, Plan, Task, TaskAttachment


class PlanAccess(Allowed):
    @property
    def plan(self) -> Plan:
        return self.obj

    @property
    def is_public(self) -> bool:
        return self.plan.is_public


def visible_filter(request) -> Q:
    return Q(agency__isnull=True, state__in=PUBLIC_STATES) | owned_filter(request)


def _load(pk) -> Plan:
    plan = (
        Plan.objects.select_related(
            "unit__parent__parent__parent", "agency__unit__parent__parent__parent", "previous", "made_from"
        )
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        raise Http404
    return plan


def get_plan_for_user(request, pk, *, write: bool = False) -> PlanAccess:
    plan = _load(pk)
    found = PlanAccess(plan, frozenset(roles_for_owned(request, plan)))
    if not found.roles and not found.is_public:
        raise Http404
    if write and not found.can_edit:
        raise PermissionDenied
    return found


def get_plan_for_staff(request, pk) -> PlanAccess:
    """The staff page (tasks, progress, trail): only people with a role on the owner."""
    found = get_plan_for_user(request, pk)
    if not found.is_staff:
        raise Http404
    return found


def get_plan_for_approval(request, pk) -> PlanAccess:
    found = get_plan_for_user(request, pk, write=True)
    if not found.can_approve:
        raise PermissionDenied
    return found


def get_public_plan(request, pk) -> Plan:
    """A citizen's view: an issued plan of a unit (never an agency's)."""
    plan = _load(pk)
    if not plan.is_public:
        raise Http404
    return plan


def get_owner_for_create(request, code, *, agency: bool = False):
    """A unit (province, district for history, commune) or an agency that may have plans: 404 if
    unknown or hidden, 403 without an editing role. Villages do not issue plans."""
    if agency:
        owner, _roles = get_agency_for_user(request, code, write=True)
        return owner
    unit, _roles = get_unit_for_user(request, code, write=True)
    if unit.level == Level.VILLAGE:
        raise Http404
    return unit


def roles_on(request, owner) -> set:
    if owner is None or not request.user.is_authenticated:
        return set()
    access = access_for(request)
    from units.models import is_agency

    return access.roles_for_agency(owner) if is_agency(owner) else access.roles_for_unit(owner)


class TaskAccess(Allowed):
    """A task, the roles on its plan's owner, and whether the user reports for its lead body or may
    add a coordinating body's note."""

    lead_roles: frozenset = frozenset()
    coordinator: object = None

    @property
    def task(self) -> Task:
        return self.obj

    @property
    def may_report(self) -> bool:
        return any(r.can_edit for r in self.lead_roles)

    @property
    def may_note(self) -> bool:
        return self.coordinator is not None


def get_task_for_user(request, pk) -> TaskAccess:
    """A task of a plan the user may see on the staff side, with what they may post on it."""
    task = (
        Task.objects.select_related(
            "plan__unit__parent__parent__parent",
            "plan__agency__unit__parent__parent__parent",
            "lead_unit__parent__parent__parent",
            "lead_agency__unit__parent__parent__parent",
            "section",
        )
        .filter(pk=pk)
        .first()
    )
    if task is None:
        raise Http404
    plan_roles = frozenset(roles_for_owned(request, task.plan))
    lead = task.lead_owner or task.plan.owner
    lead_roles = frozenset(roles_on(request, lead))
    coordinator = None
    for owner in [*task.coordinating_units.all(), *task.coordinating_agencies.all()]:
        if any(r.can_edit for r in roles_on(request, owner)):
            coordinator = owner
            break
    if not plan_roles and not lead_roles and coordinator is None:
        raise Http404
    found = TaskAccess(task, plan_roles | lead_roles)
    object.__setattr__(found, "lead_roles", lead_roles)
    object.__setattr__(found, "coordinator", coordinator)
    return found


def get_task_for_report(request, pk) -> TaskAccess:
    found = get_task_for_user(request, pk)
    if not found.may_report and not found.may_note:
        raise PermissionDenied
    return found


def get_attachment_for_user(request, pk) -> TaskAttachment:
    """A file of a progress update, to whoever may see its task (`get_task_for_user`): 404 otherwise,
    so an agency's internal plan never shows that a file exists."""
    attachment = TaskAttachment.objects.select_related("update").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    get_task_for_user(request, attachment.update.task_id)
    return attachment
