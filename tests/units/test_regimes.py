"""Reporting regimes as the seeds write them (issue 14): set by any reviewing body for the units below it,
the reports chosen per regime, due "before day D of month M" or N days after the cut-off, several regimes
for the same unit. Every due date below is computed by hand from the calendar (weekday noted)."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError

from democracy import periods
from units.models import AdministrativeUnit, Agency, Level, ReportingRegime, UnitType
from units.regimes import DayOff, DueRule, Schedule, parse_day_month

pytestmark = pytest.mark.django_db

d = dt.date


def unit(code, name, level, type_, parent=None):
    return AdministrativeUnit.objects.create(code=code, name=name, level=level, type=type_, parent=parent)


def due(regime, key):
    return regime.period_for_key(key).due


# --- Bình Lư (seed 004): the commune sets the regime of its own agencies ---------------------------------


@pytest.fixture
def binh_lu(db):
    lai_chau = unit("12", "Tỉnh Lai Châu", Level.PROVINCE, UnitType.TINH)
    commune = unit("03436", "Xã Bình Lư", Level.COMMUNE, UnitType.XA, lai_chau)
    agency = Agency.objects.create(
        code="VH-03436", name="Phòng Văn hóa - Xã hội", unit=commune, staff_count=6
    )
    # Kế hoạch 363/KH-UBND ngày 09/3/2026, III: "báo cáo định kỳ 06 tháng (trước ngày 05/5), 01 năm
    # (trước ngày 05/11) hoặc đột xuất … về UBND xã". The plan does not say where the periods end; the
    # reporting year here runs November to October so that each period ends before its report is due.
    regime = ReportingRegime.objects.create(
        authority=commune,
        name="Báo cáo kết quả thực hiện dân chủ ở cơ sở",
        basis="Kế hoạch số 363/KH-UBND ngày 09/3/2026 của UBND xã Bình Lư",
        for_units=False,
        for_agencies=True,
        schedule=Schedule.HALF_YEAR_AND_ANNUAL,
        ad_hoc=True,
        cutoff_day=31,
        year_end_month=10,
        due_rule=DueRule.FIXED_DATE,
        half_year_due_before="05/5",
        annual_due_before="05/11",
    )
    regime.full_clean()
    return regime, commune, agency, lai_chau


def test_binh_lu_asks_its_agencies_for_a_half_year_and_an_annual_report(binh_lu):
    regime, commune, agency, lai_chau = binh_lu

    assert regime.report_kinds == (periods.H1, periods.YEAR)
    assert ReportingRegime.applicable(agency) == [regime]
    # The commune itself reports to its province (the national default here), not under its own regime.
    assert ReportingRegime.applicable(commune)[0].pk is None
    h1 = regime.period_for_key("2026-H1")
    assert (h1.start, h1.end) == (d(2025, 11, 1), d(2026, 4, 30))


def test_binh_lu_half_year_reports_are_due_the_day_before_5_may(binh_lu):
    regime = binh_lu[0]

    assert due(regime, "2024-H1") == d(2024, 5, 4)  # a Saturday, but the swapped working day of 2024
    assert due(regime, "2025-H1") == d(2025, 5, 4)  # a Sunday: kept (the regime says nothing else)
    assert due(regime, "2026-H1") == d(2026, 5, 4)  # a Monday
    assert regime.period_for_key("2025-H1").due_explanation == (
        "Gửi trước ngày 05/05/2025: hạn cuối 04/05/2025 (Chủ nhật, vẫn giữ hạn này)"
    )
    assert regime.period_for_key("2025-H1").due_explanation_en == (
        "Due before 05/05/2025: last day 04/05/2025 (Sunday, kept as the deadline)"
    )


def test_binh_lu_annual_reports_are_due_the_day_before_5_november(binh_lu):
    regime = binh_lu[0]

    assert due(regime, "2024") == d(2024, 11, 4)  # Monday
    assert due(regime, "2025") == d(2025, 11, 4)  # Tuesday
    assert due(regime, "2026") == d(2026, 11, 4)  # Wednesday
    assert regime.period_for_key("2026").due_explanation == "Gửi trước ngày 05/11/2026: hạn cuối 04/11/2026"


def test_a_last_day_off_moves_earlier_or_later_only_when_the_regime_says_so(binh_lu):
    regime = binh_lu[0]

    regime.due_on_day_off = DayOff.EARLIER
    # Sunday 04/05/2025 ← Saturday 03/05, Friday 02/05 (off, swapped with 26/04), 01/05, 30/04 → 29/04.
    assert due(regime, "2025-H1") == d(2025, 4, 29)
    assert due(regime, "2024-H1") == d(2024, 5, 4)  # a working Saturday is not moved
    regime.due_on_day_off = DayOff.LATER
    assert due(regime, "2025-H1") == d(2025, 5, 5)
    assert (
        "chuyển sang ngày làm việc tiếp theo: 05/05/2025" in regime.period_for_key("2025-H1").due_explanation
    )
    assert "moved to the next working day: 05/05/2025" in regime.period_for_key("2025-H1").due_explanation_en


# --- Sa Pa (seed 000): yearly before 20/11 or ad hoc, from the town's agencies and communes -------------


@pytest.fixture
def sa_pa(db):
    lao_cai = unit("10", "Tỉnh Lào Cai", Level.PROVINCE, UnitType.TINH)
    town = unit("088", "Thị xã Sa Pa", Level.DISTRICT, UnitType.THI_XA, lao_cai)
    ward = unit("02647", "Phường Sa Pa", Level.COMMUNE, UnitType.PHUONG, town)
    # "Hằng năm báo cáo kết quả thực hiện về UBND thị xã (qua Phòng Nội vụ) trước ngày 20/11 hoặc đột xuất".
    regime = ReportingRegime.objects.create(
        authority=town,
        basis="Kế hoạch triển khai thi hành Luật Thực hiện dân chủ ở cơ sở của UBND thị xã Sa Pa (2024)",
        schedule=Schedule.ANNUAL,
        ad_hoc=True,
        cutoff_day=31,
        year_end_month=10,
        due_rule=DueRule.FIXED_DATE,
        annual_due_before="20/11",
    )
    regime.full_clean()
    return regime, ward


def test_sa_pa_asks_for_an_annual_report_only_due_the_day_before_20_november(sa_pa):
    regime, ward = sa_pa

    assert ReportingRegime.applicable(ward) == [regime] and regime.ad_hoc
    assert regime.report_kinds == (periods.YEAR,)
    assert due(regime, "2024") == d(2024, 11, 19)  # Tuesday
    assert due(regime, "2025") == d(2025, 11, 19)  # Wednesday
    assert due(regime, "2026") == d(2026, 11, 19)  # Thursday
    assert [p.key for p in regime.ended_periods(d(2026, 11, 10))] == ["2026"]  # no half-year report


# --- Hồng Lĩnh (seed 002): yearly before 01/12 and a calendar-year statistical report -----------------


@pytest.fixture
def hong_linh(db):
    ha_tinh = unit("42", "Tỉnh Hà Tĩnh", Level.PROVINCE, UnitType.TINH)
    town = unit("437", "Thị xã Hồng Lĩnh", Level.DISTRICT, UnitType.THI_XA, ha_tinh)
    ward = unit("18073", "Phường Bắc Hồng", Level.COMMUNE, UnitType.PHUONG, town)
    # "trước ngày 01 tháng 12 hằng năm hoặc khi có yêu cầu, báo cáo bằng văn bản về Chủ tịch UBND thị xã".
    democracy_report = ReportingRegime.objects.create(
        authority=town,
        basis="Kế hoạch triển khai thi hành Luật Thực hiện dân chủ ở cơ sở của UBND thị xã Hồng Lĩnh",
        schedule=Schedule.ANNUAL,
        ad_hoc=True,
        cutoff_day=31,
        year_end_month=10,
        due_rule=DueRule.FIXED_DATE,
        annual_due_before="01/12",
    )
    # "Định kỳ theo Thông tư số 02/2023/TT-BNV … quy định chế độ báo cáo thống kê ngành Nội vụ": the
    # statistical year is the calendar year (01/01–31/12). The seed gives no deadline for it: it keeps the
    # regime's default (5 working days after the cut-off) until the Thông tư's is entered.
    statistical = ReportingRegime.objects.create(
        authority=town,
        name="Báo cáo thống kê ngành Nội vụ",
        basis="Thông tư số 02/2023/TT-BNV ngày 23/3/2023 của Bộ Nội vụ",
        schedule=Schedule.ANNUAL,
        cutoff_day=31,
        year_end_month=12,
    )
    democracy_report.full_clean()
    statistical.full_clean()
    return democracy_report, statistical, ward


def test_both_of_hong_linhs_regimes_apply_to_its_wards(hong_linh):
    democracy_report, statistical, ward = hong_linh

    assert ReportingRegime.applicable(ward) == [democracy_report, statistical]
    assert ReportingRegime.for_owner(ward) == democracy_report


def test_hong_linhs_annual_report_falls_on_a_weekend_in_2024_and_2025(hong_linh):
    regime = hong_linh[0]

    assert due(regime, "2024") == d(2024, 11, 30)  # Saturday, kept
    assert due(regime, "2025") == d(2025, 11, 30)  # Sunday, kept
    assert due(regime, "2026") == d(2026, 11, 30)  # Monday
    regime.due_on_day_off = DayOff.EARLIER
    assert [due(regime, k) for k in ("2024", "2025", "2026")] == [
        d(2024, 11, 29),
        d(2025, 11, 28),
        d(2026, 11, 30),
    ]
    regime.due_on_day_off = DayOff.LATER
    assert [due(regime, k) for k in ("2024", "2025", "2026")] == [
        d(2024, 12, 2),
        d(2025, 12, 1),
        d(2026, 11, 30),
    ]


def test_hong_linhs_statistical_year_is_the_calendar_year(hong_linh):
    statistical = hong_linh[1]

    year = statistical.period_for_key("2025")
    assert (year.start, year.end) == (d(2025, 1, 1), d(2025, 12, 31))
    # 5 working days after 31/12: 01/01 is Tết Dương lịch; 2025: 02, 03, 06, 07, 08/01.
    assert due(statistical, "2024") == d(2025, 1, 8)
    # 2026: 01/01 and 02/01 are off (the shipped swap), 03–04 a weekend: 05–09/01.
    assert due(statistical, "2025") == d(2026, 1, 9)
    assert due(statistical, "2026") == d(2027, 1, 8)  # 01/01/2027 a Friday: 04–08/01


# --- The rules at their boundaries ----------------------------------------------------------------------


def test_a_province_regime_covers_its_communes_and_agencies_unless_a_commune_set_one_for_its_agencies(cast):
    province = ReportingRegime.objects.create(authority=cast.province)
    own = ReportingRegime.objects.create(authority=cast.a, for_units=False, for_agencies=True)

    assert ReportingRegime.applicable(cast.a) == [province]
    assert ReportingRegime.applicable(cast.b) == [province]
    assert ReportingRegime.applicable(cast.agency_a) == [own]
    own.for_agencies = False
    own.save()
    assert ReportingRegime.applicable(cast.agency_a) == [province]
    assert ReportingRegime.for_unit(cast.province) == province
    assert ReportingRegime.for_unit(cast.a) == province  # the commune's area follows its province


def test_a_province_regime_for_agencies_only_leaves_its_communes_to_the_national_default(cast):
    national = ReportingRegime.objects.create(authority=None)
    ReportingRegime.objects.create(authority=cast.province, for_units=False)

    assert ReportingRegime.applicable(cast.a) == [national]


@pytest.mark.parametrize(
    ("schedule", "kinds"),
    [
        (Schedule.ANNUAL, ("Y",)),
        (Schedule.HALF_YEAR_AND_ANNUAL, ("H1", "Y")),
        (Schedule.HALF_YEARS_AND_ANNUAL, ("H1", "H2", "Y")),
        (Schedule.QUARTERLY, ("Q1", "Q2", "Q3", "Q4")),
    ],
)
def test_the_reports_are_chosen_per_regime(schedule, kinds):
    regime = ReportingRegime(schedule=schedule)

    assert regime.report_kinds == kinds
    assert {p.kind for p in regime.ended_periods(d(2026, 12, 31), within_days=400)} == set(kinds)


def test_a_quarterly_report_due_before_day_10_of_the_next_month():
    regime = ReportingRegime(
        schedule=Schedule.QUARTERLY, cutoff_day=31, due_rule=DueRule.FIXED_DATE, quarter_due_before_day=10
    )

    assert due(regime, "2026-Q1") == d(2026, 4, 9)  # Thursday
    assert due(regime, "2026-Q4") == d(2027, 1, 9)  # Saturday, kept
    regime.due_on_day_off = DayOff.EARLIER
    assert due(regime, "2026-Q4") == d(2027, 1, 8)


def test_the_quarterly_reports_after_the_cut_off_count_their_own_days():
    regime = ReportingRegime(schedule=Schedule.QUARTERLY, quarter_due_days=3)

    # Quarter I 2026 ends 14/03/2026 (a Saturday): Monday 16, 17, 18/03.
    assert due(regime, "2026-Q1") == d(2026, 3, 18)


def test_the_day_before_a_fixed_date_on_the_first_of_a_month_is_the_last_day_of_the_month_before():
    regime = ReportingRegime(
        schedule=Schedule.ANNUAL,
        cutoff_day=31,
        year_end_month=2,
        due_rule=DueRule.FIXED_DATE,
        annual_due_before="01/03",
    )

    assert due(regime, "2024") == d(2024, 2, 29)  # leap year: Thursday 29/02
    assert due(regime, "2026") == d(2026, 2, 28)  # Saturday, kept


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("5/11", None),
        ("05/5", None),
        ("31/04", "«31/04» không phải ngày/tháng có trong mọi năm."),
        ("29/02", "«29/02» không phải ngày/tháng có trong mọi năm."),
        ("0/1", "«0/1» không phải ngày/tháng có trong mọi năm."),
        ("05-11", "«05-11» không phải ngày/tháng (dạng 05/11)."),
    ],
)
def test_a_fixed_date_is_a_day_and_a_month_of_every_year(text, message):
    if message is None:
        assert parse_day_month(text)[1] in (5, 11)
    else:
        with pytest.raises(ValueError, match=re.escape(message)):
            parse_day_month(text)


def test_a_fixed_date_before_the_period_ends_is_refused_with_the_reason():
    # The national convention's year ends 14/12: a report "before 20/11" would be due eleven months later.
    regime = ReportingRegime(schedule=Schedule.ANNUAL, due_rule=DueRule.FIXED_DATE, annual_due_before="20/11")

    with pytest.raises(ValidationError, match="hơn 92 ngày: hãy kiểm tra ngày chốt số liệu"):
        regime.clean()


def test_a_regime_saved_without_its_fixed_date_does_not_stop_the_scheduled_job(cast):
    from reports.actions import compile_due

    ReportingRegime.objects.create(
        authority=cast.province, schedule=Schedule.ANNUAL, due_rule=DueRule.FIXED_DATE
    )

    from reports.models import UnitReport
    from reports.notifications import send_report_reminders

    assert compile_due(d(2026, 1, 10)) > 0  # the other province's units
    assert not UnitReport.objects.filter(unit__in=[cast.a, cast.b]).exists()
    send_report_reminders(d(2026, 1, 10))  # the reminders do not stop either
