"""Reporting periods: which days a half-year, a year or a quarter covers, and when its report is due.

A regime (see `ReportingRegime`) fixes two things: the day of the month periods are cut off on, and the
month the reporting year ends in. The national convention for periodic reports (Decree 09/2019 pattern,
legal-basis.md §8.3) cuts off on the 14th with the year ending in December:

    year 2026        15/12/2025 → 14/12/2026
    first half 2026  15/12/2025 → 14/06/2026
    second half 2026 15/06/2026 → 14/12/2026
    quarter I 2026   15/12/2025 → 14/03/2026

A cut-off day of 31 means "the last day of the month" (calendar periods: 01/01 → 31/12). A period is
named by the year its reporting year ends in, and written `2026-H1`, `2026-H2` or `2026` (API, URLs).
"""

import calendar as pycalendar
import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from democracy import calendar as working_calendar

H1, H2, YEAR = "H1", "H2", "Y"
QUARTERS = ("Q1", "Q2", "Q3", "Q4")
REPORT_KINDS = (H1, H2, YEAR)
KIND_LABELS = {
    H1: _("6 tháng đầu năm"),
    H2: _("6 tháng cuối năm"),
    YEAR: _("năm"),
    "Q1": _("quý I"),
    "Q2": _("quý II"),
    "Q3": _("quý III"),
    "Q4": _("quý IV"),
}
# How many months before the end of the reporting year each period ends.
_MONTHS_BEFORE_YEAR_END = {H1: 6, H2: 0, YEAR: 0, "Q1": 9, "Q2": 6, "Q3": 3, "Q4": 0}
# How many months each period lasts.
_LENGTH = {H1: 6, H2: 6, YEAR: 12, "Q1": 3, "Q2": 3, "Q3": 3, "Q4": 3}

_KEY = re.compile(r"^(\d{4})(?:-(H1|H2|Q[1-4]))?$")


def parse_key(key: str) -> tuple[int, str]:
    """'2026-H1' → (2026, 'H1'); '2026' → (2026, 'Y'). ValueError with a Vietnamese message otherwise."""
    match = _KEY.match((key or "").strip().upper())
    if not match:
        raise ValueError(f"Kỳ báo cáo «{key}» không hợp lệ: dùng dạng 2026-H1, 2026-H2 hoặc 2026.")
    year = int(match.group(1))
    if not 2000 <= year <= 2100:
        raise ValueError(f"Năm {year} nằm ngoài phạm vi 2000–2100.")
    return year, match.group(2) or YEAR


def make_key(year: int, kind: str) -> str:
    return str(year) if kind == YEAR else f"{year}-{kind}"


def _shift_month(year: int, month: int, back: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) - back
    return index // 12, index % 12 + 1


def _cut_off(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, pycalendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Period:
    year: int
    kind: str
    start: dt.date
    end: dt.date
    due: dt.date
    due_explanation: str
    due_explanation_en: str = ""

    @property
    def key(self) -> str:
        return make_key(self.year, self.kind)

    @property
    def label(self) -> str:
        return f"{KIND_LABELS[self.kind]} {self.year}"

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """[start, end) as aware instants: midnight in Vietnam on the first day and the day after the last."""
        tz = timezone.get_default_timezone()
        return (
            dt.datetime.combine(self.start, dt.time.min, tzinfo=tz),
            dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
        )

    def has_ended(self, today: dt.date | None = None) -> bool:
        return (today or timezone.localdate()) > self.end

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return (today or timezone.localdate()) > self.due


def period_dates(year: int, kind: str, *, cutoff_day: int, year_end_month: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a period under a regime's cut-off day and year-end month."""
    end_year, end_month = _shift_month(year, year_end_month, _MONTHS_BEFORE_YEAR_END[kind])
    end = _cut_off(end_year, end_month, cutoff_day)
    before_year, before_month = _shift_month(end_year, end_month, _LENGTH[kind])
    start = _cut_off(before_year, before_month, cutoff_day) + dt.timedelta(days=1)
    return start, end


def due_date(end: dt.date, days: int, *, working_days: bool, extend: bool) -> working_calendar.ComputedDate:
    if working_days:
        return working_calendar.add_working_days(
            end, days, event="Kết thúc kỳ báo cáo", event_en="End of the reporting period"
        )
    return working_calendar.period_end(
        end, days, extend_to_working_day=extend, label="Hạn gửi báo cáo", label_en="Report deadline"
    )
