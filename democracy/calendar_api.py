"""The working-day calendar over the API: deadlines in working days and the end of legal periods."""

import datetime as dt
import re

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import field_validator

from democracy.apitools import BadRequest

from . import calendar

router = Router(tags=["calendar"])

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parse_date(value):
    """Only YYYY-MM-DD, and a real day of the calendar (2024-02-30 is refused), in Vietnamese."""
    if isinstance(value, str):
        if not _ISO_DATE.match(value):
            raise ValueError(f"“{value}” không phải là ngày theo định dạng YYYY-MM-DD.")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"Ngày “{value}” không tồn tại.") from None
    return value


class _FromDate(Schema):
    start: dt.date = Field(
        ...,
        alias="from",
        description="Ngày của sự kiện (không được tính), dạng YYYY-MM-DD. Ví dụ 2024-02-07.",
    )

    _check_start = field_validator("start", mode="before")(_parse_date)


class WorkingDaysQuery(_FromDate):
    add: int = Field(
        ...,
        description=f"Số ngày làm việc cộng thêm, từ 0 đến {calendar.MAX_DAYS}.",
        json_schema_extra={"minimum": 0, "maximum": calendar.MAX_DAYS},
    )

    @field_validator("add")
    @classmethod
    def _check_add(cls, value: int) -> int:
        return calendar.check_day_count(value)


class PeriodQuery(_FromDate):
    days: int = Field(
        ...,
        description=f"Số ngày của thời hạn, từ 1 đến {calendar.MAX_DAYS}.",
        json_schema_extra={"minimum": 1, "maximum": calendar.MAX_DAYS},
    )
    extend: bool = Field(
        True,
        description="true (mặc định): ngày cuối là ngày nghỉ thì kết thúc vào cuối ngày làm việc tiếp theo.",
    )

    @field_validator("days")
    @classmethod
    def _check_days(cls, value: int) -> int:
        return calendar.check_day_count(value, minimum=1, what="Số ngày của thời hạn")


class SkippedDayOut(Schema):
    date: dt.date
    reason: str


class WorkingDaysOut(Schema):
    date: dt.date = Field(description="Ngày làm việc thứ N sau ngày của sự kiện.")
    ends_at: str = Field(
        description="Thời điểm cuối cùng của ngày đó (23:59:59.999999, giờ Việt Nam, tính cả thời điểm này).",
        json_schema_extra={"format": "date-time"},
    )
    explanation: str
    explanation_en: str
    skipped: list[SkippedDayOut] = Field(description="Các ngày nghỉ đã bỏ qua và lý do.")


class PeriodEndOut(WorkingDaysOut):
    date: dt.date = Field(description="Ngày kết thúc của thời hạn (sau khi lùi sang ngày làm việc, nếu có).")
    last_day: dt.date = Field(description="Ngày thứ N theo lịch, trước khi lùi sang ngày làm việc.")
    extended: bool = Field(description="true khi ngày kết thúc đã được lùi sang ngày làm việc tiếp theo.")


def _out(computed: calendar.ComputedDate) -> dict:
    return {
        "date": computed.date,
        "ends_at": computed.ends_at.isoformat(),
        "last_day": computed.calendar_end,
        "extended": computed.extended,
        "explanation": computed.explanation,
        "explanation_en": computed.explanation_en,
        "skipped": [{"date": day, "reason": reason} for day, reason in computed.skipped],
    }


@router.get("/working-days", response={200: WorkingDaysOut, 400: BadRequest}, summary="Cộng ngày làm việc")
def working_days(request, params: Query[WorkingDaysQuery]):
    """The N-th working day after `from` (the day itself is not counted), skipping weekends, national
    holidays and the administrator's extra days off, counting the Saturdays swapped into working days.
    Example: `?from=2024-02-07&add=5` → 2024-02-21 (Tết 08/02–14/02/2024 and a weekend skipped)."""
    try:
        return _out(calendar.add_working_days(params.start, params.add))
    except ValueError as error:
        raise HttpError(400, f"Tham số không hợp lệ: from. {error}") from None


@router.get(
    "/period-end", response={200: PeriodEndOut, 400: BadRequest}, summary="Ngày kết thúc của thời hạn"
)
def period_end(request, params: Query[PeriodQuery]):
    """When a period of `days` days counted from the event on `from` ends (Civil Code 2015 Art. 147–148):
    it starts the next day and ends at 24:00 of its last day, or, with `extend=true` and a last day that
    is not a working day, at 24:00 of the next working day.
    Example: `?from=2024-02-05&days=20` → 2024-02-26 (25/02/2024 is a Sunday)."""
    try:
        computed = calendar.period_end(params.start, params.days, extend_to_working_day=params.extend)
    except ValueError as error:
        raise HttpError(400, f"Tham số không hợp lệ: from. {error}") from None
    return _out(computed)
