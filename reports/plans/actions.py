"""Every write to a plan, its tasks and their progress: one function each, one transaction, one audit row.

Issuing, amending and cancelling are compare-and-set on the plan's state (`democracy.transitions.move`):
two approvers clicking at once issue a plan once. Nothing issued is edited in place or deleted: an
amendment is a new version (with its reason) that replaces the issued one when it is issued in turn."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from democracy import publiccache
from democracy.audit import plain, record
from democracy.forms import MAX_FILES_PER_UPLOAD
from democracy.models import Action
from democracy.transitions import move
from democracy.uploads import store_all
from units.models import owner_fields, owner_key

from . import due
from .models import DueKind, Evidence, Plan, Section, State, Status, Task, TaskAttachment, TaskUpdate

PLAN_FIELDS = [
    "kind", "number", "symbol", "date", "place", "title", "bases", "purpose", "organisation", "funding",
    "recipients", "signer_name", "signer_title", "child_plan_due",
]  # fmt: skip
TASK_FIELDS = [
    "section", "code", "heading", "content", "audience", "output", "lead_unit", "lead_agency", "lead_text",
    "coordinating_text", "time_text", "due_kind", "due_date", "due_year", "due_month", "due_quarter",
    "every_months", "trigger_days", "trigger_date", "trigger_text", "periodic_days", "parent", "position",
]  # fmt: skip
RULE_FIELDS = {
    DueKind.DATE: ["due_date"],
    DueKind.MONTH: ["due_year", "due_month"],
    DueKind.QUARTER: ["due_year", "due_quarter"],
    DueKind.YEAR: ["due_year"],
    DueKind.ONGOING: ["every_months"],
    DueKind.TRIGGERED: ["trigger_days"],
    DueKind.PERIODIC: [],  # days in the year, or every N months by calendar period: see check_task
}


# --- Checks ----------------------------------------------------------------------------------------


def check_plan(fields: dict) -> None:
    errors = {}
    date = fields.get("date")
    if date and date > timezone.localdate() + dt.timedelta(days=366):
        errors["date"] = _("Ngày ban hành không được quá một năm sau ngày hôm nay.")
    child_due = fields.get("child_plan_due")
    if date and child_due and child_due < date:
        errors["child_plan_due"] = _(
            "Hạn cấp dưới ban hành kế hoạch không được trước ngày ban hành kế hoạch này."
        )
    if errors:
        raise ValidationError(errors)


def check_task(plan: Plan, fields: dict, *, task: Task | None = None) -> None:
    """A task's rules, each error in Vietnamese on its field: a lead body, a complete due rule, no due
    date before the plan's date, no parent that makes a cycle."""
    errors = {}
    if not (fields.get("lead_unit") or fields.get("lead_agency") or (fields.get("lead_text") or "").strip()):
        errors["lead_text"] = _(
            "Nhiệm vụ phải có cơ quan chủ trì: chọn đơn vị, cơ quan hoặc ghi tên bộ phận."
        )
    if fields.get("lead_unit") and fields.get("lead_agency"):
        errors["lead_agency"] = _("Chỉ chọn một trong hai: đơn vị hành chính hoặc cơ quan, đơn vị chủ trì.")
    kind = fields.get("due_kind")
    for name in RULE_FIELDS.get(kind, []):
        if fields.get(name) in (None, ""):
            errors[name] = _("Cách tính hạn “%(kind)s” cần mục này.") % {"kind": DueKind(kind).label}
    if fields.get("due_month") is not None and not 1 <= fields["due_month"] <= 12:
        errors["due_month"] = _("Tháng từ 1 đến 12.")
    if fields.get("due_quarter") is not None and not 1 <= fields["due_quarter"] <= 4:
        errors["due_quarter"] = _("Quý từ 1 đến 4.")
    if fields.get("due_year") is not None and not 2000 <= fields["due_year"] <= 2100:
        errors["due_year"] = _("Năm từ 2000 đến 2100.")
    if fields.get("every_months") is not None and not 1 <= fields["every_months"] <= 24:
        errors["every_months"] = _("Từ 1 đến 24 tháng.")
    if fields.get("trigger_days") is not None and not 1 <= fields["trigger_days"] <= 365:
        errors["trigger_days"] = _("Từ 1 đến 365 ngày.")
    if kind == DueKind.PERIODIC and fields.get("periodic_days"):
        try:
            due.parse_periodic_days(fields["periodic_days"])
        except ValueError as error:
            errors["periodic_days"] = str(error)
    elif kind == DueKind.PERIODIC and fields.get("every_months") is None:
        errors["periodic_days"] = _(
            "Cách tính hạn định kỳ cần các ngày trong năm (ví dụ 05/05, 05/11) hoặc số tháng của mỗi kỳ."
        )
    elif kind == DueKind.PERIODIC and fields["every_months"] not in due.PERIOD_MONTHS:
        errors["every_months"] = _("Định kỳ theo kỳ của năm: mỗi kỳ 1, 2, 3, 4, 6 hoặc 12 tháng.")
    if not errors and kind in (DueKind.DATE, DueKind.MONTH, DueKind.QUARTER, DueKind.YEAR):
        computed = due.compute(
            Task(**{k: v for k, v in fields.items() if k in RULE_FIELDS[kind] + ["due_kind"]}), plan.date
        )
        if computed.date < plan.date:
            errors[RULE_FIELDS[kind][0]] = _(
                "Hạn nhiệm vụ (%(due)s) không được trước ngày ban hành kế hoạch (%(date)s)."
            ) % {"due": f"{computed.date:%d/%m/%Y}", "date": f"{plan.date:%d/%m/%Y}"}
    parent = fields.get("parent")
    if parent is not None:
        if parent.plan_id == plan.pk:
            errors["parent"] = _("Nhiệm vụ cấp trên phải thuộc kế hoạch cấp trên, không thuộc kế hoạch này.")
        else:
            node, seen = parent, set()
            while node is not None:
                if (task is not None and node.pk == task.pk) or node.plan_id == plan.pk or node.pk in seen:
                    errors["parent"] = _("Liên kết nhiệm vụ cấp trên tạo thành vòng lặp.")
                    break
                seen.add(node.pk)
                node = node.parent
    if errors:
        raise ValidationError(errors)


def _require_draft(plan: Plan) -> None:
    if plan.state != State.DRAFT:
        raise ValidationError(
            _(
                "Chỉ sửa được kế hoạch ở dạng bản nháp. Kế hoạch đã ban hành được sửa đổi bằng một phiên bản mới."
            )
        )


# --- Computed due dates -----------------------------------------------------------------------------


def recompute_due(task: Task, *, save: bool = True) -> None:
    """The task's due date and explanation from its rule, the plan's date and the last progress report."""
    last = (
        task.updates.filter(is_note=False).order_by("-on", "-pk").values_list("on", flat=True).first()
        if task.pk and task.due_kind in (DueKind.ONGOING, DueKind.PERIODIC)
        else None
    )
    computed = due.compute(task, task.plan.date, last_report=last)
    if computed is None:
        task.due_on, task.due_explanation = (
            None,
            _("Chưa có hạn: chờ văn bản hướng dẫn của cấp có thẩm quyền."),
        )
    else:
        task.due_on, task.due_explanation = computed.date, computed.explanation[:500]
    if save:
        task.save(update_fields=["due_on", "due_explanation"])


# --- Plans -------------------------------------------------------------------------------------------


@transaction.atomic
def create_plan(*, owner, by, based_on=(), **fields) -> Plan:
    check_plan(fields)
    plan = Plan(**owner_fields(owner), created_by=by, **fields)
    plan.save()
    plan.based_on.set(based_on)
    record(plan, by=by, action=Action.CREATED, changes={"title": plan.title})
    return plan


@transaction.atomic
def update_plan(plan: Plan, *, by, based_on=None, **fields) -> Plan:
    _require_draft(plan)
    check_plan({"date": plan.date, **fields})
    changes = {}
    for name, value in fields.items():
        old = getattr(plan, name)
        if old != value:
            changes[name] = [plain(old), plain(value)]
            setattr(plan, name, value)
    plan.updated_at = timezone.now()
    plan.save()
    if based_on is not None:
        plan.based_on.set(based_on)
    if "date" in changes:
        for task in plan.tasks.all():
            recompute_due(task)
    if changes:
        record(plan, by=by, action=Action.EDITED, changes=changes)
    return plan


@transaction.atomic
def delete_draft(plan: Plan, *, by) -> None:
    if not Plan.objects.select_for_update().filter(pk=plan.pk, state=State.DRAFT).exists():
        raise ValidationError(_("Chỉ xóa được bản nháp."))
    record(plan, by=by, action=Action.DRAFT_DELETED, changes={"title": plan.title})
    plan.delete()


@transaction.atomic
def issue(plan: Plan, *, by, number: int | None = None) -> Plan:
    """Issue a draft (an approver): it needs a number, unique for its owner and year, and at least one
    task. A new version replaces the one in force, which becomes "amended"."""
    list(Plan.objects.select_for_update().filter(pk=plan.pk).values_list("pk"))  # the row lock
    plan.refresh_from_db()
    if plan.state != State.DRAFT:
        raise ValidationError(_("Kế hoạch này đã được ban hành hoặc hủy bỏ."))
    number = number or plan.number
    if not number:
        raise ValidationError({"number": _("Hãy nhập số của kế hoạch trước khi ban hành.")})
    if not plan.tasks.exists():
        raise ValidationError(_("Kế hoạch chưa có nhiệm vụ nào: hãy thêm nhiệm vụ trước khi ban hành."))
    if plan.tasks.filter(lead_unit__isnull=True, lead_agency__isnull=True, lead_text="").exists():
        raise ValidationError(_("Có nhiệm vụ chưa có cơ quan chủ trì."))
    previous = plan.previous
    if previous is not None and not move(previous, from_states=[State.ISSUED], to_state=State.AMENDED):
        raise ValidationError(
            _("Phiên bản trước không còn hiệu lực: không ban hành được phiên bản sửa đổi này.")
        )
    taken = Plan.objects.filter(
        **owner_fields(plan.owner), year=plan.year, number=number, symbol=plan.symbol, state=State.ISSUED
    ).exclude(pk=plan.pk)
    if taken.exists():
        raise ValidationError(
            {
                "number": _("Số %(ref)s đã được dùng cho một kế hoạch khác trong năm %(year)s.")
                % {"ref": f"{number}/{plan.symbol}", "year": plan.year}
            }
        )
    try:
        with transaction.atomic():
            moved = move(plan, from_states=[State.DRAFT], to_state=State.ISSUED, number=number,
                         issued_at=timezone.now(), issued_by=by)  # fmt: skip
    except IntegrityError:
        raise ValidationError({"number": _("Số này đã được dùng cho một kế hoạch khác trong năm.")}) from None
    if not moved:
        raise ValidationError(_("Kế hoạch này đã được ban hành hoặc hủy bỏ."))
    if previous is not None:
        record(previous, by=by, action=Action.SUPERSEDED, changes={"by_version": plan.version})
    record(
        plan, by=by, action=Action.PLAN_ISSUED, changes={"number": plan.reference, "version": plan.version}
    )
    publiccache.changed(plan.owner)  # its public list, and the version it replaces ("amended")
    return plan


@transaction.atomic
def start_amendment(plan: Plan, *, by, reason: str) -> Plan:
    """A new draft version of an issued plan (its text, sections and tasks copied), with the reason.
    The issued plan stays in force until the new version is issued."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Hãy nêu lý do sửa đổi kế hoạch.")})
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.state != State.ISSUED:
        raise ValidationError(_("Chỉ sửa đổi được kế hoạch đang có hiệu lực."))
    if Plan.objects.filter(previous=plan).exists():
        raise ValidationError(_("Kế hoạch này đã có một phiên bản sửa đổi đang soạn."))
    new = _copy(plan, by=by, version=plan.version + 1, previous=plan, amendment_reason=reason)
    record(new, by=by, action=Action.AMENDMENT_STARTED, changes={"from_version": plan.version}, note=reason)
    return new


@transaction.atomic
def cancel(plan: Plan, *, by, reason: str) -> Plan:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Hãy nêu lý do hủy bỏ kế hoạch.")})
    if not move(plan, from_states=[State.ISSUED], to_state=State.CANCELLED, cancel_reason=reason):
        raise ValidationError(_("Chỉ hủy bỏ được kế hoạch đang có hiệu lực."))
    record(plan, by=by, action=Action.PLAN_CANCELLED, note=reason)
    publiccache.changed(plan.owner)
    return plan


def _copy(plan: Plan, *, by, tasks=None, link_parents=False, year_shift=0, **overrides) -> Plan:
    """A new draft from `plan`: its fields, its sections and `tasks` (all by default). `link_parents`:
    each copied task's parent is the task it was copied from (the cascade)."""
    values = {name: getattr(plan, name) for name in PLAN_FIELDS}
    values.update(unit=plan.unit, agency=plan.agency, created_by=by, state=State.DRAFT)
    values.update(overrides)
    new = Plan(**values)
    new.save()
    new.based_on.set(plan.based_on.all())
    tasks = (
        list(
            plan.tasks.select_related("section").prefetch_related(
                "coordinating_units", "coordinating_agencies"
            )
        )
        if tasks is None
        else tasks
    )
    sections = {}
    for section in plan.sections.filter(pk__in={t.section_id for t in tasks if t.section_id}):
        sections[section.pk] = Section.objects.create(
            plan=new, code=section.code, heading=section.heading, position=section.position
        )
    for task in tasks:
        values = {name: getattr(task, name) for name in TASK_FIELDS}
        values["section"] = sections.get(task.section_id)
        values["parent"] = task if link_parents else task.parent
        if year_shift:
            values.update(due.next_year(task))
            old, new_year = str(plan.date.year), str(plan.date.year + 1)
            values["time_text"] = task.time_text.replace(old, new_year)
        copy = Task(plan=new, **values)
        recompute_due(copy, save=False)
        copy.save()
        copy.coordinating_units.set(task.coordinating_units.all())
        copy.coordinating_agencies.set(task.coordinating_agencies.all())
    return new


@transaction.atomic
def cascade(parent_plan: Plan, *, owner, by, date: dt.date, place: str = "") -> Plan:
    """ "Make our plan from the plan above": a draft for `owner` (a unit or an agency below), with the
    parent plan's tasks assigned to `owner` (as lead or coordinator) copied and linked to their parent
    task, the owner as their lead."""
    if parent_plan.state != State.ISSUED:
        raise ValidationError(_("Chỉ lập được kế hoạch từ kế hoạch cấp trên đang có hiệu lực."))
    tasks = list(assigned_tasks(parent_plan, owner))
    if not tasks:
        raise ValidationError(
            _("Kế hoạch cấp trên không giao nhiệm vụ nào cho %(owner)s.") % {"owner": owner}
        )
    if date < parent_plan.date:
        raise ValidationError({"date": _("Ngày ban hành không được trước ngày của kế hoạch cấp trên.")})
    lead = owner_fields(owner)
    values = {
        "unit": lead["unit"], "agency": lead["agency"], "number": None, "date": date, "place": place or parent_plan.place,
        "title": parent_plan.title, "made_from": parent_plan, "child_plan_due": None, "signer_name": "",
        "bases": _("Thực hiện Kế hoạch số %(ref)s ngày %(date)s của %(issuer)s.") % {
            "ref": parent_plan.reference, "date": f"{parent_plan.date:%d/%m/%Y}", "issuer": parent_plan.owner},
    }  # fmt: skip
    new = _copy(parent_plan, by=by, tasks=tasks, link_parents=True, **values)
    new.based_on.set([parent_plan])
    for task in new.tasks.all():
        task.lead_unit, task.lead_agency, task.lead_text = lead["unit"], lead["agency"], ""
        task.save(update_fields=["lead_unit", "lead_agency", "lead_text"])
        task.coordinating_units.clear()
        task.coordinating_agencies.clear()
    record(new, by=by, action=Action.CASCADED, changes={"from": parent_plan.reference, "tasks": len(tasks)})
    return new


def assigned_tasks(plan: Plan, owner):
    """The plan's tasks `owner` leads or coordinates."""
    from units.models import is_agency

    if is_agency(owner):
        q = plan.tasks.filter(lead_agency=owner) | plan.tasks.filter(coordinating_agencies=owner)
    else:
        q = plan.tasks.filter(lead_unit=owner) | plan.tasks.filter(coordinating_units=owner)
    return (
        q.distinct().select_related("section").prefetch_related("coordinating_units", "coordinating_agencies")
    )


@transaction.atomic
def copy_to_next_year(plan: Plan, *, by) -> Plan:
    """Next year's draft from an annual plan: every due rule a year later, every due date recomputed."""
    if plan.state not in (State.ISSUED, State.AMENDED):
        raise ValidationError(_("Chỉ sao chép được kế hoạch đã ban hành."))
    date = due._shift_year(plan.date)
    old, new_year = str(plan.year), str(plan.year + 1)
    new = _copy(
        plan, by=by, year_shift=1, number=None, date=date, title=plan.title.replace(old, new_year),
        child_plan_due=due._shift_year(plan.child_plan_due) if plan.child_plan_due else None,
    )  # fmt: skip
    record(new, by=by, action=Action.COPIED_TO_NEXT_YEAR, changes={"from": plan.reference or plan.pk})
    return new


# --- Sections and tasks (drafts) ---------------------------------------------------------------------


@transaction.atomic
def add_section(plan: Plan, *, by, code: str, heading: str) -> Section:
    _require_draft(plan)
    position = plan.sections.count() + 1
    section = Section.objects.create(plan=plan, code=code, heading=heading, position=position)
    record(plan, by=by, action=Action.EDITED, changes={"section": f"{code}. {heading}"})
    return section


@transaction.atomic
def add_task(plan: Plan, *, by, coordinating_units=(), coordinating_agencies=(), **fields) -> Task:
    _require_draft(plan)
    check_task(plan, fields)
    fields.setdefault(
        "position", (plan.tasks.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    )
    task = Task(plan=plan, **fields)
    recompute_due(task, save=False)
    task.save()
    task.coordinating_units.set(coordinating_units)
    task.coordinating_agencies.set(coordinating_agencies)
    record(
        task,
        by=by,
        action=Action.TASK_ADDED,
        changes={"plan": plan.pk, "code": task.code, "due_on": task.due_on},
    )
    return task


@transaction.atomic
def update_task(task: Task, *, by, coordinating_units=None, coordinating_agencies=None, **fields) -> Task:
    _require_draft(task.plan)
    current = {name: getattr(task, name) for name in TASK_FIELDS}
    check_task(task.plan, {**current, **fields}, task=task)
    changes = {}
    for name, value in fields.items():
        if current.get(name) != value:
            changes[name] = [plain(current.get(name)), plain(value)]
            setattr(task, name, value)
    recompute_due(task, save=False)
    task.save()
    if coordinating_units is not None:
        task.coordinating_units.set(coordinating_units)
    if coordinating_agencies is not None:
        task.coordinating_agencies.set(coordinating_agencies)
    if changes:
        record(task, by=by, action=Action.TASK_EDITED, changes=changes)
    return task


@transaction.atomic
def remove_task(task: Task, *, by) -> None:
    _require_draft(task.plan)
    record(task, by=by, action=Action.TASK_REMOVED, changes={"code": task.code, "heading": task.heading})
    task.delete()


@transaction.atomic
def save_tasks(plan: Plan, *, by, tasks: list[dict]) -> list[Task]:
    """Many tasks at once (the import): all saved, or none (the first error raised with its row)."""
    _require_draft(plan)
    saved = []
    for index, fields in enumerate(tasks, start=1):
        try:
            saved.append(add_task(plan, by=by, **fields))
        except ValidationError as error:
            messages = (
                "; ".join(m for msgs in error.message_dict.values() for m in msgs)
                if hasattr(error, "error_dict")
                else "; ".join(error.messages)
            )
            raise ValidationError(
                _("Nhiệm vụ thứ %(n)s (%(code)s): %(errors)s")
                % {"n": index, "code": fields.get("code", ""), "errors": messages}
            ) from None
    return saved


@transaction.atomic
def import_tasks(plan: Plan, *, by, rows: list[dict]) -> list[Task]:
    """The corrected proposal of the import: its sections (by code, reused when the draft has them) and
    its tasks, all saved or none. One audit row for the plan (the import) and one per task."""
    _require_draft(plan)
    sections = {s.code: s for s in plan.sections.all()}
    tasks = []
    for row in rows:
        row = dict(row)
        code, heading = row.pop("section_code", ""), row.pop("section_heading", "")
        if code and code not in sections:
            position = len(sections) + 1
            sections[code] = Section.objects.create(
                plan=plan, code=code, heading=heading or code, position=position
            )
        row["section"] = sections.get(code)
        tasks.append(row)
    saved = save_tasks(plan, by=by, tasks=tasks)
    record(plan, by=by, action=Action.IMPORTED, changes={"tasks": len(saved)})
    return saved


# --- Progress ----------------------------------------------------------------------------------------


@transaction.atomic
def record_guidance(task: Task, *, by, date: dt.date, text: str) -> Task:
    """The guidance a triggered task waited for has come: its deadline is counted from `date`."""
    if task.due_kind != DueKind.TRIGGERED:
        raise ValidationError(_("Nhiệm vụ này không chờ văn bản hướng dẫn."))
    if task.plan.state != State.ISSUED:
        raise ValidationError(_("Kế hoạch không còn hiệu lực."))
    if date < task.plan.date:
        raise ValidationError({"date": _("Ngày văn bản hướng dẫn không được trước ngày ban hành kế hoạch.")})
    if date > timezone.localdate():
        raise ValidationError({"date": _("Ngày văn bản hướng dẫn không được sau ngày hôm nay.")})
    task.trigger_date, task.trigger_text = date, text.strip()[:300]
    recompute_due(task, save=False)
    task.save(update_fields=["trigger_date", "trigger_text", "due_on", "due_explanation"])
    record(
        task, by=by, action=Action.GUIDANCE_RECORDED, changes={"date": date, "due_on": task.due_on}, note=text
    )
    return task


@transaction.atomic
def post_update(task: Task, *, by, by_owner, status: str, on: dt.date, text: str, reason: str = "",
                conferences=None, people=None, documents_issued=None, evidence=(), files=()) -> TaskUpdate:  # fmt: skip
    """The lead body's progress report: it sets the task's status (overdue is never a status: it is
    computed). Cancelled needs a reason. `evidence`: portal objects that prove it; `files`: checked
    uploads (`democracy.uploads.check_upload`) kept with it, all or none."""
    task = Task.objects.select_for_update().select_related("plan").get(pk=task.pk)
    errors = {}
    if task.plan.state != State.ISSUED:
        raise ValidationError(_("Chỉ cập nhật tiến độ nhiệm vụ của kế hoạch đang có hiệu lực."))
    if status not in Status.values:
        errors["status"] = _("Hãy chọn tình trạng thực hiện.")
    if status == Status.CANCELLED and not (reason or "").strip():
        errors["reason"] = _("Hãy nêu lý do không thực hiện nhiệm vụ.")
    if on > timezone.localdate():
        errors["on"] = _("Ngày cập nhật không được sau ngày hôm nay.")
    elif on < task.plan.date:
        errors["on"] = _("Ngày cập nhật không được trước ngày ban hành kế hoạch.")
    if not (text or "").strip():
        errors["text"] = _("Hãy ghi kết quả thực hiện.")
    if errors:
        raise ValidationError(errors)
    update = TaskUpdate.objects.create(
        task=task, status=status, on=on, text=text.strip(), reason=(reason or "").strip(), conferences=conferences,
        people=people, documents_issued=documents_issued, by=by, by_owner=owner_key(by_owner),
    )  # fmt: skip
    _link_evidence(update, evidence)
    stored = _attach(update, files)
    old = task.status
    task.status, task.status_on = status, on
    task.done_on = on if status == Status.DONE else None
    recompute_due(task, save=False)
    task.save(update_fields=["status", "status_on", "done_on", "due_on", "due_explanation"])
    record(
        task, by=by, action=Action.PROGRESS_REPORTED,
        changes={
            "status": [old, status], "on": on, "evidence": [e.label for e in update.evidence.all()],
            "files": [a.original_name for a in stored],
        },
        note=reason,
    )  # fmt: skip
    return update


@transaction.atomic
def add_note(task: Task, *, by, by_owner, on: dt.date, text: str, evidence=(), files=()) -> TaskUpdate:
    """A coordinating body's note: kept with the task, no change of status; `files` as for updates."""
    if not (text or "").strip():
        raise ValidationError({"text": _("Hãy ghi nội dung phối hợp.")})
    if on > timezone.localdate():
        raise ValidationError({"on": _("Ngày không được sau ngày hôm nay.")})
    update = TaskUpdate.objects.create(
        task=task, is_note=True, on=on, text=text.strip(), by=by, by_owner=owner_key(by_owner)
    )
    _link_evidence(update, evidence)
    stored = _attach(update, files)
    record(
        task, by=by, action=Action.NOTE_ADDED, changes={"on": on, "files": [a.original_name for a in stored]}
    )
    return update


def _attach(update: TaskUpdate, files) -> list[TaskAttachment]:
    """The checked files stored with the update (random names, the default storage): all or none. If
    storing one fails, those already written are deleted and the caller's transaction rolls back."""
    files = list(files or ())
    if len(files) > MAX_FILES_PER_UPLOAD:
        raise ValidationError(
            {"files": _("Mỗi lần cập nhật tối đa %(n)s tệp.") % {"n": MAX_FILES_PER_UPLOAD}}
        )
    if not files:
        return []
    return store_all(files, lambda checked: TaskAttachment(update=update), stem="tien-do")


def _link_evidence(update: TaskUpdate, evidence) -> None:
    from django.contrib.contenttypes.models import ContentType

    Evidence.objects.bulk_create(
        Evidence(
            update=update, target_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            target_id=obj.pk, label=str(obj)[:300],
        )
        for obj in evidence
    )  # fmt: skip
