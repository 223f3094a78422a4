"""The write functions of checks and gradings: one per act, each in one transaction with its audit row.
A bad input raises ValidationError with a Vietnamese message keyed by the form's field."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from democracy.audit import record, record_many
from democracy.models import Action
from democracy.transitions import move
from units.models import AdministrativeUnit, Level, is_agency, owner_fields

from . import grading
from .models import CheckFix, CheckPlan, CheckVisit, FixState, GradingScheme, GradingWeight, VisitState


def _checkable(owner, area: AdministrativeUnit) -> bool:
    """A commune below `area`, or an agency placed at `area` or below it."""
    if is_agency(owner):
        return owner.unit_id == area.pk or area.pk in {a.pk for a in owner.unit.ancestors()}
    return owner.level == Level.COMMUNE and area.pk in {a.pk for a in owner.ancestors()}


@transaction.atomic
def plan_check(
    area: AdministrativeUnit,
    *,
    by,
    title: str,
    subject: str,
    team_lead: str,
    starts_on: dt.date,
    ends_on: dt.date,
    units,
    team: str = "",
    plan_number: str = "",
) -> CheckPlan:
    """A check of `units` (communes, or agencies, below `area`) by a team between two days: the plan and
    one planned visit per unit."""
    errors = {}
    if ends_on < starts_on:
        errors["ends_on"] = _(
            "Ngày kết thúc đợt kiểm tra (%(end)s) phải từ ngày bắt đầu (%(start)s) trở đi."
        ) % {
            "end": f"{ends_on:%d/%m/%Y}",
            "start": f"{starts_on:%d/%m/%Y}",
        }
    units = list(units)
    if not units:
        errors["units"] = _("Chọn ít nhất một đơn vị được kiểm tra.")
    outside = [u.name for u in units if not _checkable(u, area)]
    if outside:
        errors["units"] = _("Chỉ kiểm tra được xã, phường, cơ quan thuộc %(area)s: %(names)s.") % {
            "area": area.name,
            "names": ", ".join(outside),
        }
    if errors:
        raise ValidationError(errors)
    plan = CheckPlan.objects.create(
        area=area, title=title, subject=subject, plan_number=plan_number, team_lead=team_lead, team=team,
        starts_on=starts_on, ends_on=ends_on, created_by=by,
    )  # fmt: skip
    visits = CheckVisit.objects.bulk_create([CheckVisit(plan=plan, **owner_fields(u)) for u in units])
    record(
        plan,
        by=by,
        action=Action.CHECK_PLANNED,
        changes={"units": [u.name for u in units], "starts_on": starts_on, "ends_on": ends_on},
    )
    record_many(visits, by=by, action=Action.CHECK_PLANNED, changes={"plan": plan.title})
    return plan


@transaction.atomic
def conclude_visit(
    visit: CheckVisit,
    *,
    by,
    visited_on: dt.date,
    minutes: str,
    conclusions: str,
    fixes=(),
    number: str = "",
    today: dt.date | None = None,
) -> CheckVisit:
    """Records the visit's minutes and conclusions and the fixes required (text, deadline), once: a visit
    concluded meanwhile (a second click, a colleague) is refused."""
    today = today or timezone.localdate()
    plan = visit.plan
    errors = {}
    if visited_on > today:
        errors["visited_on"] = _("Ngày kiểm tra không được sau hôm nay.")
    elif not plan.starts_on <= visited_on <= plan.ends_on:
        errors["visited_on"] = _(
            "Ngày kiểm tra phải trong thời gian của đợt kiểm tra (%(start)s – %(end)s)."
        ) % {"start": f"{plan.starts_on:%d/%m/%Y}", "end": f"{plan.ends_on:%d/%m/%Y}"}
    fixes = [(text.strip(), due_on) for text, due_on in fixes]
    late = [f"{due_on:%d/%m/%Y}" for _text, due_on in fixes if due_on <= visited_on]
    if late:
        errors["fixes"] = _(
            "Hạn khắc phục phải sau ngày kiểm tra (%(day)s); hạn không hợp lệ: %(dates)s."
        ) % {"day": f"{visited_on:%d/%m/%Y}", "dates": ", ".join(late)}
    if any(not text for text, _due in fixes):
        errors["fixes"] = _("Mỗi yêu cầu khắc phục cần có nội dung.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    if not move(
        visit, from_states=[VisitState.PLANNED], to_state=VisitState.CONCLUDED, visited_on=visited_on,
        minutes=minutes, conclusions=conclusions, number=number, concluded_at=now, concluded_by=by,
    ):  # fmt: skip
        raise ValidationError(_("Cuộc kiểm tra này đã có kết luận."), code="concluded")
    CheckFix.objects.bulk_create(
        [
            CheckFix(visit=visit, position=position, text=text, due_on=due_on)
            for position, (text, due_on) in enumerate(fixes, start=1)
        ]
    )
    record(
        visit,
        by=by,
        action=Action.CHECK_CONCLUDED,
        changes={
            "visited_on": visited_on,
            "number": number,
            "fixes": [{"text": text[:200], "due_on": due_on} for text, due_on in fixes],
        },
    )
    return visit


@transaction.atomic
def answer_fix(fix: CheckFix, *, by, answer: str, answered_on: dt.date | None = None) -> CheckFix:
    """The unit's answer to a required fix (what it did), once."""
    today = timezone.localdate()
    answered_on = answered_on or today
    if not answer.strip():
        raise ValidationError({"answer": _("Nhập kết quả khắc phục.")})
    if answered_on > today or (fix.visit.visited_on and answered_on < fix.visit.visited_on):
        raise ValidationError({"answered_on": _("Ngày trả lời phải từ ngày kiểm tra đến hôm nay.")})
    if not move(
        fix, from_states=[FixState.OPEN], to_state=FixState.ANSWERED, answer=answer.strip(),
        answered_on=answered_on, answered_by=by,
    ):  # fmt: skip
        raise ValidationError(_("Yêu cầu khắc phục này đã được trả lời."), code="answered")
    record(
        fix,
        by=by,
        action=Action.FIX_ANSWERED,
        changes={"answered_on": answered_on, "late": fix.is_late},
    )
    return fix


@transaction.atomic
def set_grading(
    province: AdministrativeUnit,
    year: int,
    *,
    by,
    weights: dict[str, int],
    commend_from: int,
    basis: str = "",
) -> GradingScheme:
    """The province's weights and commendation score for a year's grading (replacing those set before)."""
    known = {key for key, _label in grading.indicator_choices()}
    unknown = sorted(set(weights) - known)
    if unknown:
        raise ValidationError(
            _("Chỉ số không có trên bảng theo dõi: %(keys)s.") % {"keys": ", ".join(unknown)}
        )
    if any(w < 0 for w in weights.values()):
        raise ValidationError(_("Trọng số không được âm."))
    total = sum(weights.values())
    if total != grading.SCALE:
        raise ValidationError(
            {
                "__all__": _("Tổng các trọng số phải bằng %(scale)d (hiện là %(total)d).")
                % {"scale": grading.SCALE, "total": total}
            }
        )
    if not 0 <= commend_from <= grading.SCALE:
        raise ValidationError({"commend_from": _("Điểm đề nghị khen thưởng phải từ 0 đến 100.")})
    scheme, created = GradingScheme.objects.update_or_create(
        province=province,
        year=year,
        defaults={
            "commend_from": commend_from,
            "basis": basis,
            "updated_by": by,
            "updated_at": timezone.now(),
        },
    )
    before = {w.indicator: w.weight for w in scheme.weights.all()}
    scheme.weights.all().delete()
    GradingWeight.objects.bulk_create(
        [GradingWeight(scheme=scheme, indicator=key, weight=w) for key, w in weights.items()]
    )
    record(
        scheme,
        by=by,
        action=Action.GRADING_SET,
        changes={"weights": weights, "before": before, "commend_from": commend_from, "basis": basis},
    )
    return scheme
