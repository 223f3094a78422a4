"""The plans' pages: the staff list, a plan (draft form, tasks, issue, amend, cancel, cascade, copy to
next year, the per-parent-task status of every unit below), a task (progress, notes, guidance), and the
citizen's list and page of a unit's issued plans.

Every view: load through the accessor → check the form → call one function of `actions` → redirect
(PRG) or render with the errors."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from consultations.models import Consultation, Decision, Meeting
from democracy.audit import trail
from democracy.downloads import document_download
from disclosures.models import PUBLIC_STATES as DISCLOSED
from disclosures.models import Disclosure
from units.access import access_for, owned_filter
from units.models import AdministrativeUnit, Agency, Level, is_agency

from .. import models as report_models
from . import actions, parse
from .access import (
    get_attachment_for_user,
    get_owner_for_create,
    get_plan_for_approval,
    get_plan_for_staff,
    get_plan_for_user,
    get_public_plan,
    get_task_for_report,
    get_task_for_user,
    roles_on,
)
from .forms import (
    CascadeForm,
    GuidanceForm,
    ImportFormSet,
    ImportSourceForm,
    IssueForm,
    PlanForm,
    ReasonForm,
    SectionForm,
    TaskForm,
    UpdateForm,
    add_action_errors,
)
from .models import Plan, State, Status, Task

STATE_ORDER = [State.DRAFT, State.ISSUED, State.AMENDED, State.CANCELLED]
OVERDUE_SHOWN = 100


# --- The list -----------------------------------------------------------------------------------------


@login_required
def workspace(request):
    plans = (
        Plan.objects.filter(owned_filter(request))
        .select_related("unit", "agency")
        .annotate(n_tasks=Count("tasks", distinct=True))
        .order_by("-date", "-pk")[:200]
    )
    groups = defaultdict(list)
    for plan in plans:
        groups[plan.state].append(plan)
    creatable = [
        m for m in access_for(request).memberships
        if m.role_enum.can_edit and (m.agency_id or (m.unit and m.unit.level != Level.VILLAGE))
    ]  # fmt: skip
    # Every overdue task of the plans this person sees (a reviewer: every unit below), oldest due first:
    # the drill-down from the dashboard's "overdue" to the single task.
    overdue = (
        Task.objects.overdue(timezone.localdate())
        .filter(plan__in=Plan.objects.filter(owned_filter(request), state=State.ISSUED))
        .select_related("plan__unit", "plan__agency")
        .order_by("due_on", "pk")[:OVERDUE_SHOWN]
    )
    return render(
        request,
        "plans/workspace.html",
        {
            "groups": [(State(s).label, groups[s]) for s in STATE_ORDER if groups[s]],
            "creatable": creatable,
            "overdue": overdue,
        },
    )


# --- A plan: create, edit -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def create(request, code):
    return _create(request, get_owner_for_create(request, code))


@login_required
@require_http_methods(["GET", "POST"])
def create_for_agency(request, code):
    return _create(request, get_owner_for_create(request, code, agency=True))


def _create(request, owner):
    form = PlanForm(request.POST or None, initial={"date": timezone.localdate(), "place": _place_of(owner)})
    if request.method == "POST" and form.is_valid():
        try:
            plan = actions.create_plan(owner=owner, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã lưu bản nháp kế hoạch. Hãy thêm các nhiệm vụ."))
            return redirect("plans:detail", pk=plan.pk)
    return render(request, "plans/plan_form.html", {"form": form, "owner": owner, "plan": None})


def _place_of(owner) -> str:
    unit = owner.unit if is_agency(owner) else owner
    for prefix in (
        "Thành phố ",
        "Tỉnh ",
        "Thị xã ",
        "Huyện ",
        "Quận ",
        "Xã ",
        "Phường ",
        "Đặc khu ",
        "Thị trấn ",
    ):
        if unit.name.startswith(prefix):
            return unit.name[len(prefix) :]
    return unit.name


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    found = get_plan_for_user(request, pk, write=True)
    plan = found.plan
    if plan.state != State.DRAFT:
        messages.error(request, _("Kế hoạch đã ban hành không sửa tại chỗ: hãy tạo phiên bản sửa đổi."))
        return redirect("plans:detail", pk=plan.pk)
    initial = {name: getattr(plan, name) for name in actions.PLAN_FIELDS}
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_plan(plan, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã lưu bản nháp."))
            return redirect("plans:detail", pk=plan.pk)
    return render(request, "plans/plan_form.html", {"form": form, "owner": plan.owner, "plan": plan})


# --- A plan: the staff page ---------------------------------------------------------------------------


def _with_bodies(tasks):
    """Tasks with their lead and coordinating bodies and the bodies' ancestors (the roles on a body are
    read from its chain: `_cascade_owners` asks them for every body without a query each)."""
    return tasks.select_related(
        "lead_unit__parent__parent__parent", "lead_agency__unit__parent__parent__parent"
    ).prefetch_related(
        Prefetch("coordinating_units", AdministrativeUnit.objects.select_related("parent__parent__parent")),
        Prefetch("coordinating_agencies", Agency.objects.select_related("unit__parent__parent__parent")),
    )


def _tasks(plan):
    return list(
        _with_bodies(plan.tasks.select_related("section", "parent")).annotate(
            n_children=Count("children", distinct=True)
        )
    )


def _children_by_task(plan, tasks, today):
    """For each task, the child tasks of the plans made from this one (one query), with their status."""
    children = (
        Task.objects.filter(parent__in=[t.pk for t in tasks])
        .exclude(plan__state=State.CANCELLED)
        .select_related("plan__unit", "plan__agency")
        .order_by("plan__unit__name", "plan__agency__name")
    )
    found = defaultdict(list)
    for child in children:
        child.overdue = child.is_overdue(today)
        found[child.parent_id].append(child)
    return found


def _missing_plans(plan, tasks, today):
    """The units and agencies the plan gives tasks to that have not issued their own plan from it, and
    whether the superior's deadline for that has passed."""
    if plan.state not in (State.ISSUED, State.AMENDED):
        return []
    lead_units = {t.lead_unit for t in tasks if t.lead_unit_id and t.lead_unit_id != plan.unit_id}
    lead_agencies = {t.lead_agency for t in tasks if t.lead_agency_id and t.lead_agency_id != plan.agency_id}
    made = Plan.objects.filter(made_from=plan, state__in=[State.ISSUED, State.AMENDED])
    made_units = set(made.values_list("unit_id", flat=True))
    made_agencies = set(made.values_list("agency_id", flat=True))
    late = plan.child_plan_due is not None and today > plan.child_plan_due
    rows = [(u, late) for u in sorted(lead_units, key=lambda u: u.name) if u.pk not in made_units]
    rows += [(a, late) for a in sorted(lead_agencies, key=lambda a: a.name) if a.pk not in made_agencies]
    return rows


def detail_page(request, found, **forms):
    plan = found.plan
    today = timezone.localdate()
    tasks = _tasks(plan)
    for task in tasks:
        task.overdue = task.is_overdue(today)
    children = _children_by_task(plan, tasks, today) if plan.state != State.DRAFT else {}
    sections = []
    by_section = defaultdict(list)
    for task in tasks:
        by_section[task.section_id].append(task)
        task.child_rows = children.get(task.pk, [])
    for section in plan.sections.all():
        sections.append((section, by_section.pop(section.pk, [])))
    loose = [t for ts in by_section.values() for t in ts]
    cascade_owners = _cascade_owners(request, plan, tasks) if plan.state == State.ISSUED else []
    context = {
        "plan": plan,
        "found": found,
        "sections": sections,
        "loose": loose,
        "n_tasks": len(tasks),
        "n_overdue": sum(t.overdue for t in tasks),
        "n_done": sum(t.status == Status.DONE for t in tasks),
        "missing": _missing_plans(plan, tasks, today),
        "cascade_owners": cascade_owners,
        "newer": Plan.objects.filter(previous=plan).first(),
        "cascaded": plan.cascaded.select_related("unit", "agency").order_by("unit__name", "agency__name"),
        "audit": trail(plan),
        "today": today,
        "issue_form": forms.get("issue_form") or IssueForm(initial={"number": plan.number}),
        "amend_form": forms.get("amend_form") or ReasonForm(prefix="amend"),
        "cancel_form": forms.get("cancel_form") or ReasonForm(prefix="cancel"),
        "section_form": forms.get("section_form") or SectionForm(prefix="section"),
        "cascade_form": forms.get("cascade_form")
        or (CascadeForm(owners=cascade_owners, initial={"date": today}) if cascade_owners else None),
    }
    return render(request, "plans/detail.html", context, status=400 if forms else 200)


def _cascade_owners(request, plan, tasks):
    """The units and agencies below the plan's owner this person edits and the plan gives tasks to."""
    owners = []
    candidates = {t.lead_unit for t in tasks if t.lead_unit_id} | {
        t.lead_agency for t in tasks if t.lead_agency_id
    }
    for task in tasks:
        candidates |= set(task.coordinating_units.all()) | set(task.coordinating_agencies.all())
    candidates.discard(plan.owner)
    for owner in candidates:
        if any(r.can_edit for r in roles_on(request, owner)):
            owners.append(owner)
    return sorted(owners, key=lambda o: o.name)


@login_required
def detail(request, pk):
    return detail_page(request, get_plan_for_staff(request, pk))


# --- A plan: acts -------------------------------------------------------------------------------------


@login_required
@require_POST
def add_section(request, pk):
    found = get_plan_for_user(request, pk, write=True)
    form = SectionForm(request.POST, prefix="section")
    if form.is_valid():
        try:
            actions.add_section(found.plan, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            return redirect(reverse("plans:detail", args=[found.plan.pk]) + "#tasks")
    return detail_page(request, found, section_form=form)


@login_required
@require_POST
def issue(request, pk):
    found = get_plan_for_approval(request, pk)
    form = IssueForm(request.POST)
    if form.is_valid():
        try:
            actions.issue(found.plan, by=request.user, number=form.cleaned_data["number"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã ban hành kế hoạch số %(ref)s.") % {"ref": found.plan.reference})
            return redirect("plans:detail", pk=found.plan.pk)
    return detail_page(request, found, issue_form=form)


@login_required
@require_POST
def amend(request, pk):
    found = get_plan_for_user(request, pk, write=True)
    form = ReasonForm(request.POST, prefix="amend")
    if form.is_valid():
        try:
            new = actions.start_amendment(found.plan, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Đã tạo phiên bản sửa đổi (bản nháp). Kế hoạch đang có hiệu lực đến khi phiên bản mới được ban hành."
                ),
            )
            return redirect("plans:detail", pk=new.pk)
    return detail_page(request, found, amend_form=form)


@login_required
@require_POST
def cancel(request, pk):
    found = get_plan_for_approval(request, pk)
    form = ReasonForm(request.POST, prefix="cancel")
    if form.is_valid():
        try:
            actions.cancel(found.plan, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã hủy bỏ kế hoạch."))
            return redirect("plans:detail", pk=found.plan.pk)
    return detail_page(request, found, cancel_form=form)


@login_required
@require_POST
def delete(request, pk):
    found = get_plan_for_user(request, pk, write=True)
    try:
        actions.delete_draft(found.plan, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("plans:detail", pk=found.plan.pk)
    messages.success(request, _("Đã xóa bản nháp."))
    return redirect("plans:workspace")


@login_required
@require_POST
def cascade(request, pk):
    """ "Make our plan from the plan above": the person edits the unit below, not the plan's owner."""
    found = get_plan_for_user(request, pk)
    if not found.is_staff and not found.is_public:
        raise Http404
    tasks = _tasks(found.plan)
    owners = _cascade_owners(request, found.plan, tasks)
    if not owners:
        raise PermissionDenied
    form = CascadeForm(request.POST, owners=owners)
    if form.is_valid():
        try:
            new = actions.cascade(found.plan, owner=form.cleaned_data["owner"], by=request.user,
                                  date=form.cleaned_data["date"], place=form.cleaned_data["place"])  # fmt: skip
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(
                request,
                _("Đã lập bản nháp kế hoạch từ kế hoạch cấp trên, với %(n)s nhiệm vụ được giao.")
                % {"n": new.tasks.count()},
            )
            return redirect("plans:detail", pk=new.pk)
    if not found.is_staff:
        messages.error(request, " ".join(f"{e}" for errs in form.errors.values() for e in errs))
        return redirect("plans:public_detail", pk=found.plan.pk)
    return detail_page(request, found, cascade_form=form)


@login_required
@require_POST
def copy_next_year(request, pk):
    found = get_plan_for_user(request, pk, write=True)
    try:
        new = actions.copy_to_next_year(found.plan, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("plans:detail", pk=found.plan.pk)
    messages.success(
        request,
        _("Đã lập bản nháp kế hoạch năm %(year)s; các thời hạn đã được tính lại.") % {"year": new.year},
    )
    return redirect("plans:detail", pk=new.pk)


# --- Tasks of a draft ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def task_create(request, pk):
    found = get_plan_for_user(request, pk, write=True)
    plan = found.plan
    if plan.state != State.DRAFT:
        raise PermissionDenied
    form = TaskForm(request.POST or None, plan=plan, initial={"due_kind": "year", "due_year": plan.year})
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_task(plan, by=request.user, **form.action_fields())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã thêm nhiệm vụ."))
            if request.POST.get("another"):
                return redirect("plans:task_create", pk=plan.pk)
            return redirect(reverse("plans:detail", args=[plan.pk]) + "#tasks")
    return render(
        request,
        "plans/task_form.html",
        {"form": form, "plan": plan, "task": None},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request, pk):
    found = get_task_for_user(request, pk)
    task = found.task
    if not found.can_edit or not any(r.can_edit for r in roles_on(request, task.plan.owner)):
        raise PermissionDenied
    if task.plan.state != State.DRAFT:
        raise PermissionDenied
    initial = {name: getattr(task, name) for name in actions.TASK_FIELDS}
    initial["coordinating_units"] = list(task.coordinating_units.all())
    initial["coordinating_agencies"] = list(task.coordinating_agencies.all())
    form = TaskForm(request.POST or None, plan=task.plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_task(task, by=request.user, **form.action_fields())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã lưu nhiệm vụ."))
            return redirect(reverse("plans:detail", args=[task.plan.pk]) + "#tasks")
    return render(
        request,
        "plans/task_form.html",
        {"form": form, "plan": task.plan, "task": task},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def task_delete(request, pk):
    found = get_task_for_user(request, pk)
    task = found.task
    if not any(r.can_edit for r in roles_on(request, task.plan.owner)):
        raise PermissionDenied
    try:
        actions.remove_task(task, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã xóa nhiệm vụ khỏi bản nháp."))
    return redirect(reverse("plans:detail", args=[task.plan.pk]) + "#tasks")


# --- A task: progress -----------------------------------------------------------------------------------


def evidence_choices(owner):
    """The lead body's recent portal records that can prove a task done (newest first, 15 of each)."""
    if owner is None:
        return []
    found = []
    sources = [
        (_("Công khai"), Disclosure.objects.of(owner).filter(state__in=DISCLOSED).order_by("-pk")),
        (_("Lấy ý kiến"), Consultation.objects.of(owner).order_by("-pk")),
        (_("Hội nghị"), Meeting.objects.of(owner).order_by("-pk")),
        (_("Biểu quyết"), Decision.objects.of(owner).order_by("-pk")),
        (_("Báo cáo"), report_models.UnitReport.objects.of(owner).order_by("-pk")),
    ]
    for label, queryset in sources:
        for obj in queryset[:15]:
            found.append((f"{obj._meta.model_name}:{obj.pk}", f"{label}: {obj}", obj))
    return found


EVIDENCE_URLS = {
    "disclosure": "disclosures:staff_detail",
    "consultation": "consultations:staff_detail",
    "unitreport": "reports:detail",
}


def task_page(request, found, **forms):
    task = found.task
    today = timezone.localdate()
    updates = list(
        task.updates.select_related("by")
        .prefetch_related("evidence__target_type", "attachments")
        .order_by("-on", "-pk")
    )
    for update in updates:
        for ev in update.evidence.all():
            name = EVIDENCE_URLS.get(ev.target_type.model)
            ev.url = reverse(name, args=[ev.target_id]) if name else ""
    lead = task.lead_owner or task.plan.owner
    choices = evidence_choices(lead) if found.may_report else []
    context = {
        "task": task,
        "plan": task.plan,
        "found": found,
        "overdue": task.is_overdue(today),
        "updates": updates,
        "children": task.children.select_related("plan__unit", "plan__agency").exclude(
            plan__state=State.CANCELLED
        ),
        "update_form": forms.get("update_form")
        or (
            UpdateForm(evidence_choices=choices, initial={"on": today, "status": task.status})
            if found.may_report
            else None
        ),
        "note_form": forms.get("note_form")
        or (
            UpdateForm(note=True, prefix="note", initial={"on": today})
            if found.may_note and not found.may_report
            else None
        ),
        "guidance_form": forms.get("guidance_form") or GuidanceForm(prefix="guidance"),
        "audit": trail(task) if found.is_staff else [],
    }
    return render(request, "plans/task.html", context, status=400 if forms else 200)


@login_required
def task_detail(request, pk):
    return task_page(request, get_task_for_user(request, pk))


@login_required
@require_POST
def task_update(request, pk):
    found = get_task_for_report(request, pk)
    task = found.task
    if not found.may_report:
        raise PermissionDenied
    lead = task.lead_owner or task.plan.owner
    form = UpdateForm(request.POST, request.FILES, evidence_choices=evidence_choices(lead))
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.post_update(task, by=request.user, by_owner=lead, **data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã cập nhật tiến độ nhiệm vụ."))
            return redirect("plans:task", pk=task.pk)
    return task_page(request, found, update_form=form)


@login_required
@require_POST
def task_note(request, pk):
    found = get_task_for_report(request, pk)
    if not found.may_note:
        raise PermissionDenied
    form = UpdateForm(request.POST, request.FILES, note=True, prefix="note")
    if form.is_valid():
        try:
            actions.add_note(found.task, by=request.user, by_owner=found.coordinator, on=form.cleaned_data["on"],
                             text=form.cleaned_data["text"], files=form.cleaned_data["files"])  # fmt: skip
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nội dung phối hợp."))
            return redirect("plans:task", pk=found.task.pk)
    return task_page(request, found, note_form=form)


@login_required
@require_POST
def task_guidance(request, pk):
    found = get_task_for_report(request, pk)
    if not found.may_report:
        raise PermissionDenied
    form = GuidanceForm(request.POST, prefix="guidance")
    if form.is_valid():
        try:
            actions.record_guidance(found.task, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Đã ghi nhận văn bản hướng dẫn; hạn nhiệm vụ đã được tính."))
            return redirect("plans:task", pk=found.task.pk)
    return task_page(request, found, guidance_form=form)


@login_required
def attachment_download(request, pk):
    """A file of a progress update: only to those who may see the task (its plan's owner and superiors,
    its lead body, its coordinating bodies), never cached; an agency's plan stays internal."""
    attachment = get_attachment_for_user(request, pk)
    return document_download(attachment, public=False)


# --- The citizen's side -------------------------------------------------------------------------------


def public_list(request, code):
    unit = AdministrativeUnit.objects.filter(code=code).exclude(level=Level.VILLAGE).first()
    if unit is None:
        raise Http404
    plans = Plan.objects.public().filter(unit=unit).order_by("-date", "-pk")
    return render(request, "plans/public_list.html", {"unit": unit, "plans": plans})


def public_detail(request, pk):
    plan = get_public_plan(request, pk)
    tasks = list(_with_bodies(plan.tasks.select_related("section")))
    # A commune's clerk has no staff page on the plan above: "make our plan from it" is offered here.
    owners = (
        _cascade_owners(request, plan, tasks)
        if request.user.is_authenticated and plan.state == State.ISSUED
        else []
    )
    cascade_form = CascadeForm(owners=owners, initial={"date": timezone.localdate()}) if owners else None
    return render(
        request,
        "plans/public_detail.html",
        {"plan": plan, "tasks": tasks, "newer": Plan.objects.filter(previous=plan).first(),
         "cascade_form": cascade_form},
    )  # fmt: skip


# --- Import -------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def import_tasks(request, pk):
    """Paste or upload the plan's text; the proposed tasks come back as a table to correct; saving
    keeps all of them or none."""
    found = get_plan_for_user(request, pk, write=True)
    plan = found.plan
    if plan.state != State.DRAFT:
        raise PermissionDenied
    source, formset, notes, status = ImportSourceForm(), None, [], 200
    if request.method == "POST" and "save" in request.POST:
        formset = ImportFormSet(request.POST, prefix="row")
        if formset.is_valid():
            rows = [f.cleaned_data for f in formset.forms if f.cleaned_data]
            try:
                saved = actions.import_tasks(plan, by=request.user, rows=rows)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                status = 400
            else:
                messages.success(request, _("Đã nhập %(n)s nhiệm vụ.") % {"n": len(saved)})
                return redirect(reverse("plans:detail", args=[plan.pk]) + "#tasks")
        else:
            status = 400
    elif request.method == "POST":
        source = ImportSourceForm(request.POST, request.FILES)
        if source.is_valid():
            try:
                if source.cleaned_data["file"]:
                    lines = parse.docx_lines(source.cleaned_data["file"])
                else:
                    lines = source.cleaned_data["text"].splitlines()
                proposals = parse.propose(lines, plan.year)
            except ValidationError as error:
                add_action_errors(source, error)
                status = 400
            else:
                initial = [
                    {"section_code": p.section_code, "section_heading": p.section_heading, "code": p.code,
                     "heading": p.heading, "lead_text": p.lead_text, "coordinating_text": p.coordinating_text,
                     "time_text": p.time_text, **p.rule}
                    for p in proposals
                ]  # fmt: skip
                formset = ImportFormSet(initial=initial, prefix="row")
                notes = [p.note for p in proposals]
        else:
            status = 400
    rows = (
        list(zip(formset.forms, notes or [""] * len(formset.forms), strict=True))
        if formset is not None
        else []
    )
    return render(
        request, "plans/import.html",
        {"plan": plan, "source": source, "formset": formset, "rows": rows}, status=status,
    )  # fmt: skip
