"""What waits for a board's people on the staff home (units.waiting): boards to recognise and reports to
receive for the Front officers; recommendations of the boards are already counted by consultations."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from units.access import FRONT_ROLES, access_for
from units.models import Role
from units.waiting import Waiting

from .models import Board, BoardReport, BoardState


def waiting(request) -> list[Waiting]:
    access = access_for(request)
    communes = [m.unit for m in access.memberships if m.unit_id and Role(m.role) in FRONT_ROLES]
    lines = []
    for unit in communes:
        mine = Q(board__unit=unit)
        to_recognise = Board.objects.filter(unit=unit, state=BoardState.ELECTED).count()
        to_receive = BoardReport.objects.filter(mine, received_on__isnull=True).count()
        url = reverse("supervision:boards", args=[unit.code])
        lines.append(
            Waiting(_("Ban chờ công nhận kết quả bầu (%(unit)s)") % {"unit": unit.name}, to_recognise, url)
        )
        lines.append(
            Waiting(_("Báo cáo của Ban chờ tiếp nhận (%(unit)s)") % {"unit": unit.name}, to_receive, url)
        )
    return lines
