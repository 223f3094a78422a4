"""A task's due date from its rule, with how it was computed (a `democracy.calendar.ComputedDate`).

    date       "Trước ngày 31/03/2024"                    → 31/03/2024
    month      "Tháng 6 năm 2024"                         → the month's last day
    quarter    "Quý I năm 2024"                           → the quarter's last day
    year       "Năm 2024"                                 → 31/12 of the year
    ongoing    "Thường xuyên", progress every N months    → the last report (or the plan's date) + N months
    triggered  "Khi có văn bản hướng dẫn", N days         → the guidance's date + N days (Civil Code
                                                            Art. 147–148, moved to a working day); none
                                                            while the guidance has not come
    periodic   "trước ngày 05/5 và 05/11"                 → the first of those days not yet reported for
    periodic   "Định kỳ 6 tháng", "hằng quý", every N     → the end of the first calendar period of N months
               months (N divides 12)                        (half-year: 30/06, 31/12) not yet reported for

A month, quarter or year ends on its last calendar day: the task is due "within" it, and the plan's
own words are kept (no move to a working day). The result never depends on today: only on the rule,
the plan and the last report, so the stored date and its explanation stay true until one of them
changes (the write functions recompute them)."""

import calendar as pycalendar
import datetime as dt
import re

from django.utils.translation import gettext as _

from democracy.calendar import VIETNAM_TZ, ComputedDate, period_end

from .models import DueKind

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_DAY = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{1,2})\s*$")


def _fmt(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def _computed(start: dt.date, day: dt.date, vi: str, en: str) -> ComputedDate:
    ends_at = dt.datetime.combine(day, dt.time.max, tzinfo=VIETNAM_TZ)
    return ComputedDate(
        start=start, count=(day - start).days, date=day, ends_at=ends_at, calendar_end=day,
        explanation=vi, explanation_en=en,
    )  # fmt: skip


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it has fewer days: 31/01 + 1 → 28/02)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, pycalendar.monthrange(year, month)[1]))


def parse_periodic_days(text: str) -> list[tuple[int, int]]:
    """ "05/05, 05/11" → [(5, 5), (5, 11)]; ValueError (Vietnamese) for anything else."""
    days = []
    for part in re.split(r"[,;]|\bvà\b", text or ""):
        if not part.strip():
            continue
        match = _DAY.match(part)
        if not match:
            raise ValueError(_("“%(part)s” không phải ngày/tháng (ví dụ 05/05).") % {"part": part.strip()})
        day, month = int(match[1]), int(match[2])
        try:
            dt.date(2024, month, day)  # a leap year: 29/02 is a day of some years
        except ValueError:
            raise ValueError(
                _("Ngày %(day)02d/%(month)02d không có thật.") % {"day": day, "month": month}
            ) from None
        days.append((day, month))
    if not days:
        raise ValueError(_("Hãy nhập ít nhất một ngày trong năm, ví dụ 05/05, 05/11."))
    return sorted(set(days), key=lambda d: (d[1], d[0]))


def _occurrence(year: int, day: int, month: int) -> dt.date:
    return dt.date(year, month, min(day, pycalendar.monthrange(year, month)[1]))


def compute(task, plan_date: dt.date, *, last_report: dt.date | None = None) -> ComputedDate | None:
    """The task's due date now, or None (a triggered task whose guidance has not come). `last_report`:
    the day of the lead body's last progress report (ongoing and periodic tasks)."""
    kind = task.due_kind
    if kind == DueKind.DATE:
        day = task.due_date
        return _computed(
            plan_date, day, _("Hạn: trước hoặc trong ngày %(d)s") % {"d": _fmt(day)}, f"Due by {_fmt(day)}"
        )
    if kind == DueKind.MONTH:
        last = pycalendar.monthrange(task.due_year, task.due_month)[1]
        day = dt.date(task.due_year, task.due_month, last)
        return _computed(
            plan_date, day,
            _("Thực hiện trong tháng %(m)s năm %(y)s: hạn đến hết ngày %(d)s")
            % {"m": task.due_month, "y": task.due_year, "d": _fmt(day)},
            f"Within {task.due_month}/{task.due_year}: due by the end of {_fmt(day)}",
        )  # fmt: skip
    if kind == DueKind.QUARTER:
        month = task.due_quarter * 3
        day = dt.date(task.due_year, month, pycalendar.monthrange(task.due_year, month)[1])
        return _computed(
            plan_date, day,
            _("Thực hiện trong quý %(q)s năm %(y)s: hạn đến hết ngày %(d)s")
            % {"q": ROMAN[task.due_quarter], "y": task.due_year, "d": _fmt(day)},
            f"Within Q{task.due_quarter} {task.due_year}: due by the end of {_fmt(day)}",
        )  # fmt: skip
    if kind == DueKind.YEAR:
        day = dt.date(task.due_year, 12, 31)
        return _computed(
            plan_date, day,
            _("Thực hiện trong năm %(y)s: hạn đến hết ngày %(d)s") % {"y": task.due_year, "d": _fmt(day)},
            f"Within {task.due_year}: due by the end of {_fmt(day)}",
        )  # fmt: skip
    if kind == DueKind.ONGOING:
        start = last_report or plan_date
        day = add_months(start, task.every_months)
        what = (
            _("báo cáo gần nhất ngày %(d)s") % {"d": _fmt(start)}
            if last_report
            else _("kế hoạch ban hành ngày %(d)s") % {"d": _fmt(start)}
        )
        return _computed(
            start, day,
            _("Thường xuyên, báo cáo tiến độ %(n)s tháng một lần: %(what)s + %(n)s tháng → %(d)s")
            % {"n": task.every_months, "what": what, "d": _fmt(day)},
            f"Ongoing, progress every {task.every_months} months: {_fmt(start)} + {task.every_months} months → {_fmt(day)}",
        )  # fmt: skip
    if kind == DueKind.TRIGGERED:
        if task.trigger_date is None:
            return None
        return period_end(
            task.trigger_date, task.trigger_days, label=_("Thời hạn kể từ khi có văn bản hướng dẫn"),
            label_en="Period from the guidance",
        )  # fmt: skip
    if kind == DueKind.PERIODIC and not task.periodic_days:
        return _every_period(task.every_months, plan_date, last_report)
    if kind == DueKind.PERIODIC:
        days = parse_periodic_days(task.periodic_days)
        # The first day of the list after the one the last report answered (or on/after the plan's date).
        anchor = plan_date
        if last_report is not None:
            answered = _next_occurrence(days, last_report, inclusive=True)
            anchor = answered + dt.timedelta(days=1)
        day = _next_occurrence(days, anchor, inclusive=True)
        listed = ", ".join(f"{d:02d}/{m:02d}" for d, m in days)
        since = (
            _("báo cáo gần nhất ngày %(d)s") % {"d": _fmt(last_report)}
            if last_report
            else _("kế hoạch ban hành ngày %(d)s") % {"d": _fmt(plan_date)}
        )
        return _computed(
            anchor, day,
            _("Định kỳ trước các ngày %(list)s hằng năm; sau %(since)s, kỳ tiếp theo → %(d)s")
            % {"list": listed, "since": since, "d": _fmt(day)},
            f"Every year by {listed}; after {_fmt(last_report or plan_date)}, the next → {_fmt(day)}",
        )  # fmt: skip
    raise ValueError(kind)


PERIOD_MONTHS = (1, 2, 3, 4, 6, 12)  # the lengths that cut a calendar year into whole periods


def period_ends(every_months: int, year: int) -> list[dt.date]:
    """The last days of the calendar periods of `every_months` months in a year (6 → 30/06, 31/12)."""
    if every_months not in PERIOD_MONTHS:
        raise ValueError(every_months)
    return [
        dt.date(year, month, pycalendar.monthrange(year, month)[1])
        for month in range(every_months, 13, every_months)
    ]


def _period_label(every_months: int, end: dt.date) -> str:
    if every_months == 12:
        return _("năm %(y)s") % {"y": end.year}
    if every_months == 6:
        return (_("6 tháng đầu năm %(y)s") if end.month == 6 else _("6 tháng cuối năm %(y)s")) % {
            "y": end.year
        }
    if every_months == 3:
        return _("quý %(q)s năm %(y)s") % {"q": ROMAN[end.month // 3], "y": end.year}
    if every_months == 1:
        return _("tháng %(m)s năm %(y)s") % {"m": end.month, "y": end.year}
    first = end.month - every_months + 1
    return _("tháng %(a)s–%(b)s năm %(y)s") % {"a": first, "b": end.month, "y": end.year}


def _every_period(every_months: int, plan_date: dt.date, last_report: dt.date | None) -> ComputedDate:
    """Periodic by calendar periods ("Định kỳ 6 tháng"): the end of the first period, on or after the
    plan's date, that the last report has not answered (a report answers the period it falls in)."""
    anchor = plan_date
    if last_report is not None:
        answered = next(d for d in period_ends(every_months, last_report.year) if d >= last_report)
        anchor = max(plan_date, answered + dt.timedelta(days=1))
    day = next(
        d for year in (anchor.year, anchor.year + 1) for d in period_ends(every_months, year) if d >= anchor
    )
    since = (
        _("báo cáo gần nhất ngày %(d)s") % {"d": _fmt(last_report)}
        if last_report
        else _("kế hoạch ban hành ngày %(d)s") % {"d": _fmt(plan_date)}
    )
    return _computed(
        anchor, day,
        _("Định kỳ %(n)s tháng một lần theo kỳ của năm; sau %(since)s, kỳ tiếp theo là %(period)s: hạn đến hết ngày %(d)s")
        % {"n": every_months, "since": since, "period": _period_label(every_months, day), "d": _fmt(day)},
        f"Every {every_months} months by calendar period; after {_fmt(last_report or plan_date)}, the next period ends {_fmt(day)}",
    )  # fmt: skip


def _next_occurrence(days, after: dt.date, *, inclusive: bool) -> dt.date:
    for year in (after.year, after.year + 1):
        for day, month in days:
            when = _occurrence(year, day, month)
            if when > after or (inclusive and when == after):
                return when
    raise AssertionError("unreachable: a list of days has one in every year")


def next_year(task) -> dict:
    """The rule's fields for the same task a year later ("copy to next year")."""
    values = {}
    if task.due_date:
        values["due_date"] = _shift_year(task.due_date)
    if task.due_year:
        values["due_year"] = task.due_year + 1
    if task.due_kind == DueKind.TRIGGERED:
        values["trigger_date"] = None  # the guidance of next year has not come yet
    return values


def _shift_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29/02
        return day.replace(year=day.year + 1, day=28)
