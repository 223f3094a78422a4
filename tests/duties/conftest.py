import datetime as dt
from types import SimpleNamespace

import pytest

from consultations.models import Meeting
from tests.conftest import make_unit, make_user
from tests.disclosures.conftest import HCM  # noqa: F401 (re-exported for the tests)
from units.models import Agency, Level, Role, UnitType
from units.models import owner_fields as _owner_fields


def at(day: dt.date, hour=8) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), HCM)


def held(owner, kind, day, *, present=40, expected=50, title="Hội nghị", public=False):
    """A meeting already held (as the minutes record it), written directly: the actions are tested
    on their own in test_meetings."""
    return Meeting.objects.create(
        **_owner_fields(owner), kind=kind, state=Meeting.State.HELD, title=title, held_at=at(day),
        place="Nhà văn hóa", chair="Chủ trì", secretary="Thư ký", expected=expected, present=present,
        absent=expected - present, public=public,
    )  # fmt: skip


@pytest.fixture
def year(cast):
    """Issue 11's test year: commune A with three villages and two agencies."""
    a = cast.a
    v2 = make_unit("07282-02", "Thôn Đông Hương", Level.VILLAGE, UnitType.THON, a, households=90)
    v3 = make_unit("07282-03", "Thôn Trung Thượng", Level.VILLAGE, UnitType.THON, a, households=75)
    ag2 = Agency.objects.create(code="TH-07282", name="Trường Tiểu học Đồng Kỳ", unit=a, staff_count=30)
    for user, email in ((cast.clerk_a, "clerk_a@example.vn"), (cast.clerk_b, "clerk_b@example.vn")):
        user.email = email
        user.save(update_fields=["email"])
    head_ag1 = make_user("head_ag1", Role.CLERK, agency=cast.agency_a, email="head_ag1@example.vn")
    head_ag2 = make_user("head_ag2", Role.CLERK, agency=ag2, email="head_ag2@example.vn")
    return SimpleNamespace(
        commune=a, villages=[cast.village_a, v2, v3], v1=cast.village_a, v2=v2, v3=v3,
        ag1=cast.agency_a, ag2=ag2, head_ag1=head_ag1, head_ag2=head_ag2,
    )  # fmt: skip


@pytest.fixture
def period():
    """A period of the national default regime by key: period("2026")."""
    from units.models import ReportingRegime

    return lambda key: ReportingRegime().period_for_key(key)
