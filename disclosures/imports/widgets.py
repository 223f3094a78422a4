"""The columns of the disclosures import and export: cells to values (with Vietnamese messages a clerk
can act on, "Dòng N, cột X: …") and values back to cells."""

import datetime as dt
import re

from import_export import fields, widgets

from democracy.calendar import FIRST_DAY, LAST_DAY
from democracy.models import Scope
from units.imports.base import CountWidget, _choice_key, cell_text

from ..models import AgencyForm, CommuneForm

FORMS_ARTICLE = {Scope.COMMUNE: "khoản 1 Điều 12", Scope.AGENCY: "khoản 1 Điều 47"}
DATE_HINT = "ghi ngày dạng dd/mm/yyyy (ví dụ 08/02/2024) hoặc yyyy-mm-dd"


def day_text(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


class LongTextWidget(widgets.Widget):
    """Text that keeps its line breaks (a summary, a body, a reason), at most `max_length` characters."""

    def __init__(self, *, max_length, required=True):
        super().__init__()
        self.max_length, self.required = max_length, required

    def clean(self, value, row=None, **kwargs):
        if value is None:
            text = ""
        else:
            lines = [" ".join(line.split()) for line in cell_text_lines(value)]
            text = "\n".join(lines).strip()
        if not text and self.required:
            raise ValueError("không được để trống.")
        if len(text) > self.max_length:
            raise ValueError(f"dài {len(text)} ký tự, tối đa {self.max_length} ký tự.")
        return text

    def render(self, value, obj=None, **kwargs):
        return value or ""


def cell_text_lines(value) -> list[str]:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")


class DateWidget(widgets.Widget):
    """A date: a spreadsheet date cell, day-first text (08/02/2024, 8-2-2024, 08.02.2024) or ISO."""

    DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
    ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?")

    def __init__(self, *, required=True):
        super().__init__()
        self.required = required

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, dt.datetime):
            day = value.date()
        elif isinstance(value, dt.date):
            day = value
        else:
            text = cell_text(value)
            if not text:
                if self.required:
                    raise ValueError(f"không được để trống; {DATE_HINT}.")
                return None
            if match := self.DAY_FIRST.fullmatch(text):
                d, m, y = map(int, match.groups())
            elif match := self.ISO.fullmatch(text):
                y, m, d = map(int, match.groups())
            else:
                raise ValueError(f"«{text}» không phải một ngày; {DATE_HINT}.")
            try:
                day = dt.date(y, m, d)
            except ValueError:
                raise ValueError(f"«{text}» không phải một ngày có thật.") from None
        if not FIRST_DAY <= day <= LAST_DAY:
            raise ValueError(
                f"ngày {day_text(day)} nằm ngoài lịch làm việc của cổng ({FIRST_DAY.year}–{LAST_DAY.year})."
            )
        return day

    def render(self, value, obj=None, **kwargs):
        return day_text(value) if value else ""


class WindowDaysWidget(CountWidget):
    """The number of days posted, when the clerk chose more than the legal minimum; empty: the minimum."""

    def clean(self, value, row=None, **kwargs):
        if not cell_text(value):
            return None
        number = super().clean(value, row, **kwargs)
        if number > 3650:
            raise ValueError(f"«{cell_text(value)}» ngày là quá dài.")
        return number


def is_agency_row(row) -> bool:
    return bool(cell_text((row or {}).get("ma_co_quan")))


class FormsWidget(widgets.Widget):
    """The forms of disclosure: points of Art. 12(1) for a commune, of Art. 47(1) for an agency, by
    letter ("a, b", "đ") or by label ("Niêm yết thông tin; Đăng trên cổng…"), separated by ";" or
    line breaks (or commas between letters)."""

    LEADING_POINT = re.compile(r"^(?:điểm\s+)?([a-zđ]{1,2})\)\s+", re.IGNORECASE)
    REFERENCE = re.compile(r"\s*\((?:Điều \d+ khoản \d+ )?điểm [^)]*\)$")

    def __init__(self):
        super().__init__()
        self.lookups = {}
        for scope, choices in ((Scope.COMMUNE, CommuneForm), (Scope.AGENCY, AgencyForm)):
            lookup = {}
            for member in choices:
                label = str(member.label)
                lookup[_choice_key(label)] = member.value
                lookup[_choice_key(self.REFERENCE.sub("", label))] = member.value
            self.lookups[scope] = (choices, lookup)

    def code(self, text: str, scope) -> str | None:
        choices, lookup = self.lookups[scope]
        letter = text.lower().removeprefix("điểm ").strip().rstrip(")").strip()
        letter = "dd" if letter == "đ" else letter
        if letter in choices.values:
            return letter
        if match := self.LEADING_POINT.match(text):  # "a) Niêm yết thông tin", as the register writes
            text = text[match.end() :]
        return lookup.get(_choice_key(text))

    def clean(self, value, row=None, **kwargs):
        scope = Scope.AGENCY if is_agency_row(row) else Scope.COMMUNE
        choices = self.lookups[scope][0]
        points = ", ".join("đ" if c == "dd" else c for c in choices.values)
        hint = (
            f"dùng các điểm {points} của {FORMS_ARTICLE[scope]} Luật 10/2022/QH15 "
            "hoặc tên hình thức, cách nhau bằng dấu chấm phẩy"
        )
        parts = [" ".join(p.split()) for p in re.split(r"[;\n\r]+", "" if value is None else str(value))]
        parts = [p for p in parts if p]
        if not parts:
            raise ValueError(f"không được để trống; {hint}.")
        codes = []
        for part in parts:
            code = self.code(part, scope)
            if code is not None:
                codes.append(code)
                continue
            letters = [self.code(p.strip(), scope) for p in part.split(",") if p.strip()]
            if letters and all(letters):
                codes += letters
                continue
            raise ValueError(f"«{part}» không phải hình thức công khai của {FORMS_ARTICLE[scope]}; {hint}.")
        return list(dict.fromkeys(codes))

    def render(self, value, obj=None, **kwargs):
        return ", ".join(value or [])


class ColumnField(fields.Field):
    """A column the import reads in `check_row` (across columns) and the export computes."""

    def __init__(self, column_name, getter, widget=None):
        super().__init__(column_name=column_name, widget=widget or widgets.Widget(), readonly=True)
        self.getter = getter

    def get_value(self, instance):
        return self.getter(instance)
