"""Vietnam's working-day calendar and the counting of legal periods.

Working days exclude Saturdays, Sundays and the national holidays the `holidays` package knows
(lunar Tết, Hùng Kings, 30/4, 1/5, 2/9 and the Government's substituted days off), and include the
Saturdays the Government swaps into working days. A `CalendarOverride` beats both: the Government's swaps
the package lacks are shipped as overrides by a migration (`shipped`, each citing the document that decided
it: Tết Dương lịch 2026, Công văn 12729/VPCP-KGVX), and an administrator can add one-off changes. The
package's floor (pyproject.toml) is the first release with the 2024–2025 swaps (0.106).

Two counts, both built on Civil Code 2015 Art. 147–148 (the day of the event is not counted):

- `add_working_days(start, n)`: the n-th working day after `start` (disclosure deadline, Art. 12(3));
- `period_end(start, days)`: a period of `days` calendar days ends at the end of its last day, moved to
  the end (24:00) of the next working day when that last day is not a working day (Art. 148(1), (5), (6)).

Every result is a `ComputedDate` that carries its explanation, so the UI can show how a deadline was
computed. `ComputedDate.ends_at` is the last instant of the result day, 23:59:59.999999 in
Asia/Ho_Chi_Minh (inclusive): a deadline is met at any instant `<= ends_at`, a window is closed once
`now > ends_at`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import NamedTuple
from zoneinfo import ZoneInfo

import holidays
from django.utils.translation import gettext

from .models import CalendarOverride

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
ONE_DAY = dt.timedelta(days=1)
MAX_DAYS = 3650
# The observed-day rules of the `holidays` package start in 1995; its lunar calendar ends in 2100.
FIRST_DAY = dt.date(1995, 1, 1)
LAST_DAY = dt.date(2099, 12, 31)

_WEEKDAY_NAMES = {5: ("Thứ Bảy", "Saturday"), 6: ("Chủ nhật", "Sunday")}
_SUBSTITUTED = re.compile(r"^Ngày nghỉ \(thay cho ngày (\d\d/\d\d/\d{4})\)$")
# "(nghỉ bù)", "(dự kiến)": the same holiday for the explanation ("Quốc khánh 01/09–04/09/2023").
_QUALIFIER_VI = re.compile(r" \((nghỉ bù|dự kiến|nghỉ bù, dự kiến)\)$")
_QUALIFIER_EN = re.compile(r" \((observed|estimated|observed, estimated)\)$")
_WEEKEND = "weekend"


class SkippedDay(NamedTuple):
    """A non-working day passed over by a computation, with its reason in Vietnamese."""

    date: dt.date
    reason: str


@dataclass(frozen=True)
class ComputedDate:
    """A date the portal computed, with how it was computed.

    `date` is the result; `ends_at` its last instant (23:59:59.999999, Asia/Ho_Chi_Minh, inclusive).
    `calendar_end` is, for a period, its N-th calendar day before any move to a working day (for working
    days it equals `date`). `skipped` lists every non-working day passed over, in order.
    """

    start: dt.date
    count: int
    date: dt.date
    ends_at: dt.datetime
    calendar_end: dt.date
    explanation: str
    explanation_en: str
    skipped: tuple[SkippedDay, ...] = ()

    @property
    def extended(self) -> bool:
        """True when a period's end was moved past its last calendar day."""
        return self.date != self.calendar_end


def closing_text(moment: dt.datetime) -> str:
    """When a window or a period closes, as the site, the e-mails and the PDFs all print it (issue 15).

    One rule: a period counted in days ends at the end of its last day, which the Civil Code 2015
    Art. 148(6) calls "hai mươi tư giờ của ngày đó"; `ends_at` stores it as 23:59:59.999999, printed
    "24 giờ 00 ngày 11/03/2024" (never "23:59"). Any other instant: "09 giờ 05 phút ngày 11/03/2024".
    In the active language (the PDFs are rendered in Vietnamese)."""
    local = moment.astimezone(VIETNAM_TZ)
    day = f"{local:%d/%m/%Y}"
    if local.time() >= dt.time(23, 59, 59):
        return gettext("24 giờ 00 ngày %(day)s") % {"day": day}
    return gettext("%(hour)s giờ %(minute)s phút ngày %(day)s") % {
        "hour": f"{local:%H}",
        "minute": f"{local:%M}",
        "day": day,
    }


class _Day(NamedTuple):
    working: bool
    reason: str | None  # why it is a day off, in Vietnamese; None for a working day
    reason_en: str | None
    group: str | None  # what the explanation groups it under ("Tết Nguyên Đán", or _WEEKEND)
    group_en: str | None
    made_up: bool = False  # a weekend or holiday that is a working day (swap or override)


@dataclass(frozen=True)
class _YearHolidays:
    names: dict[dt.date, str]
    names_en: dict[dt.date, str]
    swapped_workdays: frozenset[dt.date]


@functools.cache
def _year_holidays(year: int) -> _YearHolidays:
    """The national holidays of one year, computed once per process.

    The neighbouring years are populated too, because a swap can cross the new year (the working
    Saturday 05/01/2019 belongs to the 31/12/2018 day off) and the package files it under either.
    """
    years = range(year - 1, year + 2)
    vi = holidays.country_holidays("VN", years=years, language="vi")
    en = holidays.country_holidays("VN", years=years, language="en_US")
    names = {day: name for day, name in vi.items() if day.year == year}
    names_en = {}
    for day in names:
        # The package writes the swapped date American-style in English; keep the Vietnamese dd/mm/yyyy.
        substituted = _SUBSTITUTED.match(names[day])
        names_en[day] = f"Day off (in lieu of {substituted[1]})" if substituted else en.get(day, names[day])
    swapped = frozenset(day for day in vi.weekend_workdays if day.year == year)
    return _YearHolidays(names, names_en, swapped)


def _holiday_group(name: str) -> str:
    if "Tết Nguyên Đán" in name or name.startswith("29 Tết"):
        return "Tết Nguyên Đán"
    return _QUALIFIER_VI.sub("", name)


def _holiday_group_en(name: str) -> str:
    if "Lunar New Year" in name:
        return "Lunar New Year"
    return _QUALIFIER_EN.sub("", name)


def _check_date(day: dt.date) -> None:
    if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
        raise TypeError(f"Expected a date, got {day!r}; for a moment use timezone.localdate(moment).")
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(
            f"Ngày {day:%d/%m/%Y} nằm ngoài phạm vi của lịch ngày làm việc "
            f"({FIRST_DAY.year}–{LAST_DAY.year})."
        )


def check_day_count(n: int, *, minimum: int = 0, what: str = "Số ngày làm việc") -> int:
    """Reject a count that is not an integer between `minimum` and MAX_DAYS (Vietnamese message)."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise ValueError(f"{what} phải là một số nguyên.")
    if not minimum <= n <= MAX_DAYS:
        raise ValueError(f"{what} phải từ {minimum} đến {MAX_DAYS} (nhận được {n}).")
    return n


class WorkingCalendar:
    """Working days from `first` to `last`: holidays from the per-year cache, plus the administrator's
    overrides in that range read with one query. Asking about a day outside the range is an error."""

    def __init__(self, first: dt.date, last: dt.date):
        _check_date(first)
        _check_date(last)
        if last < first:
            raise ValueError("Khoảng ngày không hợp lệ: ngày kết thúc trước ngày bắt đầu.")
        self.first, self.last = first, last
        self._overrides = {
            override.date: override
            for override in CalendarOverride.objects.filter(date__range=(first, last)).only(
                "date", "kind", "reason", "legal_reference"
            )
        }

    def is_working_day(self, day: dt.date) -> bool:
        return self._day(day).working

    def day_off_reason(self, day: dt.date) -> str | None:
        """Why `day` is off, in Vietnamese: "Thứ Bảy", "Chủ nhật", the holiday's name, or the override's
        reason with its legal reference. None for a working day."""
        return self._day(day).reason

    def day_off_reason_en(self, day: dt.date) -> str | None:
        return self._day(day).reason_en

    def _day(self, day: dt.date) -> _Day:
        if not self.first <= day <= self.last:
            raise ValueError(f"Ngày {day:%d/%m/%Y} nằm ngoài khoảng đã nạp của lịch ngày làm việc.")
        national = self._national_day(day)
        override = self._overrides.get(day)
        if override is None:
            return national
        if override.kind == CalendarOverride.Kind.WORKING_DAY:
            return _Day(True, None, None, None, None, made_up=national.made_up or not national.working)
        reason = override.reason
        if override.legal_reference:
            reason = f"{reason} ({override.legal_reference})"
        return _Day(False, reason, f"Extra day off: {reason}", reason, f"extra day off: {reason}")

    def national_is_working_day(self, day: dt.date) -> bool:
        """Whether `day` is a working day under the `holidays` package alone (no override)."""
        return self._national_day(day).working

    @staticmethod
    def _national_day(day: dt.date) -> _Day:
        """The day under the national calendar alone, before any override."""
        year = _year_holidays(day.year)
        if day in year.names:
            name, name_en = year.names[day], year.names_en[day]
            return _Day(False, name, name_en, _holiday_group(name), _holiday_group_en(name_en))
        if day.weekday() in _WEEKDAY_NAMES:
            if day in year.swapped_workdays:
                return _Day(True, None, None, None, None, made_up=True)
            name, name_en = _WEEKDAY_NAMES[day.weekday()]
            return _Day(False, name, name_en, _WEEKEND, _WEEKEND)
        return _Day(True, None, None, None, None)


def shipped_override_disagreements() -> list[str]:
    """Where the `holidays` package disagrees with a Government swap shipped as an override (Vietnamese).

    Each shipped day is either unknown to the package (a working weekday it does not give off, a weekend it
    does not make a working day) or known the same way. It disagrees when it knows only some of the days a
    document decided (it learnt a different swap: Friday 02/01/2026 off against another Saturday), or names
    as the swapped day one the document does not. Empty when everything is consistent.
    """
    shipped = list(CalendarOverride.objects.filter(shipped=True).order_by("date"))
    problems: list[str] = []
    by_document: dict[str, list[CalendarOverride]] = {}
    for override in shipped:
        by_document.setdefault(override.legal_reference, []).append(override)
    for reference, overrides in by_document.items():
        dates = {override.date for override in overrides}
        known = []
        for override in overrides:
            national = WorkingCalendar._national_day(override.date)
            wanted = override.kind == CalendarOverride.Kind.WORKING_DAY
            known.append(national.working == wanted)
            substituted = _SUBSTITUTED.match(national.reason or "")
            if substituted:
                day, month, year = map(int, substituted[1].split("/"))
                partner = dt.date(year, month, day)
                if partner not in dates:
                    problems.append(
                        f"{_fmt(override.date)}: gói holidays hoán đổi với ngày {_fmt(partner)}, "
                        f"khác với {reference}."
                    )
        if any(known) and not all(known):
            days = ", ".join(
                f"{_fmt(o.date)} ({'đã biết' if k else 'chưa biết'})"
                for o, k in zip(overrides, known, strict=True)
            )
            problems.append(f"Gói holidays chỉ biết một phần việc hoán đổi theo {reference}: {days}.")
    return problems


def is_working_day(day: dt.date) -> bool:
    """Whether `day` is a working day (one query for the overrides)."""
    return WorkingCalendar(day, day).is_working_day(day)


def day_off_reason(day: dt.date) -> str | None:
    """Why `day` is not a working day, in Vietnamese; None when it is one (one query)."""
    return WorkingCalendar(day, day).day_off_reason(day)


class _Walk(NamedTuple):
    day: dt.date
    skipped: list[tuple[dt.date, _Day]]
    made_up: list[dt.date]


def _walk(after: dt.date, target: int, span: int) -> _Walk:
    """The `target`-th working day after `after` (target ≥ 1).

    1. Load the calendar (one query) over `span` days, enough for any ordinary count.
    2. Step a day at a time, collecting the days off skipped and the made-up working days counted.
    3. If the range runs out (an unusual pile of extra days off), load twice as much and start again.
    """
    if after >= LAST_DAY:
        raise ValueError(f"Kết quả vượt quá phạm vi của lịch ngày làm việc (hết năm {LAST_DAY.year}).")
    while True:
        last = min(after + dt.timedelta(days=span), LAST_DAY)
        calendar = WorkingCalendar(after + ONE_DAY, last)
        skipped, made_up = [], []
        day, counted = after, 0
        while day < last:
            day += ONE_DAY
            info = calendar._day(day)
            if not info.working:
                skipped.append((day, info))
                continue
            if info.made_up:
                made_up.append(day)
            counted += 1
            if counted == target:
                return _Walk(day, skipped, made_up)
        if last == LAST_DAY:
            raise ValueError(f"Kết quả vượt quá phạm vi của lịch ngày làm việc (hết năm {LAST_DAY.year}).")
        span *= 2


def _end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.max, tzinfo=VIETNAM_TZ)


def _fmt(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def _fmt_range(first: dt.date, last: dt.date) -> str:
    if first == last:
        return _fmt(first)
    if first.year == last.year:
        return f"{first:%d/%m}–{_fmt(last)}"
    return f"{_fmt(first)}–{_fmt(last)}"


def _join(parts: list[str], and_word: str) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {and_word} {parts[-1]}"


def _index_runs(days: list[dt.date]) -> list[tuple[int, int]]:
    """Positions (first, last) of the runs of consecutive days in a sorted list."""
    runs: list[tuple[int, int]] = []
    for i, day in enumerate(days):
        if runs and days[i - 1] + ONE_DAY == day:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _describe_skipped(skipped: list[tuple[dt.date, _Day]], *, english: bool) -> str:
    """The days off skipped, as in "Tết Nguyên Đán 08/02–14/02/2024 và ngày nghỉ cuối tuần".

    Consecutive days of the same holiday form one range; a weekend lying inside one holiday's days
    joins it (Quốc khánh 01/09–04/09/2023); other weekends are mentioned once, without dates.
    """
    days = [day for day, _ in skipped]
    groups = [info.group_en if english else info.group for _, info in skipped]
    for first, last in _index_runs(days):
        run = groups[first : last + 1]
        for k, group in enumerate(run):
            if group == _WEEKEND:
                before = next((g for g in reversed(run[:k]) if g != _WEEKEND), None)
                after = next((g for g in run[k + 1 :] if g != _WEEKEND), None)
                if before is not None and before == after:
                    groups[first + k] = before
    segments: list[tuple[str, dt.date, dt.date]] = []
    for day, group in zip(days, groups, strict=True):
        if segments and segments[-1][0] == group and segments[-1][2] + ONE_DAY == day:
            segments[-1] = (group, segments[-1][1], day)
        else:
            segments.append((group, day, day))
    parts = [f"{group} {_fmt_range(first, last)}" for group, first, last in segments if group != _WEEKEND]
    if _WEEKEND in groups:
        parts.append("weekends" if english else "ngày nghỉ cuối tuần")
    return _join(parts, "and" if english else "và")


def _what_day_it_is(info: _Day) -> tuple[str, str]:
    """("là Chủ nhật", "is a Sunday"), ("là ngày nghỉ (Tết Nguyên Đán)", "is a day off (Lunar New Year)")."""
    if info.group == _WEEKEND:
        return f"là {info.reason}", f"is a {info.reason_en}"
    # The package's substituted days are already called "Ngày nghỉ (thay cho ngày …)".
    if info.reason.startswith("Ngày nghỉ ") and info.reason_en.startswith("Day off "):
        vi, en = info.reason.removeprefix("Ngày nghỉ "), info.reason_en.removeprefix("Day off ")
        return f"là ngày nghỉ {vi}", f"is a day off {en}"
    return f"là ngày nghỉ ({info.reason})", f"is a day off ({info.reason_en})"


def _skipped_days(skipped: list[tuple[dt.date, _Day]]) -> tuple[SkippedDay, ...]:
    return tuple(SkippedDay(day, info.reason) for day, info in skipped)


def add_working_days(
    start: dt.date, n: int, *, event: str = "Quyết định", event_en: str = "Decision"
) -> ComputedDate:
    """The n-th working day after `start`; the day of the event itself is not counted.

    `n = 0` means "the same day": `start` itself if it is a working day, otherwise the first working day
    after it. `event`/`event_en` name the event in the explanation ("Quyết định ngày 07/02/2024 + 5 …").
    Raises ValueError (Vietnamese message) for n outside 0–3650 or dates outside the supported years.
    """
    _check_date(start)
    check_day_count(n)
    # Counting 0 days = finding the first working day from `start` inclusive.
    after, target = (start - ONE_DAY, 1) if n == 0 else (start, n)
    # Five working days in seven, plus at most about twenty holidays a year.
    walk = _walk(after, target, span=2 * target + 40)

    vi = f"{event} ngày {_fmt(start)} + {n} ngày làm việc"
    en = f"{event_en} of {_fmt(start)} + {n} working day{'' if n == 1 else 's'}"
    if walk.skipped:
        vi += f", bỏ qua {_describe_skipped(walk.skipped, english=False)}"
        en += f", skipping {_describe_skipped(walk.skipped, english=True)}"
    if walk.made_up:
        made_up = walk.made_up
        ranges = [_fmt_range(made_up[first], made_up[last]) for first, last in _index_runs(made_up)]
        vi += f", tính cả ngày làm việc bù {_join(ranges, 'và')}"
        plural = "s" if len(walk.made_up) > 1 else ""
        en += f", counting the make-up working day{plural} {_join(ranges, 'and')}"
    vi += f" → {_fmt(walk.day)}"
    en += f" → {_fmt(walk.day)}"
    return ComputedDate(
        start=start,
        count=n,
        date=walk.day,
        ends_at=_end_of(walk.day),
        calendar_end=walk.day,
        explanation=vi,
        explanation_en=en,
        skipped=_skipped_days(walk.skipped),
    )


def period_end(
    start: dt.date,
    days: int,
    *,
    extend_to_working_day: bool = True,
    label: str = "Thời hạn",
    label_en: str = "Period",
) -> ComputedDate:
    """When a period of `days` days counted from the event on `start` ends (Civil Code Art. 147–148).

    The period starts the day after `start` and ends at the end (24:00) of its `days`-th day; if that
    day is not a working day and `extend_to_working_day` is on, it ends at the end of the next working
    day. `label`/`label_en` name the period in the explanation ("Niêm yết 20 ngày kể từ ngày …").
    Raises ValueError (Vietnamese message) for days outside 1–3650 or dates outside the supported years.
    """
    _check_date(start)
    check_day_count(days, minimum=1, what="Số ngày của thời hạn")
    last_day = start + dt.timedelta(days=days)
    _check_date(last_day)

    first, last = _fmt(start + ONE_DAY), _fmt(last_day)
    vi = f"{label} {days} ngày kể từ ngày {_fmt(start)}: từ {first} đến hết {last}"
    en = f"{label_en} of {days} days from {_fmt(start)}: {first} to the end of {last}"
    # The first working day on or after the last day; skipped is empty when the last day is one.
    walk = _walk(last_day - ONE_DAY, 1, span=40)
    end, skipped = last_day, []
    if walk.skipped:
        info = walk.skipped[0][1]
        is_vi, is_en = _what_day_it_is(info)
        if extend_to_working_day:
            end, skipped = walk.day, walk.skipped
            vi += f"; {last} {is_vi} nên kết thúc vào cuối ngày làm việc tiếp theo {_fmt(end)}"
            en += f"; {last} {is_en}, so it ends at the end of the next working day, {_fmt(end)}"
        else:
            vi += (
                f"; {last} {is_vi} nhưng thời hạn vẫn kết thúc vào cuối ngày này "
                "(không lùi sang ngày làm việc tiếp theo)"
            )
            en += f"; {last} {is_en} but the period still ends that day (not moved to a working day)"
    return ComputedDate(
        start=start,
        count=days,
        date=end,
        ends_at=_end_of(end),
        calendar_end=last_day,
        explanation=vi,
        explanation_en=en,
        skipped=_skipped_days(skipped),
    )


# What the callers name their events and periods, for `english_of`.
_EVENTS_EN = {
    "Quyết định": "Decision",
    "Ngày biểu quyết": "Vote",
    "Ngày nhận": "Received",
    "Kết thúc kỳ báo cáo": "End of the reporting period",
}
_LABELS_EN = {
    "Thời hạn": "Period",
    "Niêm yết": "Posting",
    "Lấy ý kiến": "Consultation",
    "Hạn trả lời kiến nghị": "Answer due",
    "Hạn gửi báo cáo": "Report deadline",
}
_COUNTED_VI = re.compile(r"^(?P<event>.+?) ngày (?P<start>\d\d/\d\d/\d{4}) \+ (?P<n>\d+) ngày làm việc")
_PERIOD_VI = re.compile(r"^(?P<label>.+?) (?P<n>\d+) ngày kể từ ngày (?P<start>\d\d/\d\d/\d{4}):")


def _parse_day(text: str) -> dt.date:
    day, month, year = (int(part) for part in text.split("/"))
    return dt.date(year, month, day)


def english_of(explanation: str) -> str:
    """The English of an explanation stored in Vietnamese only (rows written before both were kept): the
    count is made again from the numbers in the text, and its English is returned only if its Vietnamese
    is word for word the stored one (the calendar may have changed since); "" otherwise."""
    candidates = []
    if (m := _COUNTED_VI.match(explanation)) and m["event"] in _EVENTS_EN:
        start = _parse_day(m["start"])
        event = m["event"]
        candidates = [lambda: add_working_days(start, int(m["n"]), event=event, event_en=_EVENTS_EN[event])]
    elif (m := _PERIOD_VI.match(explanation)) and m["label"] in _LABELS_EN:
        start = _parse_day(m["start"])
        label = m["label"]
        candidates = [
            lambda extend=extend: period_end(
                start, int(m["n"]), extend_to_working_day=extend, label=label, label_en=_LABELS_EN[label]
            )
            for extend in (True, False)
        ]
    for count in candidates:
        try:
            computed = count()
        except ValueError:
            continue
        if computed.explanation == explanation:
            return computed.explanation_en
    return ""
