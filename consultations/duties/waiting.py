"""The staff home's to-do line of the duties: this year's duties past their due day without a meeting,
for the communes (with their villages) and agencies where the person may edit."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from units.access import access_for
from units.models import Level, Role
from units.waiting import Waiting

from . import engine


def waiting(request) -> list[Waiting]:
    access = access_for(request)
    if access.is_national_admin:
        return []
    editing = [m for m in access.memberships if Role(m.role).can_edit]
    if not editing:
        return []
    today = timezone.localdate()
    duties = engine.active_duties()
    lines = []
    for m in editing:
        if m.agency_id:
            found = engine.duties_of_owner(m.agency, today.year, today=today, duties=duties)
            url = reverse("duties:agency_duties", args=[m.agency.code])
        elif m.unit and m.unit.level == Level.COMMUNE:
            found = engine.duties_of_commune(m.unit, today.year, today=today, duties=duties)
            url = reverse("duties:unit_duties", args=[m.unit.code])
        else:
            continue
        overdue = sum(1 for s in found if s.status == engine.OVERDUE)
        label = _("Nhiệm vụ hằng năm quá hạn chưa thực hiện (%(owner)s)") % {
            "owner": (m.agency or m.unit).name
        }
        lines.append(Waiting(label, overdue, url))
    return lines
