"""Spreadsheets (XLSX and CSV) that cannot carry formulas, shared by every export and report.

A spreadsheet treats a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula
(CSV/formula injection): a title typed by a clerk or a citizen such as `=HYPERLINK("http://…")` would
run when the file is opened. Every string cell such a character starts is written with an apostrophe
in front and, in XLSX, as an explicit string cell. Numbers and dates are written as numbers and dates.
"""

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence

from django.utils import timezone
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
MAX_WIDTH = 60
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """The value to write in a cell: a string a spreadsheet would read as a formula gets a leading `'`;
    anything else is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _local(value):
    """Excel has no time zones: an aware datetime is written as the local time in Vietnam."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def write_value(cell, value):
    """Writes `value` typed into an openpyxl cell: strings (lazy translations included) formula-safe and
    explicit, aware datetimes as Vietnamese local time, dates and datetimes with a day-first format,
    numbers as numbers. Returns the value written (for measuring the column)."""
    if isinstance(value, Promise):
        value = str(value)
    value = _local(value)
    if isinstance(value, str):
        cell.value = _string(value)
        cell.data_type = "s"
    else:
        cell.value = value
        if isinstance(value, dt.datetime):
            cell.number_format = DATETIME_FORMAT
        elif isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT
    return value


def _text_width(value) -> int:
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    text = "" if value is None else str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def write_sheet(
    headers: Sequence[str],
    rows: Iterable[Sequence],
    *,
    sheet_title: str = "Dữ liệu",
    widths: Sequence[int] | None = None,
) -> bytes:
    """An XLSX workbook of one sheet: a bold, frozen header row, then `rows`, typed (dates as dates,
    numbers as numbers), every string formula-safe, columns sized to their content (or `widths`)."""
    book = Workbook()
    sheet = book.active
    # Sheet titles: at most 31 characters, none of []:*?/\
    sheet.title = "".join(c for c in sheet_title if c not in "[]:*?/\\")[:31] or "Sheet1"
    measured = [len(str(h)) for h in headers]
    sheet.append([_string(h) for h in headers])
    # One style object per kind of cell: a new one per cell made a 3,000-row sheet take seconds.
    header, text, other = (
        Alignment(vertical="center", wrap_text=True),
        Alignment(vertical="top", wrap_text=True),
        Alignment(vertical="top", wrap_text=False),
    )
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = header
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            value = write_value(cell, value)
            cell.alignment = text if isinstance(value, str) else other
            if c <= len(measured):
                measured[c - 1] = max(measured[c - 1], _text_width(value))
    for index, width in enumerate(widths or measured, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 6), MAX_WIDTH)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _string(value) -> str:
    # Characters XML cannot hold (control characters) would make openpyxl refuse the whole file.
    return safe_cell(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


def write_csv(headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """A UTF-8 CSV with a byte-order mark (so Excel reads the Vietnamese letters), dates day-first,
    every string formula-safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(str(h)) for h in headers])
    for row in rows:
        writer.writerow([safe_cell(_csv_text(value)) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_text(value) -> str:
    value = _local(value)
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)
