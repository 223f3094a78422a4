"""The plans waiting for the staff member (units.waiting): drafts to issue, overdue tasks of their plans."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from units.waiting import Waiting, owned_where

from .models import Plan, State, Task


def waiting(request) -> list[Waiting]:
    lines = []
    workspace = reverse("plans:workspace")
    if (approve := owned_where(request, approve=True)) is not None:
        drafts = Plan.objects.filter(approve, state=State.DRAFT).count()
        lines.append(Waiting(_("Kế hoạch dự thảo chờ ban hành"), drafts, workspace))
    if (edit := owned_where(request)) is not None:
        overdue = (
            Task.objects.overdue(timezone.localdate())
            .filter(plan__in=Plan.objects.filter(edit, state=State.ISSUED))
            .count()
        )
        lines.append(Waiting(_("Nhiệm vụ kế hoạch quá hạn chưa hoàn thành"), overdue, workspace))
    return lines
