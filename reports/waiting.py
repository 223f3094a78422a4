"""The reports waiting for the staff member (units.waiting)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from units.waiting import Waiting, owned_where

from .models import ReportState, UnitReport


def waiting(request) -> list[Waiting]:
    lines = []
    if (edit := owned_where(request)) is not None:
        overdue = UnitReport.objects.filter(edit, due_on__lt=timezone.localdate()).exclude(
            state=ReportState.SUBMITTED
        )
        lines.append(Waiting(_("Báo cáo quá hạn chưa gửi"), overdue.count(), reverse("reports:list")))
    if (approve := owned_where(request, approve=True)) is not None:
        to_sign = UnitReport.objects.filter(approve, state=ReportState.TO_SIGN).count()
        lines.append(Waiting(_("Báo cáo chờ ký duyệt"), to_sign, reverse("reports:list")))
    return lines
