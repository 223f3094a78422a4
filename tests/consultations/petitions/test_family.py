"""The dashboard's petitions figures (reports/family_petitions.py) equal an independent count: the
satisfaction figure per commune is the number of 'satisfied' ratings over the number of ratings of the
petitions received in the period, hidden ones excluded; the agency's count apart."""

import datetime as dt

import pytest
from django.urls import reverse

from consultations.petitions import actions
from consultations.petitions.models import Channel, Petition
from reports import compliance, figures
from tests.disclosures.conftest import HCM
from units.models import ReportingRegime

pytestmark = pytest.mark.django_db


def at(day):
    return dt.datetime.combine(day, dt.time(9), HCM)


def rated(owner, day, satisfied, *, clerk, channel=Channel.HOTLINE, answer_on=None):
    p = actions.send_petition(owner, text="Kiến nghị", channel=channel, received_at=at(day), by=clerk)
    p = actions.answer_petition(p, by=clerk, text="Trả lời")
    if answer_on:  # answered on a given day (on time or late), as the clerk did then
        Petition.objects.filter(pk=p.pk).update(handled_at=at(answer_on), handled_on=answer_on)
    if satisfied is not None:
        actions.rate_petition(p, satisfied=satisfied)
    return p


@pytest.fixture
def half_year(cast):
    d = dt.date
    clerk = cast.clerk_a
    rated(cast.a, d(2026, 1, 5), True, clerk=clerk, answer_on=d(2026, 1, 9))
    rated(cast.a, d(2026, 2, 2), True, clerk=clerk, channel=Channel.BOX, answer_on=d(2026, 3, 30))  # late
    rated(cast.a, d(2026, 3, 2), False, clerk=clerk, answer_on=d(2026, 3, 4))
    rated(cast.a, d(2026, 4, 1), None, clerk=clerk, answer_on=d(2026, 4, 2))  # answered, not rated
    actions.send_petition(
        cast.a, text="chưa trả lời, quá hạn", channel=Channel.HOTLINE, received_at=at(d(2026, 5, 4)), by=clerk
    )
    hidden = actions.send_petition(
        cast.a, text="rác", channel=Channel.HOTLINE, received_at=at(d(2026, 5, 5)), by=clerk
    )
    actions.hide_petition(hidden, by=clerk, reason="Thư rác")
    rated(cast.a, d(2025, 12, 10), True, clerk=clerk)  # the previous period (2026-H1 starts on 15/12/2025)
    rated(cast.b, d(2026, 2, 3), False, clerk=cast.clerk_b)
    rated(cast.agency_a, d(2026, 2, 4), True, clerk=cast.admin)


def independent(owner, period):
    start, end = period.bounds()
    rows = (
        Petition.objects.of(owner).filter(received_at__gte=start, received_at__lt=end).exclude(state="hidden")
    )
    ratings = [p.satisfied for p in rows if p.rated_at]
    return sum(1 for s in ratings if s), len(ratings)


def test_the_family_counts_equal_an_independent_count(cast, half_year):
    period = ReportingRegime().period_for_key("2026-H1")
    today = dt.date(2026, 7, 15)
    result = figures.compute(period, units=[cast.a.pk, cast.b.pk], agencies=[cast.agency_a.pk], today=today)
    a = result[f"u{cast.a.pk}"]["petitions"]
    assert (a["satisfied"], a["rated"]) == independent(cast.a, period) == (2, 3)
    assert a == {"received": 5, "due": 5, "on_time": 3, "rated": 3, "satisfied": 2}
    assert (
        result[f"u{cast.b.pk}"]["petitions"]["satisfied"],
        result[f"u{cast.b.pk}"]["petitions"]["rated"],
    ) == (0, 1)
    assert result[f"a{cast.agency_a.pk}"]["petitions"]["rated"] == 1
    indicators = {i.key: i for i in compliance.indicators_of(result[f"u{cast.a.pk}"])}
    assert (indicators["satisfaction"].done, indicators["satisfaction"].total) == (2, 3)
    assert (indicators["petitions_on_time"].done, indicators["petitions_on_time"].total) == (3, 5)


def test_the_dashboard_shows_the_satisfaction_figure(client, cast, half_year):
    client.force_login(cast.reviewer_p)
    response = client.get(reverse("reports:area", args=[cast.province.code]) + "?period=2026-H1")
    assert response.status_code == 200
    totals = {i.key: i for i in response.context["totals"]}
    period = ReportingRegime().period_for_key("2026-H1")
    satisfied = sum(independent(owner, period)[0] for owner in (cast.a, cast.b, cast.agency_a))
    ratings = sum(independent(owner, period)[1] for owner in (cast.a, cast.b, cast.agency_a))
    assert (totals["satisfaction"].done, totals["satisfaction"].total) == (satisfied, ratings) == (3, 5)
    assert "Người dân hài lòng với câu trả lời" in response.content.decode()


def test_the_unit_reports_print_the_petitions_section(cast, half_year):
    from reports import labels

    period = ReportingRegime().period_for_key("2026-H1")
    result = figures.compute(period, units=[cast.a.pk], agencies=[], today=dt.date(2026, 7, 15))
    section = next(s for s in labels.sections(result[f"u{cast.a.pk}"]) if "Phản ánh, kiến nghị" in s.title)
    assert section.title.startswith("VII. ")
    assert [(line.label, line.value) for line in section.lines] == [
        ("Số phản ánh, kiến nghị tiếp nhận", 5),
        ("Đã đến hạn trả lời", 5),
        ("Trả lời, chuyển đúng hạn", 3),
        ("Số lượt người dân đánh giá câu trả lời", 3),
        ("Hài lòng", 2),
        ("Số lượt người dân đánh giá câu trả lời – Hòm thư góp ý", 1),
        ("Hài lòng", 1),
        ("Số lượt người dân đánh giá câu trả lời – Đường dây nóng", 2),
        ("Hài lòng", 1),
    ]


def independent_by_channel(owner, period) -> dict:
    """(satisfied, rated) per channel, counted in Python from the petitions themselves."""
    start, end = period.bounds()
    rows = (
        Petition.objects.of(owner).filter(received_at__gte=start, received_at__lt=end).exclude(state="hidden")
    )
    result = dict.fromkeys(Channel.values, (0, 0))
    for p in rows:
        if p.rated_at:
            satisfied, ratings = result[p.channel]
            result[p.channel] = (satisfied + bool(p.satisfied), ratings + 1)
    return result


def test_satisfaction_per_channel_equals_an_independent_count(cast, half_year):
    d = dt.date
    rated(cast.a, d(2026, 2, 9), False, clerk=cast.clerk_a, channel=Channel.ZALO)
    rated(cast.a, d(2026, 2, 10), True, clerk=cast.clerk_a, channel=Channel.ZALO)
    rated(cast.a, d(2026, 2, 11), True, clerk=cast.clerk_a, channel=Channel.ONLINE)
    period = ReportingRegime().period_for_key("2026-H1")
    result = figures.compute(
        period, units=[cast.a.pk, cast.b.pk], agencies=[cast.agency_a.pk], today=dt.date(2026, 7, 15)
    )
    for owner, key in [
        (cast.a, f"u{cast.a.pk}"),
        (cast.b, f"u{cast.b.pk}"),
        (cast.agency_a, f"a{cast.agency_a.pk}"),
    ]:
        expected = independent_by_channel(owner, period)
        counted = {
            c: (result[key][f"petitions_{c}"]["satisfied"], result[key][f"petitions_{c}"]["rated"])
            for c in Channel.values
        }
        assert counted == expected
        indicators = {i.key: i for i in compliance.indicators_of(result[key])}
        for channel, (satisfied, ratings) in expected.items():
            assert (
                indicators[f"satisfaction_{channel}"].done,
                indicators[f"satisfaction_{channel}"].total,
            ) == (
                satisfied,
                ratings,
            )
        # The channels add up to the unit's ratings.
        assert sum(r for _s, r in expected.values()) == result[key]["petitions"]["rated"]
    a = independent_by_channel(cast.a, period)
    assert (a["zalo"], a["online"], a["box"], a["hotline"]) == ((1, 2), (1, 1), (1, 1), (1, 2))
    # The unit report prints each channel that was rated, with its satisfied count.
    from reports import labels

    section = next(s for s in labels.sections(result[f"u{cast.a.pk}"]) if "Phản ánh, kiến nghị" in s.title)
    by_channel = [(str(line.label), line.value) for line in section.lines][5:]
    assert by_channel == [
        ("Số lượt người dân đánh giá câu trả lời – Trực tuyến trên cổng", 1),
        ("Hài lòng", 1),
        ("Số lượt người dân đánh giá câu trả lời – Hòm thư góp ý", 1),
        ("Hài lòng", 1),
        ("Số lượt người dân đánh giá câu trả lời – Đường dây nóng", 2),
        ("Hài lòng", 1),
        ("Số lượt người dân đánh giá câu trả lời – Zalo", 2),
        ("Hài lòng", 1),
    ]


def test_per_channel_figures_cost_the_same_queries_for_more_units_and_ratings(cast, half_year):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    period = ReportingRegime().period_for_key("2026-H1")

    def count(units):
        with CaptureQueriesContext(connection) as captured:
            figures.compute(period, units=units, agencies=[cast.agency_a.pk], today=dt.date(2026, 7, 15))
        return len(captured)

    few = count([cast.a.pk])
    for channel in Channel.values:
        rated(cast.b, dt.date(2026, 3, 3), True, clerk=cast.clerk_b, channel=channel)
    assert count([cast.a.pk, cast.b.pk]) == few


def test_the_dashboard_shows_satisfaction_per_channel(client, cast, half_year):
    client.force_login(cast.reviewer_p)
    response = client.get(reverse("reports:area", args=[cast.province.code]) + "?period=2026-H1")
    totals = {i.key: i for i in response.context["totals"]}
    period = ReportingRegime().period_for_key("2026-H1")
    for channel in Channel.values:
        expected = [independent_by_channel(o, period)[channel] for o in (cast.a, cast.b, cast.agency_a)]
        total = (sum(s for s, _r in expected), sum(r for _s, r in expected))
        assert (totals[f"satisfaction_{channel}"].done, totals[f"satisfaction_{channel}"].total) == total
    assert (totals["satisfaction_hotline"].done, totals["satisfaction_hotline"].total) == (2, 4)
    assert "Người dân hài lòng với câu trả lời – Hòm thư góp ý" in response.content.decode()
