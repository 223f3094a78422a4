"""The reporting regime: periods and deadlines under the national convention and a province's own rules,
the Civil Code end-of-period rule it carries (used by disclosures and consultations), which regime a
unit follows, and the scheduled compilation of every ended period, once."""

import datetime as dt

import pytest
from django.utils import timezone

from consultations.models import Consultation
from disclosures import actions as disclosure_actions
from disclosures.models import Disclosure
from reports import actions
from reports.models import Compilation, ReportState, UnitReport
from tests.conftest import make_unit
from tests.consultations import conftest as consultation_fixtures
from tests.disclosures import conftest as disclosure_fixtures
from tests.disclosures.conftest import HCM, item
from units.models import Level, ReportingRegime, UnitType

pytestmark = pytest.mark.django_db
make_disclosure = disclosure_fixtures.make_disclosure  # the fixtures
make_consultation = consultation_fixtures.make_consultation

d = dt.date


def dates(p):
    return p.start, p.end, p.due


def test_the_default_regime_follows_the_national_convention():
    regime = ReportingRegime()
    h1, h2, year = regime.period(2026, "H1"), regime.period(2026, "H2"), regime.period(2026, "Y")
    # 14/06/2026 is a Sunday: five working days after it is Friday 19/06.
    assert dates(h1) == (d(2025, 12, 15), d(2026, 6, 14), d(2026, 6, 19))
    assert "5 ngày làm việc" in h1.due_explanation and "19/06/2026" in h1.due_explanation
    assert (h2.start, h2.end) == (d(2026, 6, 15), d(2026, 12, 14))
    assert (year.start, year.end) == (d(2025, 12, 15), d(2026, 12, 14))
    assert (h1.key, h2.key, year.key) == ("2026-H1", "2026-H2", "2026")
    assert regime.period_for_key("2026-H2") == h2


def test_a_province_regime_with_calendar_months_and_a_year_ending_in_october(cast):
    regime = ReportingRegime.objects.create(authority=cast.province, cutoff_day=31, year_end_month=10)
    h1, h2, year = regime.period(2026, "H1"), regime.period(2026, "H2"), regime.period(2026, "Y")
    assert (h1.start, h1.end) == (d(2025, 11, 1), d(2026, 4, 30))
    assert (h2.start, h2.end) == (d(2026, 5, 1), d(2026, 10, 31))
    assert (year.start, year.end) == (d(2025, 11, 1), d(2026, 10, 31))


def test_deadlines_in_working_days_or_in_calendar_days_with_the_civil_code_rule(cast):
    regime = ReportingRegime(cutoff_day=31, year_end_month=10, half_year_due_days=5)
    # H1 2026 ends Thursday 30/04 (a holiday, as is 01/05): five working days later is Friday 08/05.
    assert regime.period(2026, "H1").due == d(2026, 5, 8)
    regime.due_in_working_days = False
    # Five calendar days: Tuesday 05/05.
    assert regime.period(2026, "H1").due == d(2026, 5, 5)
    regime.half_year_due_days = 2
    # Two calendar days end on Saturday 02/05: moved to Monday 04/05 (Civil Code Art. 148)…
    assert regime.period(2026, "H1").due == d(2026, 5, 4)
    # … unless the authority turned the rule off.
    regime.period_end_extends_to_working_day = False
    p = regime.period(2026, "H1")
    assert p.due == d(2026, 5, 2)
    assert "không lùi sang ngày làm việc tiếp theo" in p.due_explanation


def test_the_civil_code_flag_of_the_province_moves_disclosure_windows_and_consultation_ends(
    cast, make_consultation
):
    """A 20-day period from Monday 02/03/2026 ends on Sunday 22/03: moved to Monday 23/03 unless the
    province's regime turns the rule off. It used to be a setting; it now lives on the regime."""
    start, sunday, monday = d(2026, 3, 2), d(2026, 3, 22), d(2026, 3, 23)
    posting = item(11, 2)
    assert not posting.is_permanent

    def windows():
        return (
            disclosure_actions.window(posting, start, 20, owner=cast.a).date,
            disclosure_actions.window(posting, start, 20, owner=cast.c).date,
        )

    assert windows() == (monday, monday)
    consultation = make_consultation(cast.a, opened_on=start, period_days=20)
    assert consultation.ends_on == monday

    ReportingRegime.objects.create(authority=cast.province, period_end_extends_to_working_day=False)
    assert windows() == (sunday, monday), "only the units of province 24 change"
    later = make_consultation(cast.a, opened_on=start, period_days=20, title="Dự thảo thứ hai")
    assert later.ends_on == sunday
    assert Consultation.objects.get(pk=consultation.pk).ends_on == monday, "what was computed stays"
    assert "không lùi" in later.period_explanation


def test_a_unit_follows_the_nearest_authority_then_the_national_default(cast):
    assert ReportingRegime.for_unit(cast.a).pk is None, "no row at all: the convention's defaults"
    assert ReportingRegime.for_unit(cast.a).cutoff_day == 14
    national = ReportingRegime.objects.create(authority=None, cutoff_day=20)
    province = ReportingRegime.objects.create(authority=cast.province, cutoff_day=31)
    district = make_unit("213", "Huyện Yên Thế", Level.DISTRICT, UnitType.HUYEN, cast.province)
    old_commune = make_unit("07300", "Xã Đồng Tâm", Level.COMMUNE, UnitType.XA, district)
    assert ReportingRegime.for_unit(cast.a) == province
    assert ReportingRegime.for_owner(cast.agency_a) == province
    assert ReportingRegime.for_unit(cast.c) == national
    assert ReportingRegime.for_unit(old_commune) == province
    assert ReportingRegime.for_unit(None) == national


def test_a_district_with_its_own_regime_wins_over_its_province(cast):
    ReportingRegime.objects.create(authority=cast.province, cutoff_day=31)
    district = make_unit("213", "Huyện Yên Thế", Level.DISTRICT, UnitType.HUYEN, cast.province)
    old_commune = make_unit("07300", "Xã Đồng Tâm", Level.COMMUNE, UnitType.XA, district)
    own = ReportingRegime.objects.create(authority=district, cutoff_day=25)
    assert ReportingRegime.for_unit(district) == own
    assert ReportingRegime.for_unit(old_commune) == own


def sign(report, cast, when):
    report = actions.update_narrative(
        report, by=cast.clerk_a, results="Đã công khai đầy đủ.", shortcomings="Không.", proposals="Không."
    )
    actions.send_to_sign(report, by=cast.clerk_a)
    assert actions.sign_and_submit(report, by=cast.approver_a, signer_title="Chủ tịch", now=when)
    report.refresh_from_db()
    return report


def test_the_job_compiles_each_ended_period_once_per_province_and_catches_up(cast):
    assert actions.compile_due(d(2026, 6, 20)) > 0
    compiled = set(Compilation.objects.values_list("authority__code", "year", "kind"))
    assert {("24", 2026, "H1"), ("01", 2026, "H1")} <= compiled
    # Province 24: communes a, b and agency a; province 01: commune c and agency c.
    assert UnitReport.objects.filter(year=2026, kind="H1").count() == 5
    assert actions.compile_due(d(2026, 6, 20)) == 0, "a second run writes nothing"
    assert actions.compile_due(d(2026, 7, 1)) == 0, "nor does the next day's"

    # The worker was down from December to January: the half-year and the year are both caught up.
    assert actions.compile_due(d(2027, 1, 10)) == 10
    compiled = set(Compilation.objects.filter(authority=cast.province).values_list("year", "kind"))
    assert {(2026, "H1"), (2026, "H2"), (2026, "Y")} <= compiled
    assert actions.compile_due(d(2027, 1, 10)) == 0


def test_the_job_never_overwrites_a_submitted_reports_figures(cast, make_disclosure):
    regime = ReportingRegime.for_unit(cast.a)
    period = regime.period_for_key("2026-H1")
    make_disclosure(cast.a, state="published", published_on=d(2026, 3, 2), decision_date=d(2026, 3, 1))
    # The clerk opens the report the day after the period ended, before the job ran, and submits it.
    report = sign(actions.ensure_report(cast.a, period), cast, dt.datetime(2026, 6, 16, 10, tzinfo=HCM))
    assert report.state == ReportState.SUBMITTED and not report.is_late
    frozen = report.figures
    assert frozen["disclosures"]["published"] == 1
    # Another posting backdated into the period (an import, say).
    later = make_disclosure(
        cast.a, state="published", published_on=d(2026, 7, 1), decision_date=d(2026, 6, 30)
    )
    Disclosure.objects.filter(pk=later.pk).update(published_at=dt.datetime(2026, 5, 4, 9, tzinfo=HCM))

    actions.compile_due(d(2026, 6, 20))
    report.refresh_from_db()
    assert report.figures == frozen, "submitted: the snapshot is never rewritten"
    other = UnitReport.objects.get(unit=cast.b, year=2026, kind="H1")
    assert other.state == ReportState.DRAFT and other.figures["disclosures"]["published"] == 0
    # Compiling the area again by hand refreshes the drafts only.
    actions.compile_area(cast.province, period)
    report.refresh_from_db()
    assert report.figures == frozen


def test_the_admin_previews_a_regimes_periods_and_shows_reports_read_only(cast, client, make_report):
    regime = ReportingRegime.objects.create(authority=cast.province, cutoff_day=31, year_end_month=10)
    report = make_report(cast.a, "2026-H1")
    client.force_login(cast.admin)
    page = client.get(f"/admin/units/reportingregime/{regime.pk}/change/").content.decode()
    year = timezone.localdate().year
    for y in (year, year + 1):
        for kind in ("H1", "H2", "Y"):
            p = regime.period(y, kind)
            assert f"{p.start:%d/%m/%Y}" in page and f"{p.due:%d/%m/%Y}" in page
            assert p.due_explanation.replace("→", "&rarr;") in page or p.due_explanation in page
    listing = client.get("/admin/units/reportingregime/").content.decode()
    assert "Tỉnh Bắc Ninh" in listing
    assert client.get("/admin/units/reportingregime/add/").status_code == 200
    assert client.get(f"/admin/units/reportingregime/{regime.pk}/history/").status_code == 200
    for model in (
        "reports/unitreport",
        "reports/areareport",
        "reports/job",
        "reports/compilation",
        "democracy/notice",
    ):
        response = client.get(f"/admin/{model}/?q=07282")
        assert response.status_code == 200, model
        assert client.get(f"/admin/{model}/add/").status_code == 403, model
    assert "Xã Đồng Kỳ" in client.get("/admin/reports/unitreport/?year=2026&state=draft").content.decode()
    detail = client.get(f"/admin/reports/unitreport/{report.pk}/change/")
    assert detail.status_code == 200 and "&quot;disclosures&quot;" in detail.content.decode()
    assert client.post(f"/admin/reports/unitreport/{report.pk}/delete/").status_code == 403


def test_the_admin_refuses_a_second_regime_of_the_same_name_for_a_body_with_a_message(cast, client):
    ReportingRegime.objects.create(authority=None)
    client.force_login(cast.admin)
    form = {
        "authority": "",
        "name": "Báo cáo kết quả thực hiện dân chủ ở cơ sở",
        "basis": "",
        "for_units": "on",
        "for_agencies": "on",
        "schedule": "half_years",
        "cutoff_day": 14,
        "year_end_month": 12,
        "due_rule": "after_cutoff",
        "quarter_due_days": 5,
        "half_year_due_days": 5,
        "annual_due_days": 5,
        "due_in_working_days": "on",
        "due_on_day_off": "keep",
        "reminder_working_days": 3,
        "period_end_extends_to_working_day": "on",
    }
    response = client.post("/admin/units/reportingregime/add/", form)
    assert response.status_code == 200 and ReportingRegime.objects.count() == 1
    assert response.context["adminform"].form.errors == {
        "authority": [
            "Đã có chế độ mặc định toàn quốc cùng tên: hãy sửa chế độ đó, hoặc chọn cơ quan theo dõi."
        ]
    }
    form["authority"] = cast.province.pk
    response = client.post("/admin/units/reportingregime/add/", form)
    assert response.status_code == 302 and ReportingRegime.objects.count() == 2
    # A commune sets a regime for its own agencies too.
    response = client.post("/admin/units/reportingregime/add/", {**form, "authority": cast.a.pk})
    assert response.status_code == 302 and ReportingRegime.objects.count() == 3
    response = client.post("/admin/units/reportingregime/add/", {**form, "authority": cast.province.pk})
    assert response.context["adminform"].form.errors == {
        "name": ["Tỉnh Bắc Ninh đã có chế độ báo cáo này: hãy sửa chế độ đó, hoặc đặt tên khác."]
    }
    # A second regime of the same body under another name (a statistical report) is accepted.
    statistical = {**form, "authority": cast.province.pk, "name": "Báo cáo thống kê", "schedule": "annual"}
    response = client.post("/admin/units/reportingregime/add/", statistical)
    assert (
        response.status_code == 302 and ReportingRegime.objects.filter(authority=cast.province).count() == 2
    )
    # A fixed date must be written for each report the regime asks for.
    fixed = {**form, "authority": cast.c.pk, "due_rule": "fixed_date", "half_year_due_before": "31/02"}
    errors = client.post("/admin/units/reportingregime/add/", fixed).context["adminform"].form.errors
    assert errors["half_year_due_before"] == ["«31/02» không phải ngày/tháng có trong mọi năm."]
    assert errors["annual_due_before"] == ["Hãy ghi ngày gửi báo cáo năm (ví dụ 05/11)."]
