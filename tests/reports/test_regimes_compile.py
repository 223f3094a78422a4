"""The scheduled job compiles each owner's reports under every regime that applies to it (issue 14)."""

import datetime as dt

import pytest
from django.db.models import F

from reports.actions import compile_due
from reports.compliance import rows_for
from reports.models import Compilation, UnitReport
from units.models import ReportingRegime
from units.regimes import DueRule, Schedule

pytestmark = pytest.mark.django_db

d = dt.date


@pytest.fixture
def regimes(cast):
    main = ReportingRegime.objects.create(authority=cast.province)  # the convention: H1, H2, Y; 14th
    statistical = ReportingRegime.objects.create(
        authority=cast.province,
        name="Báo cáo thống kê",
        for_agencies=False,
        schedule=Schedule.ANNUAL,
        cutoff_day=31,
    )
    # Commune A, like Bình Lư, asks its own agencies for a half-year and an annual report.
    commune = ReportingRegime.objects.create(
        authority=cast.a,
        for_units=False,
        schedule=Schedule.HALF_YEAR_AND_ANNUAL,
        cutoff_day=31,
        year_end_month=10,
        due_rule=DueRule.FIXED_DATE,
        half_year_due_before="05/5",
        annual_due_before="05/11",
    )
    return main, statistical, commune


def test_a_commune_gets_its_periodic_report_and_the_statistical_report_of_the_same_year(cast, regimes):
    main, statistical, _commune = regimes

    compile_due(d(2026, 1, 10))

    reports = UnitReport.objects.filter(unit=cast.a, year=2025, kind="Y").order_by(
        F("regime").asc(nulls_first=True)  # SQLite and PostgreSQL put NULLs at opposite ends by default
    )
    assert [(r.regime_id, r.period_start, r.period_end, r.due_on) for r in reports] == [
        (None, d(2024, 12, 15), d(2025, 12, 14), d(2025, 12, 19)),  # 5 working days: 15–19/12
        (statistical.pk, d(2025, 1, 1), d(2025, 12, 31), d(2026, 1, 9)),  # 02/01/2026 is off
    ]
    assert reports[1].period_label == "năm 2025 (Báo cáo thống kê)"
    assert UnitReport.objects.filter(unit=cast.a, year=2025, kind="H2", regime=None).exists()
    # The agency follows its commune's regime: no report of the province's periods.
    assert not UnitReport.objects.filter(agency=cast.agency_a).exists()
    assert Compilation.objects.filter(
        authority=cast.province, regime=statistical, year=2025, kind="Y"
    ).exists()
    # The dashboards count the periodic report only, once.
    row = rows_for(main.period(2025, "Y"), units=[cast.a], today=d(2026, 1, 10))[0]
    assert row.report is not None and row.report.due_on == d(2025, 12, 19)


def test_an_agency_of_the_commune_reports_under_the_communes_regime(cast, regimes):
    compile_due(d(2026, 5, 6))

    report = UnitReport.objects.get(agency=cast.agency_a)
    assert (report.regime_id, report.year, report.kind) == (None, 2026, "H1")
    assert (report.period_start, report.period_end, report.due_on) == (
        d(2025, 11, 1),
        d(2026, 4, 30),
        d(2026, 5, 4),
    )


def test_the_job_compiles_a_period_of_a_regime_once(cast, regimes):
    first = compile_due(d(2026, 1, 10))

    assert first > 0
    assert compile_due(d(2026, 1, 11)) == 0


def test_a_clerk_opens_only_the_reports_the_regime_asks_for(client, cast):
    from django.urls import reverse

    ReportingRegime.objects.create(authority=cast.province, schedule=Schedule.ANNUAL)
    client.force_login(cast.clerk_a)

    refused = client.post(reverse("reports:open"), {"owner": cast.a.code, "period": "2025-H2"}, follow=True)
    assert "Chế độ báo cáo của Xã Đồng Kỳ (chỉ báo cáo năm) không có báo cáo 6 tháng cuối năm 2025." in (
        refused.content.decode()
    )
    assert not UnitReport.objects.exists()
    opened = client.post(reverse("reports:open"), {"owner": cast.a.code, "period": "2025"})
    assert opened.status_code == 302 and UnitReport.objects.get().kind == "Y"


def test_a_clerk_under_a_quarterly_regime_opens_a_quarterly_report(client, cast):
    from django.urls import reverse

    ReportingRegime.objects.create(authority=cast.province, schedule=Schedule.QUARTERLY, cutoff_day=31)
    client.force_login(cast.clerk_a)

    client.post(reverse("reports:open"), {"owner": cast.a.code, "period": "2025-Q4"})

    report = UnitReport.objects.get()
    assert (report.kind, report.period_start, report.period_end) == ("Q4", d(2025, 10, 1), d(2025, 12, 31))
    assert report.period_label == "quý IV 2025"
