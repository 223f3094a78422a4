"""The consultations, decisions and recommendations waiting for the staff member (units.waiting)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from units.waiting import Waiting, owned_where

from .models import Comment, Consultation, ConsultationState, Decision, DecisionState, Outcome, Recommendation


def waiting(request) -> list[Waiting]:
    lines = []
    workspace = reverse("consultations:workspace")
    if (edit := owned_where(request)) is not None:
        running = Consultation.objects.filter(
            edit, state__in=[ConsultationState.OPEN, ConsultationState.CLOSED]
        )
        unanswered = Comment.objects.unanswered().filter(consultation__in=running).count()
        lines.append(Waiting(_("Ý kiến góp ý chưa giải trình, tiếp thu"), unanswered, workspace))
        to_send = Decision.objects.filter(
            edit, state=DecisionState.TALLIED, item__send_working_days__isnull=False
        )
        lines.append(Waiting(_("Quyết định chưa gửi UBND xã và Ủy ban MTTQ xã"), to_send.count(), workspace))
        to_answer = Recommendation.objects.filter(edit, answered_on=None).count()
        lines.append(Waiting(_("Kiến nghị của Ban Thanh tra nhân dân chưa trả lời"), to_answer, workspace))
    if (approve := owned_where(request, approve=True)) is not None:
        to_recognise = Decision.objects.filter(
            approve, state=DecisionState.SENT, outcome=Outcome.PASSED
        ).exclude(recognised_by="")
        lines.append(Waiting(_("Quyết định chờ công nhận"), to_recognise.count(), workspace))
    return lines
