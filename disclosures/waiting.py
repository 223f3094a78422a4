"""The disclosures waiting for the staff member (units.waiting)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from units.waiting import Waiting, owned_where

from .models import Disclosure, Feedback, State


def waiting(request) -> list[Waiting]:
    lines = []
    workspace = reverse("disclosures:workspace")
    if (approve := owned_where(request, approve=True)) is not None:
        submitted = Disclosure.objects.filter(approve, state=State.SUBMITTED).count()
        lines.append(
            Waiting(_("Thông tin công khai chờ phê duyệt"), submitted, f"{workspace}?state=submitted")
        )
    if (edit := owned_where(request)) is not None:
        returned = Disclosure.objects.filter(edit, state=State.DRAFT).exclude(return_reason="").count()
        lines.append(Waiting(_("Bản nháp bị trả lại để sửa"), returned, f"{workspace}?state=draft"))
        unanswered = (
            Feedback.objects.unanswered()
            .filter(disclosure__in=Disclosure.objects.filter(edit, state=State.PUBLISHED))
            .count()
        )
        lines.append(
            Waiting(_("Câu hỏi, ý kiến về thông tin đang công khai chưa trả lời"), unanswered, workspace)
        )
    return lines
