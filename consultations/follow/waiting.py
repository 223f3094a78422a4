"""The staff home's "deadlines in the next days" line (units.waiting)."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from units.access import access_for
from units.waiting import Waiting

from . import deadlines


def waiting(request) -> list[Waiting]:
    where = deadlines.owners_where(access_for(request).memberships)
    n = deadlines.count(where)
    label = _("Thời hạn trong %(days)s ngày tới") % {"days": settings.FOLLOW_DEADLINE_DAYS}
    return [Waiting(label, n, reverse("follow:deadlines"))]
