"""The Government's swaps of working days the `holidays` package lacks, shipped as calendar overrides."""

import datetime as dt

import pytest

from democracy import calendar
from democracy.calendar import (
    WorkingCalendar,
    add_working_days,
    day_off_reason,
    is_working_day,
    shipped_override_disagreements,
)
from democracy.models import CalendarOverride

pytestmark = pytest.mark.django_db

DOCUMENT = "Công văn số 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ"


def test_friday_2_january_2026_is_a_day_off_citing_the_government_office_letter():
    assert not is_working_day(dt.date(2026, 1, 2))
    assert DOCUMENT in day_off_reason(dt.date(2026, 1, 2))


def test_saturday_10_january_2026_is_a_working_day():
    assert is_working_day(dt.date(2026, 1, 10))
    assert not is_working_day(dt.date(2026, 1, 3))  # the Saturday before stays a weekend


def test_a_decision_on_new_years_eve_2025_counts_its_first_working_day_on_monday_5_january():
    assert add_working_days(dt.date(2025, 12, 31), 1).date == dt.date(2026, 1, 5)


def test_five_working_days_from_thursday_8_january_2026_count_the_swapped_saturday():
    result = add_working_days(dt.date(2026, 1, 8), 5)

    # 09/01 (Fri), 10/01 (Sat, made up), 12/01, 13/01, 14/01.
    assert result.date == dt.date(2026, 1, 14)
    assert "tính cả ngày làm việc bù 10/01/2026" in result.explanation


def test_the_shipped_days_are_marked_as_shipped_with_their_document():
    rows = CalendarOverride.objects.filter(shipped=True).order_by("date")
    assert [(r.date, r.kind, r.legal_reference) for r in rows] == [
        (dt.date(2026, 1, 2), CalendarOverride.Kind.DAY_OFF, DOCUMENT),
        (dt.date(2026, 1, 10), CalendarOverride.Kind.WORKING_DAY, DOCUMENT),
    ]


def test_the_holidays_package_floor_knows_the_2024_and_2025_swaps():
    calendar_ = WorkingCalendar(dt.date(2024, 4, 1), dt.date(2025, 5, 31))
    # 2024: Monday 29/04 off, Saturday 04/05 worked (Công văn 2450/VPCP-KGVX).
    assert not calendar_.national_is_working_day(dt.date(2024, 4, 29))
    assert calendar_.national_is_working_day(dt.date(2024, 5, 4))
    # 2025: Friday 02/05 off, Saturday 26/04 worked (Thông báo 6150/TB-BLĐTBXH).
    assert not calendar_.national_is_working_day(dt.date(2025, 5, 2))
    assert calendar_.national_is_working_day(dt.date(2025, 4, 26))


def test_the_installed_holidays_package_agrees_with_every_shipped_override():
    # Fails when a newer `holidays` learns a swap different from a shipped one: fix the data then.
    assert shipped_override_disagreements() == []


def _package_with(monkeypatch, *, days_off: dict, workdays: set):
    real = calendar._year_holidays

    def fake(year):
        found = real(year)
        names = {**found.names, **{d: n for d, n in days_off.items() if d.year == year}}
        swapped = found.swapped_workdays | {d for d in workdays if d.year == year}
        return calendar._YearHolidays(names, {**found.names_en, **names}, frozenset(swapped))

    monkeypatch.setattr(calendar, "_year_holidays", fake)


def test_a_package_that_swaps_2_january_with_another_saturday_is_reported(monkeypatch):
    _package_with(
        monkeypatch,
        days_off={dt.date(2026, 1, 2): "Ngày nghỉ (thay cho ngày 17/01/2026)"},
        workdays={dt.date(2026, 1, 17)},
    )

    problems = shipped_override_disagreements()

    assert any("02/01/2026: gói holidays hoán đổi với ngày 17/01/2026" in p for p in problems)
    assert any("chỉ biết một phần" in p and "10/01/2026 (chưa biết)" in p for p in problems)


def test_a_package_that_learnt_the_same_swap_agrees(monkeypatch):
    _package_with(
        monkeypatch,
        days_off={dt.date(2026, 1, 2): "Ngày nghỉ (thay cho ngày 10/01/2026)"},
        workdays={dt.date(2026, 1, 10)},
    )

    assert shipped_override_disagreements() == []


def test_the_admin_can_neither_change_nor_delete_a_shipped_day(admin_client):
    client = admin_client
    row = CalendarOverride.objects.get(date=dt.date(2026, 1, 2))

    page = client.get(f"/admin/democracy/calendaroverride/{row.pk}/change/")
    assert page.status_code == 200
    assert b'name="reason"' not in page.content
    assert (
        client.post(f"/admin/democracy/calendaroverride/{row.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert CalendarOverride.objects.filter(pk=row.pk).exists()
