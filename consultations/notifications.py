"""E-mails of consultations and recommendations, each sent once (`democracy.notify.send_once`, keyed in
`democracy.models.Notice`). The jobs select "due and not yet sent" (never "due today"), so a missed night
is caught up; an e-mail with nobody to send it to is not claimed and goes out once someone is there.

Keys: "consultation-unfinished:<pk>" (a closed consultation with unanswered comments or unpublished
results), "recommendation-overdue:<pk>" (a recommendation past its due date without an answer).
"""

import datetime as dt

from django.db.models import CharField, Exists, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from democracy.models import Notice
from democracy.notify import send_once
from units.recipients import editors_of, reviewers_above

from .models import Comment, Consultation, ConsultationState, Recommendation

UNFINISHED = "consultation-unfinished:"
OVERDUE = "recommendation-overdue:"


def _not_sent(prefix: str):
    """A filter for the rows whose notice `prefix<pk>` was not sent yet (one query for the whole batch)."""
    key = Concat(Value(prefix), Cast(OuterRef("pk"), CharField()), output_field=CharField())
    return ~Exists(Notice.objects.filter(key=key))


def unfinished_key(consultation) -> str:
    return f"{UNFINISHED}{consultation.pk}"


def overdue_key(recommendation) -> str:
    return f"{OVERDUE}{recommendation.pk}"


def remind_unfinished() -> int:
    """Once per consultation: tell its clerks and approvers that a closed consultation still has
    unanswered comments or unpublished results."""
    unanswered = Comment.objects.unanswered().filter(consultation=OuterRef("pk"))
    due = (
        Consultation.objects.filter(
            Q(state=ConsultationState.CLOSED)
            | Q(state=ConsultationState.RESULTS_PUBLISHED) & Exists(unanswered)
        )
        .filter(_not_sent(UNFINISHED))
        .select_related("unit", "agency")
    )
    sent = 0
    for consultation in due:
        context = {
            "consultation": consultation,
            "missing": consultation.comments.filter(hidden_at__isnull=True, response="").count(),
            "unpublished": consultation.state == ConsultationState.CLOSED,
        }
        sent += send_once(
            unfinished_key(consultation),
            _("Cần hoàn thành lấy ý kiến: %(title)s") % {"title": consultation.title},
            "consultations/email/unfinished.txt",
            context,
            editors_of(consultation.owner),
        )
    return sent


def notify_overdue_recommendations(now: dt.datetime | None = None) -> int:
    """Once per recommendation past its due date without answer: tell the board member who made it
    and the reviewers above the unit (Art. 40, 63: answer within 15 days)."""
    today = timezone.localdate(now or timezone.now())
    due = (
        Recommendation.objects.filter(answered_on__isnull=True, due_on__lt=today)
        .filter(_not_sent(OVERDUE))
        .select_related("unit", "agency__unit", "made_by")
    )
    sent = 0
    for recommendation in due:
        to = reviewers_above(recommendation.owner)
        if recommendation.made_by is not None and recommendation.made_by.email:
            to.append(recommendation.made_by.email)
        sent += send_once(
            overdue_key(recommendation),
            _("Kiến nghị quá hạn trả lời: %(subject)s") % {"subject": recommendation.subject},
            "consultations/email/recommendation_overdue.txt",
            {"recommendation": recommendation},
            to,
        )
    return sent
