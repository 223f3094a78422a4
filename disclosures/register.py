"""The quarterly register of what a commune or an agency disclosed (Art. 13(2) Law 10/2022/QH15:
"danh sách các nội dung đã công khai", with each item, its forms and its time, made every quarter and
posted at the office).

A disclosure belongs to the quarter of the local date (Asia/Ho_Chi_Minh) it was posted on, whatever
became of it afterwards: published, closed, withdrawn or superseded, it was disclosed.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import Truncator

from democracy.calendar import VIETNAM_TZ
from units.models import Agency

from .models import PUBLIC_STATES, AgencyForm, CommuneForm, Disclosure

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
#: Years the calendar can count in (democracy.calendar covers 1995–2099).
FIRST_YEAR, LAST_YEAR = 1995, 2099
PERMANENT = "Thường xuyên"
SHORT_LABEL_CHARS = 90


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    def __post_init__(self):
        if not (1 <= self.number <= 4 and FIRST_YEAR <= self.year <= LAST_YEAR):
            raise ValueError(f"Không có quý {self.number} năm {self.year}.")

    @classmethod
    def containing(cls, day: dt.date) -> "Quarter":
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def roman(self) -> str:
        return ROMAN[self.number]

    @property
    def label(self) -> str:
        return f"Quý {self.roman} năm {self.year}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> dt.date:
        if self.number == 4:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, 3 * self.number + 1, 1) - dt.timedelta(days=1)

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """[start, end) as aware instants: midnight in Vietnam on the first day of this quarter and the next."""
        start = dt.datetime.combine(self.first_day, dt.time.min, VIETNAM_TZ)
        end = dt.datetime.combine(self.last_day + dt.timedelta(days=1), dt.time.min, VIETNAM_TZ)
        return start, end

    def previous(self) -> "Quarter | None":
        year, number = (self.year, self.number - 1) if self.number > 1 else (self.year - 1, 4)
        return Quarter(year, number) if year >= FIRST_YEAR else None

    def next(self) -> "Quarter | None":
        year, number = (self.year, self.number + 1) if self.number < 4 else (self.year + 1, 1)
        return Quarter(year, number) if year <= LAST_YEAR else None


@dataclass(frozen=True)
class RegisterRow:
    number: int  # STT
    disclosure_id: int
    reference: str  # "Điều 11 khoản 2"
    item_label: str  # the catalogue item, shortened
    title: str
    decision_number: str
    decision_date: dt.date
    decision_issuer: str
    forms: list[str]  # the forms of disclosure: "a) Niêm yết thông tin"
    posted_on: dt.date
    window_end: dt.date | None  # None: posted permanently (Art. 13(2), items 4 and 13)
    state: str
    state_label: str
    is_late: bool
    late_reason: str
    posting_deadline: dt.date | None

    @property
    def window_text(self) -> str:
        return f"{self.window_end:%d/%m/%Y}" if self.window_end else PERMANENT

    @property
    def forms_text(self) -> str:
        return "; ".join(self.forms)


def short_label(text: str) -> str:
    """The first part of a catalogue label (up to its first ";"), cut at a word near 90 characters."""
    return Truncator(text.split(";")[0].strip()).chars(SHORT_LABEL_CHARS)


_POINT = re.compile(r"\s*\((?:Điều \d+ khoản \d+ )?điểm [^)]*\)$")


def form_labels(disclosure) -> list[str]:
    """The forms as "a) Niêm yết thông tin", "đ) Gửi văn bản đến công dân": the legal point, then the
    label without its reference (the register's header says which article the points belong to)."""
    choices = dict((AgencyForm if disclosure.is_internal else CommuneForm).choices)
    labels = []
    for code in disclosure.forms:
        label = choices.get(code)
        point = "đ" if code == "dd" else code
        labels.append(f"{point}) {_POINT.sub('', str(label))}" if label else str(code))
    return labels


def register_rows(owner, quarter: Quarter) -> list[RegisterRow]:
    """Every disclosure of a commune (public ones only: never an agency's) or of an agency posted in the
    quarter, in the order they were posted. One query, whatever the number of rows."""
    start, end = quarter.bounds()
    owner_filter = {"agency": owner} if isinstance(owner, Agency) else {"unit": owner, "agency__isnull": True}
    disclosures = (
        Disclosure.objects.filter(**owner_filter, state__in=PUBLIC_STATES)
        .filter(published_at__gte=start, published_at__lt=end)
        .select_related("item")
        .only(
            "pk",
            "unit_id",
            "agency_id",
            "title",
            "decision_number",
            "decision_date",
            "decision_issuer",
            "forms",
            "published_at",
            "window_end",
            "state",
            "is_late",
            "late_reason",
            "posting_deadline",
            "item__article",
            "item__clause",
            "item__label_vi",
            "item__is_permanent",
        )  # fmt: skip
        .order_by("published_at", "pk")
    )
    return [
        RegisterRow(
            number=number,
            disclosure_id=d.pk,
            reference=d.item.reference,
            item_label=short_label(d.item.label_vi),
            title=d.title,
            decision_number=d.decision_number,
            decision_date=d.decision_date,
            decision_issuer=d.decision_issuer,
            forms=form_labels(d),
            posted_on=timezone.localdate(d.published_at),
            window_end=d.window_end,
            state=d.state,
            state_label=str(d.get_state_display()),
            is_late=d.is_late,
            late_reason=d.late_reason,
            posting_deadline=d.posting_deadline,
        )
        for number, d in enumerate(disclosures, start=1)
    ]


# --- The spreadsheet ---------------------------------------------------------------------------------

XLSX_HEADERS = [
    "STT",
    "Nội dung (điều, khoản)",
    "Tên nội dung",
    "Tiêu đề",
    "Số văn bản",
    "Ngày ban hành",
    "Hình thức công khai",
    "Ngày niêm yết",
    "Ngày kết thúc niêm yết",
    "Trạng thái",
    "Công khai muộn",
    "Lý do công khai muộn",
]
XLSX_WIDTHS = [5, 16, 40, 50, 16, 12, 50, 12, 14, 20, 10, 40]


def xlsx_rows(rows: list[RegisterRow]) -> list[list]:
    return [
        [
            row.number,
            row.reference,
            row.item_label,
            row.title,
            row.decision_number,
            row.decision_date,
            row.forms_text,
            row.posted_on,
            row.window_end or PERMANENT,
            row.state_label,
            "Muộn" if row.is_late else "",
            row.late_reason,
        ]
        for row in rows
    ]
