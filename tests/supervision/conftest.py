"""Boards for the supervision tests, made through the write functions."""

import datetime as dt

import pytest
from django.utils import timezone

from consultations.supervision import actions
from consultations.supervision.models import BoardKind, MemberRole
from tests.conftest import make_unit, make_user
from units.models import Level, Role, UnitType

NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Giang"]


def today():
    return timezone.localdate()


def villages_of_a(cast, n=5):
    """Commune A with `n` villages (the cast's Thôn Đồng Bông and n − 1 more)."""
    villages = [cast.village_a]
    for i in range(2, n + 1):
        villages.append(
            make_unit(f"07282-0{i}", f"Thôn số {i}", Level.VILLAGE, UnitType.THON, cast.a, households=90)
        )
    return villages


def compose(board, by, people):
    """`people`: (name, role, village or None) triples, members since the board's term start."""
    for name, role, village in people:
        actions.add_member(board, by=by, full_name=name, role=role, village=village, since=board.term_start)
    return board


def commune_board(cast, *, villages=None, elect=True, recognise=True, term_start=None, term_end=None):
    villages = villages if villages is not None else villages_of_a(cast)
    start = term_start or today() - dt.timedelta(days=200)
    board = actions.create_board(
        owner=cast.a, by=cast.clerk_a, kind=BoardKind.COMMUNE, name="Ban Thanh tra nhân dân xã Đồng Kỳ",
        term_start=start, term_end=term_end or start + dt.timedelta(days=5 * 365),
    )  # fmt: skip
    roles = [MemberRole.CHAIR, MemberRole.VICE_CHAIR] + [MemberRole.MEMBER] * 10
    compose(board, cast.clerk_a, [(NAMES[i % len(NAMES)], roles[i], v) for i, v in enumerate(villages)])
    if elect:
        actions.record_election(board, by=cast.clerk_a, elected_on=start, note="Biên bản hội nghị ngày bầu")
    if elect and recognise:
        actions.recognise_board(board, by=cast.admin, on=start + dt.timedelta(days=3), number="12/QĐ-MTTQ")
    board.refresh_from_db()
    return board


@pytest.fixture
def front_a(cast):
    return make_user("front_a", Role.FRONT_OFFICER, unit=cast.a)


@pytest.fixture
def front_b(cast):
    return make_user("front_b", Role.FRONT_OFFICER, unit=cast.b)
