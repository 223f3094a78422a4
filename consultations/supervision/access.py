"""Who may see and change the boards and their work. Every view loads its objects through these.

Read: anyone holding a role on the board's owner (the commune's clerks, approvers, its inspection-board
members and Front officers, the reviewers above; an agency's own people and the reviewers above: an
agency's board is internal). Outsiders get 404; a reader without the needed power gets 403:
- compose (the members' list, the election, vacancies and by-elections): the commune's Front officers and
  editing roles (for an agency: its editing roles, on the union's proposal, Art. 60(1));
- recognise, receive the board's reports, notify the investor: the commune's Front officers (Art. 40(2),
  45(1)); for an agency's board the union recognises (Art. 63(2)): its approvers record it;
- act as the board (plans, inspections, findings, recommendations, reports): the inspection-board members.
Administrators may do everything.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from units import access as units_access
from units.access import BOARD_ROLES, FRONT_ROLES, roles_for_owned
from units.models import Level, Role

from ..access import get_owner_for_user
from .models import Board, BoardKind, BoardReport, Inspection, Member

NEEDS = ("compose", "recognise", "act", "receive")


class Allowed(units_access.Allowed):
    """A board (or one of its records, with `board`) and what the request's user may do with it."""

    @property
    def _admin(self) -> bool:
        return Role.ADMINISTRATOR in self.roles

    @property
    def _front(self) -> bool:
        return bool(self.roles & FRONT_ROLES)

    @property
    def _for_agency(self) -> bool:
        obj = self.obj
        return (
            bool(getattr(obj, "agency_id", None))
            if isinstance(obj, Board)
            else obj.__class__.__name__ == "Agency"
        )

    @property
    def can_compose(self) -> bool:
        return self._admin or self.can_edit or (self._front and not self._for_agency)

    @property
    def can_recognise(self) -> bool:
        if self._for_agency:
            return self.can_approve
        return self._admin or self._front

    can_receive = can_recognise

    @property
    def can_act(self) -> bool:
        return self._admin or bool(self.roles & BOARD_ROLES)

    def check(self, need: str | None) -> "Allowed":
        if need is not None and not getattr(self, f"can_{need}"):
            raise PermissionDenied
        return self


def _board_allowed(request, board: Board, need) -> Allowed:
    roles = frozenset(roles_for_owned(request, board))
    if not roles:
        raise Http404
    return Allowed(board, roles).check(need)


def _board(pk) -> Board:
    board = (
        Board.objects.select_related("unit__parent__parent", "agency__unit__parent", "disclosure")
        .filter(pk=pk)
        .first()
    )
    if board is None:
        raise Http404
    return board


def get_board_for_user(request, pk, *, need: str | None = None) -> Allowed:
    """The board with `pk`: 404 to outsiders, 403 without the power `need` (one of NEEDS)."""
    return _board_allowed(request, _board(pk), need)


def _of_a_board(model, request, pk, need):
    """A row that belongs to a board (a member, an inspection, a report), allowed as its board is."""
    row = model.objects.filter(pk=pk).first()
    if row is None:
        raise Http404
    allowed = get_board_for_user(request, row.board_id, need=need)
    row.board = allowed.obj
    return row, allowed


def get_member_for_user(request, pk, *, need: str | None = None) -> tuple[Member, Allowed]:
    return _of_a_board(Member, request, pk, need)


def get_inspection_for_user(request, pk, *, need: str | None = None) -> tuple[Inspection, Allowed]:
    return _of_a_board(Inspection, request, pk, need)


def get_report_for_user(request, pk, *, need: str | None = None) -> tuple[BoardReport, Allowed]:
    return _of_a_board(BoardReport, request, pk, need)


def get_owner_for_boards(request, code, *, agency=False, need: str | None = None) -> Allowed:
    """A commune or an agency, for its list of boards and the form creating one."""
    owner = get_owner_for_user(request, code, agency=agency, levels=(Level.COMMUNE,))
    return Allowed(owner.obj, owner.roles).check(need)


def kinds_for(owner_is_agency: bool) -> list[tuple[str, str]]:
    if owner_is_agency:
        return [(BoardKind.AGENCY, BoardKind.AGENCY.label)]
    return [(BoardKind.COMMUNE, BoardKind.COMMUNE.label), (BoardKind.INVESTMENT, BoardKind.INVESTMENT.label)]
