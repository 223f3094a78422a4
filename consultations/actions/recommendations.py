"""The People's Inspection Board's recommendations and their answers (Art. 38–40, 61–63)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _

from democracy.audit import record
from democracy.calendar import period_end
from democracy.models import Action, CatalogueItem, Kind, Scope
from units.models import extends_to_working_day, owner_fields

from ..models import AnswerRevision, Recommendation
from ._common import scope_of


def answer_days(owner) -> int:
    """The days to answer a recommendation (Art. 40(1)(c) communes, 63(1)(c) agencies), read from the
    catalogue's supervision items of the owner's scope (the shortest if they ever differ)."""
    days = CatalogueItem.objects.filter(
        kind=Kind.SUPERVISE, scope=scope_of(owner), is_active=True, answer_days__isnull=False
    ).aggregate(days=Min("answer_days"))["days"]
    if not days:
        raise ValidationError(
            _("Danh mục pháp lý chưa có thời hạn trả lời kiến nghị (%(article)s); hãy báo quản trị viên.")
            % {"article": _("Điều 63") if scope_of(owner) == Scope.AGENCY else _("Điều 40")}
        )
    return days


def answer_basis(owner) -> str:
    return _("Điều 63 khoản 1") if scope_of(owner) == Scope.AGENCY else _("Điều 40 khoản 1")


@transaction.atomic
def make_recommendation(
    *, owner, by, subject: str, text: str, addressed_to: str, made_on: dt.date,
    received_on: dt.date | None = None, board=None, inspection=None,
) -> Recommendation:  # fmt: skip
    """An inspection-board recommendation. The answer is due within the catalogue's days (15, Art.
    40(1)(c), 63(1)(c)) counted from the day the commune or agency received it (by default the day it
    was made); the receipt cannot precede the making, and neither lies in the future. `board` and
    `inspection`: the supervision board that made it and the inspection it came out of (issue 12)."""
    errors = {}
    if not subject.strip() or not text.strip():
        errors["subject"] = _("Hãy nhập nội dung kiến nghị.")
    today = timezone.localdate()
    received_on = received_on or made_on
    if made_on > today:
        errors["made_on"] = _("Ngày kiến nghị không được sau ngày hôm nay.")
    if received_on < made_on:
        errors["received_on"] = _("Ngày nhận kiến nghị không được trước ngày kiến nghị.")
    elif received_on > today:
        errors["received_on"] = _("Ngày nhận kiến nghị không được sau ngày hôm nay.")
    if errors:
        raise ValidationError(errors)
    due = period_end(
        received_on, answer_days(owner), extend_to_working_day=extends_to_working_day(owner),
        label=_("Hạn trả lời kiến nghị (%(basis)s), kể từ ngày nhận") % {"basis": answer_basis(owner)},
        label_en="Answer due, from receipt",
    )  # fmt: skip
    recommendation = Recommendation.objects.create(
        **owner_fields(owner), made_by=by, subject=subject.strip(), text=text.strip(),
        addressed_to=addressed_to.strip(), made_on=made_on, received_on=received_on, due_on=due.date,
        due_explanation=due.explanation, due_explanation_en=due.explanation_en, board=board,
        inspection=inspection,
    )  # fmt: skip
    record(
        recommendation,
        by=by,
        action=Action.RECOMMENDED,
        changes={
            "subject": recommendation.subject,
            "received_on": recommendation.received_on,
            "due_on": recommendation.due_on,
        },
    )
    return recommendation


@transaction.atomic
def answer_recommendation(
    recommendation: Recommendation, *, by, answer: str, on: dt.date, reason: str = ""
) -> Recommendation:
    """The unit's answer, dated between the day it received the recommendation and today. An answer once
    given is corrected only with a reason: the earlier answer is kept (`AnswerRevision`) and shown."""
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    errors = {}
    if not answer.strip():
        errors["answer"] = _("Hãy nhập nội dung trả lời.")
    if on < recommendation.received_on:
        errors["answered_on"] = _("Ngày trả lời không được trước ngày nhận kiến nghị (%(day)s).") % {
            "day": f"{recommendation.received_on:%d/%m/%Y}"
        }
    elif on > timezone.localdate():
        errors["answered_on"] = _("Ngày trả lời không được sau ngày hôm nay.")
    correcting = bool(recommendation.answered_on)
    if correcting and not reason.strip():
        errors["reason"] = _(
            "Kiến nghị đã được trả lời: sửa câu trả lời phải nêu lý do; câu trả lời cũ vẫn được lưu."
        )
    if errors:
        raise ValidationError(errors)
    changes = {"answered_on": on}
    if correcting:
        AnswerRevision.objects.create(
            recommendation=recommendation, text=recommendation.answer, given_on=recommendation.answered_on,
            reason=reason.strip(), revised_at=timezone.now(), revised_by=by,
        )  # fmt: skip
        changes |= {
            "previous_answer": recommendation.answer,
            "previous_answered_on": recommendation.answered_on,
        }
    recommendation.answer, recommendation.answered_by, recommendation.answered_on = answer.strip(), by, on
    recommendation.save(update_fields=["answer", "answered_by", "answered_on"])
    record(
        recommendation,
        by=by,
        action=Action.ANSWER_CORRECTED if correcting else Action.ANSWERED,
        changes=changes,
        note=reason.strip() if correcting else "",
    )
    return recommendation
