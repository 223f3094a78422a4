"""The People's Inspection Board's recommendations and their answers (Art. 38–40, 61–63)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from democracy.audit import record
from democracy.calendar import period_end
from democracy.models import Action
from units.models import extends_to_working_day, owner_fields

from ..models import Recommendation

RECOMMENDATION_ANSWER_DAYS = 15  # Art. 40(1)(c), 63(1)(c): "trong 15 ngày"


@transaction.atomic
def make_recommendation(
    *, owner, by, subject: str, text: str, addressed_to: str, made_on: dt.date
) -> Recommendation:
    """An inspection-board recommendation; the answer is due within 15 days (Art. 40(1)(c), 63(1)(c))."""
    if not subject.strip() or not text.strip():
        raise ValidationError({"subject": _("Hãy nhập nội dung kiến nghị.")})
    due = period_end(
        made_on, RECOMMENDATION_ANSWER_DAYS, extend_to_working_day=extends_to_working_day(owner),
        label="Hạn trả lời kiến nghị", label_en="Answer due",
    )  # fmt: skip
    recommendation = Recommendation.objects.create(
        **owner_fields(owner), made_by=by, subject=subject.strip(), text=text.strip(),
        addressed_to=addressed_to.strip(), made_on=made_on, due_on=due.date, due_explanation=due.explanation,
        due_explanation_en=due.explanation_en,
    )  # fmt: skip
    record(
        recommendation,
        by=by,
        action=Action.RECOMMENDED,
        changes={"subject": recommendation.subject, "due_on": recommendation.due_on},
    )
    return recommendation


@transaction.atomic
def answer_recommendation(recommendation: Recommendation, *, by, answer: str, on: dt.date) -> Recommendation:
    if not answer.strip():
        raise ValidationError({"answer": _("Hãy nhập nội dung trả lời.")})
    previous = recommendation.answer
    recommendation.answer, recommendation.answered_by, recommendation.answered_on = answer.strip(), by, on
    recommendation.save(update_fields=["answer", "answered_by", "answered_on"])
    changes = {"answered_on": on}
    if previous:
        changes["previous_answer"] = previous
    record(recommendation, by=by, action=Action.ANSWERED, changes=changes)
    return recommendation
