"""The quarterly register of what a commune or an agency disclosed (Art. 13(2) Law 10/2022/QH15:
"danh sách các nội dung đã công khai", with each item, its forms and its time, made every quarter and
posted at the office).

A disclosure belongs to the quarter of the local date (Asia/Ho_Chi_Minh) it was posted on, whatever
became of it afterwards: published, closed, withdrawn or superseded, it was disclosed. The register is not
a report: its quarters are calendar quarters (quarter I 2026: 01/01–31/03/2026) unless the province chose
otherwise for the register itself (`units.regimes.RegisterQuarters`, issue 14 item 7); the reporting
regime's cut-off never moves them.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _

from democracy.forms import item_reference
from democracy.periods import KIND_LABELS, QUARTERS, Period, period_dates
from units.models import RegisterQuarters

from .models import PUBLIC_STATES, AgencyForm, CommuneForm, Disclosure

#: The quarter picker's choices.
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
#: Years the calendar can count in (democracy.calendar covers 1995–2099).
FIRST_YEAR, LAST_YEAR = 1995, 2099
#: Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 is in force from 01/7/2023 (Điều 90): the register's
#: year picker starts there.
LAW_IN_FORCE = dt.date(2023, 7, 1)
PERMANENT = "Thường xuyên"
SHORT_LABEL_CHARS = 90
#: Calendar quarters unless the province chose otherwise for the register (RegisterQuarters' defaults).
DEFAULT_CUTOFF_DAY = RegisterQuarters._meta.get_field("cutoff_day").default
DEFAULT_YEAR_END_MONTH = RegisterQuarters._meta.get_field("year_end_month").default


@dataclass(frozen=True)
class Quarter(Period):
    """A period of kind Q1–Q4 (`democracy.periods`) of the register owner's province's choice
    (`RegisterQuarters.for_owner`; calendar quarters by default), with the register's wording. It keeps
    the cut-off day and year-end month to step to the quarters around it. A quarter is named by the year
    it ends in: with quarters cut off on the 14th, 20/12/2025 is in quarter I 2026. The register has no
    deadline of its own (`due` is its last day)."""

    cutoff_day: int = DEFAULT_CUTOFF_DAY
    year_end_month: int = DEFAULT_YEAR_END_MONTH

    @classmethod
    def of(
        cls,
        year: int,
        number: int,
        regime: RegisterQuarters | None = None,
        *,
        cutoff_day: int | None = None,
        year_end_month: int | None = None,
    ) -> "Quarter":
        """Quarter `number` of `year` under the province's choice `regime` (or the cut-off day and
        year-end month given; calendar quarters by default). ValueError outside the quarters the calendar counts."""
        if not (1 <= number <= 4 and FIRST_YEAR <= year <= LAST_YEAR):
            raise ValueError(f"Không có quý {number} năm {year}.")
        cutoff_day = cutoff_day or (regime.cutoff_day if regime else DEFAULT_CUTOFF_DAY)
        year_end_month = year_end_month or (regime.year_end_month if regime else DEFAULT_YEAR_END_MONTH)
        kind = QUARTERS[number - 1]
        start, end = period_dates(year, kind, cutoff_day=cutoff_day, year_end_month=year_end_month)
        return cls(year, kind, start, end, end, "", cutoff_day=cutoff_day, year_end_month=year_end_month)

    @classmethod
    def containing(cls, day: dt.date, regime: RegisterQuarters | None = None, **regime_fields) -> "Quarter":
        """The quarter `day` falls in. ValueError if that quarter is outside the years counted."""
        # A reporting year ends at most a year after the day (and never more than a year before it).
        for year in (day.year, day.year + 1, day.year - 1):
            if FIRST_YEAR <= year <= LAST_YEAR:
                for number in range(1, 5):
                    quarter = cls.of(year, number, regime, **regime_fields)
                    if quarter.start <= day <= quarter.end:
                        return quarter
        raise ValueError(f"Ngày {day:%d/%m/%Y} nằm ngoài các năm {FIRST_YEAR}–{LAST_YEAR}.")

    @property
    def number(self) -> int:
        return QUARTERS.index(self.kind) + 1

    @property
    def label(self) -> str:
        """'Quý I năm 2026'"""
        return _("%(quarter)s năm %(year)s") % {
            "quarter": capfirst(str(KIND_LABELS[self.kind])),
            "year": self.year,
        }

    @property
    def sentence_label(self) -> str:
        """'quý IV năm 2026' inside a sentence (never `label|lower`, which wrote 'quý iv')."""
        return _("%(quarter)s năm %(year)s") % {"quarter": KIND_LABELS[self.kind], "year": self.year}

    @property
    def short_label(self) -> str:
        """'Quý I 2026' (a sheet's title)"""
        return f"{capfirst(str(KIND_LABELS[self.kind]))} {self.year}"

    @property
    def dates_text(self) -> str:
        """'từ 01/01/2026 đến 31/03/2026'"""
        return _("từ %(start)s đến %(end)s") % {
            "start": f"{self.start:%d/%m/%Y}",
            "end": f"{self.end:%d/%m/%Y}",
        }

    @property
    def full_label(self) -> str:
        """'Quý I năm 2026 (từ 01/01/2026 đến 31/03/2026)': the days a quarter covers depend on the province,
        so the register always says which they are."""
        return f"{self.label} ({self.dates_text})"

    def _step(self, step: int) -> "Quarter | None":
        index = self.year * 4 + self.number - 1 + step
        try:
            return self.of(
                index // 4, index % 4 + 1, cutoff_day=self.cutoff_day, year_end_month=self.year_end_month
            )
        except ValueError:
            return None

    def previous(self) -> "Quarter | None":
        return self._step(-1)

    def next(self) -> "Quarter | None":
        return self._step(1)


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
    disclosures = (
        Disclosure.objects.of(owner)
        .filter(state__in=PUBLIC_STATES)
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
            "item__label_en",
            "item__is_permanent",
        )  # fmt: skip
        .order_by("published_at", "pk")
    )
    return [
        RegisterRow(
            number=number,
            disclosure_id=d.pk,
            reference=item_reference(d.item),
            item_label=short_label(d.item.label),
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
