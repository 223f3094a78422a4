"""A registered family of figures (reports/families.py) is counted in the same statement as the core
ones, a village's rows count for its commune, and its indicator reaches the dashboard's rows."""

import datetime as dt

import pytest
from django.db.models import Count, Q

from consultations.models import Meeting
from reports import compliance, families, figures
from tests.disclosures.conftest import HCM

pytestmark = pytest.mark.django_db


def meeting(owner, day, *, present, expected=10):
    return Meeting.objects.create(
        **({"agency": owner} if owner.__class__.__name__ == "Agency" else {"unit": owner}),
        kind=Meeting.Kind.COMMUNITY, title="Họp", held_at=dt.datetime.combine(day, dt.time(9), HCM),
        place="Nhà văn hóa", chair="A", secretary="B", expected=expected, present=present,
    )  # fmt: skip


def meeting_parts(scope):
    start, end = scope.period.bounds()
    held = Meeting.objects.filter(held_at__gte=start, held_at__lt=end)
    counts = {"held": Count("held_at"), "full": Count("held_at", filter=Q(present=10))}
    return [(rows, counts) for rows in scope.by_commune(held)]


MEETINGS = families.Family(
    "meetings", ("held", "full"), meeting_parts, indicators=(("full", "Họp đủ người", "full", "held"),)
)


@pytest.fixture
def registered(monkeypatch):
    portal_families = {f.name for f in families.FAMILIES}
    monkeypatch.setattr(families, "FAMILIES", [MEETINGS])
    monkeypatch.setattr(figures, "FAMILIES", [MEETINGS])
    monkeypatch.setattr(
        compliance,
        "INDICATORS",
        [
            # The core indicators only: the families registered in the portal are replaced by this one.
            *(i for i in compliance.INDICATORS if i[2] not in portal_families),
            ("full", "Họp đủ người", "meetings", "full", "held"),
        ],
    )
    monkeypatch.setattr(compliance, "_LABELS", {})
    return MEETINGS


def test_a_registered_family_is_counted_per_commune_with_its_villages(
    cast, period, registered, django_assert_max_num_queries
):
    period = period("2026-H1")
    meeting(cast.a, dt.date(2026, 2, 3), present=10)
    meeting(cast.village_a, dt.date(2026, 3, 3), present=7)  # the village's, for commune A
    meeting(cast.agency_a, dt.date(2026, 3, 4), present=10)
    meeting(cast.a, dt.date(2027, 1, 5), present=10)  # outside the period
    with django_assert_max_num_queries(1):
        result = figures.compute(
            period, units=[cast.a.pk, cast.b.pk], agencies=[cast.agency_a.pk], breakdowns=False
        )
    assert result[f"u{cast.a.pk}"]["meetings"] == {"held": 2, "full": 1}
    assert result[f"a{cast.agency_a.pk}"]["meetings"] == {"held": 1, "full": 1}
    assert f"u{cast.b.pk}" not in result or result[f"u{cast.b.pk}"]["meetings"] == {"held": 0, "full": 0}
    assert figures.empty()["meetings"] == {"held": 0, "full": 0}
    indicator = next(i for i in compliance.indicators_of(result[f"u{cast.a.pk}"]) if i.key == "full")
    assert (indicator.done, indicator.total, indicator.status) == (1, 2, compliance.BAD)
