"""The fixes required by checks of the level above waiting for the unit's answer (units.waiting)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from units.waiting import Waiting, owned_where

from .models import CheckFix, CheckVisit, FixState


def waiting(request) -> list[Waiting]:
    edit = owned_where(request)  # a filter on `unit` / `agency`: the fixes' owner is their visit's
    if edit is None:
        return []
    fixes = CheckFix.objects.filter(
        state=FixState.OPEN, visit__in=CheckVisit.objects.filter(edit).values("pk")
    )
    return [Waiting(_("Yêu cầu khắc phục sau kiểm tra chờ trả lời"), fixes.count(), reverse("checks:list"))]
