"""The petitions waiting for the staff member (units.waiting): those to answer, and those whose deadline
is near or past, in the communes and agencies where they may answer."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from units.waiting import Waiting, owned_where

from .models import Petition
from .views.staff import SOON_DAYS


def waiting(request) -> list[Waiting]:
    edit = owned_where(request)
    if edit is None:
        return []
    inbox = reverse("petitions:inbox")
    open_ = Petition.objects.filter(edit).open()
    soon = timezone.localdate() + dt.timedelta(days=SOON_DAYS)
    return [
        Waiting(_("Phản ánh, kiến nghị chờ xử lý"), open_.count(), f"{inbox}?state=open"),
        Waiting(
            _("Phản ánh, kiến nghị sắp đến hạn hoặc quá hạn trả lời"),
            open_.filter(due_on__lte=soon).count(),
            f"{inbox}?state=open",
        ),
    ]
