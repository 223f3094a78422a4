"""The dashboard's stored figures (reports/stored.py, issue 16): the same numbers as counting live, for
every family, after writes through the real write functions; a write changes the next dashboard at
once; a stored row serves only its day; the refreshing job counts again only what is stale, once."""

import datetime as dt

import pytest
from django.utils import timezone

from consultations.actions import recommendations as recommendation_actions
from consultations.models import Comment, Consultation, Decision, Recommendation
from democracy import changes
from democracy.models import OwnerChange
from disclosures import actions as disclosure_actions
from disclosures.models import Disclosure, Feedback
from reports import compliance, families, figures, stored
from reports.models import StoredFigures
from tests.reports.test_dashboard import H1, area_url, period
from tests.reports.test_dashboard import half_year as half_year  # noqa: PLC0414 — the fixture
from tests.reports.test_dashboard import make_disclosure as make_disclosure  # noqa: PLC0414 — the fixture
from units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db
d = dt.date
TODAY = d(2026, 7, 20)


def live(area, today=TODAY):
    """Every owner's figures of the area counted now, without the stored rows."""
    units = compliance.area_units(area, period())
    agencies = compliance.area_agencies(area)
    computed = figures.compute(
        period(), units=list(units.values_list("pk", flat=True)),
        agencies=list(agencies.values_list("pk", flat=True)), breakdowns=False, today=today,
    )  # fmt: skip
    return {
        **{f"u{pk}": computed.get(f"u{pk}", figures.empty()) for pk in units.values_list("pk", flat=True)},
        **{f"a{pk}": computed.get(f"a{pk}", figures.empty()) for pk in agencies.values_list("pk", flat=True)},
    }


def shown(area, today=TODAY):
    return {
        ("a" if row.is_agency else "u") + str(row.owner.pk): row.figures
        for row in compliance.compliance(area, period(), today=today).rows
    }


def test_stored_figures_equal_the_live_count_of_every_family_after_writes(cast, half_year):
    province = cast.a.parent
    assert shown(province) == live(province)  # first visit: counted and stored
    assert StoredFigures.objects.count() == len(live(province))
    assert shown(province) == live(province)  # read back from the stored rows

    # Writes through the write functions, each on one family, in turn.
    on_time = half_year["on_time"]
    question = Feedback.objects.get(disclosure=on_time)
    disclosure_actions.answer_feedback(question, by=cast.clerk_a, text="Bốn mươi triệu đồng.")
    assert shown(province) == live(province)
    disclosure_actions.withdraw(on_time, by=cast.clerk_a, reason="Văn bản bị thay thế")
    assert shown(province) == live(province)
    recommendation_actions.answer_recommendation(
        half_year["recommendation"], by=cast.clerk_a, answer="Đã công khai.", on=d(2026, 4, 20)
    )
    assert shown(province) == live(province)
    assert shown(province)[f"u{cast.a.pk}"]["recommendations"]["answered"] == 1

    # And every family's counts, whatever their day: the day after, the rows are counted again.
    later = TODAY + dt.timedelta(days=40)
    assert shown(province, later) == live(province, later)


def test_a_write_changes_the_next_dashboard_at_once(cast, client, half_year):
    client.force_login(cast.reviewer_p)
    url = area_url("24", period=H1)

    def received():
        totals = {i.key: i for i in client.get(url).context["totals"]}
        return totals["feedback"].total

    before = received()
    assert received() == before  # read from the stored rows
    disclosure_actions.add_feedback(
        half_year["on_time"], text="Thôn nào được sửa đường?",
        received_at=half_year["on_time"].published_at + dt.timedelta(days=2),
    )  # fmt: skip
    assert received() == before + 1


def test_every_counted_object_marks_its_owner():
    """Every model a family counts (and the five core ones) leads to a unit or an agency, so that the
    audit row of any write to it marks the owner whose stored figures become stale."""
    scope = families.Scope(
        [1], [1], period(), TODAY, own=lambda queryset, prefix="": queryset,
        by_commune=lambda queryset, prefix="": [queryset],
    )  # fmt: skip
    models = {Disclosure, Feedback, Consultation, Comment, Decision, Recommendation}
    for family in families.FAMILIES:
        for queryset, _counts in family.parts(scope):
            models.add(queryset.model)
    assert len(models) > 10
    assert all(changes.owner_path(model) is not None for model in models), [
        model for model in models if changes.owner_path(model) is None
    ]


def test_a_village_marks_its_commune_and_an_agency_itself(cast):
    recommendation = Recommendation.objects.create(
        unit=cast.village_a, subject="Đường thôn", text="Đề nghị sửa.", addressed_to="Thôn",
        made_on=d(2026, 4, 1), due_on=d(2026, 4, 16),
    )  # fmt: skip
    assert changes.owner_keys([recommendation]) == {f"u{cast.village_a.pk}", f"u{cast.a.pk}"}
    assert changes.owner_keys([cast.agency_a]) == {f"a{cast.agency_a.pk}"}
    assert changes.owner_keys([AdministrativeUnit.objects.get(pk=cast.a.pk)]) == {
        f"u{cast.a.pk}",
        f"u{cast.a.parent_id}",
    }
    changes.touch([f"u{cast.a.pk}"])
    assert OwnerChange.objects.filter(key=f"u{cast.a.pk}").latest("changed_at").changed_at <= timezone.now()


def test_a_row_serves_its_day_and_the_job_counts_again_only_what_is_stale(
    cast, half_year, django_assert_max_num_queries
):
    province = cast.a.parent
    shown(province)
    owners = StoredFigures.objects.count()
    # Read back: one query for the stored rows (plus the units, agencies and reports).
    h1 = period()
    with django_assert_max_num_queries(4):
        compliance.compliance(province, h1, today=TODAY)
    assert stored.refresh_stale(TODAY) == 0  # nothing stale today

    # A write to commune a: only its row is counted again by the job, once.
    disclosure_actions.add_feedback(
        half_year["on_time"], text="Còn bao nhiêu?",
        received_at=half_year["on_time"].published_at + dt.timedelta(days=3),
    )  # fmt: skip
    assert stored.refresh_stale(TODAY) == 1
    assert stored.refresh_stale(TODAY) == 0

    # The next day every row of the recent period is counted again, in batches, once.
    tomorrow = TODAY + dt.timedelta(days=1)
    assert stored.refresh_stale(tomorrow) == owners
    assert stored.refresh_stale(tomorrow) == 0
    assert set(StoredFigures.objects.values_list("valid_on", flat=True)) == {tomorrow}
    assert shown(province, tomorrow) == live(province, tomorrow)


def test_the_dashboard_pages_are_compressed_for_a_browser_that_accepts_it(cast, client, half_year):
    client.force_login(cast.reviewer_p)
    url = area_url("24", period=H1)
    compressed = client.get(url, headers={"accept-encoding": "gzip"})
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    plain = client.get(url)
    assert not plain.has_header("Content-Encoding")
    assert len(compressed.content) < len(plain.content) / 3
    unit = client.get(area_url("07282", period=H1), headers={"accept-encoding": "gzip"})
    assert unit["Content-Encoding"] == "gzip"
