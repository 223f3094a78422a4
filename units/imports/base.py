"""The machinery shared by the imports: widgets with Vietnamese messages, the all-or-nothing
resource, reading CSV/XLSX, listing the bad rows."""

import csv
import re
from datetime import timedelta
from io import StringIO
from pathlib import PurePath

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from import_export import resources, widgets
from import_export.formats import base_formats

from democracy import publiccache

from ..models import AdministrativeUnit, Agency
from ..text import fold


class ImportFileError(ValueError):
    """The file as a whole cannot be imported: unreadable, empty, too large, or missing columns."""


# Limits of one import (issue 18 item 10): a file this size is read, checked and previewed in seconds;
# a larger one is split (a 100,000-row dry run took eight minutes before giving any message).
MAX_ROWS = 2000
MAX_FILE_BYTES = 5 * 1024 * 1024
#: Control characters (NUL, escape, …) have no place in a cell; tabs and line breaks do.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def too_large(size: int, name: str = "") -> str | None:
    """The message for a file over MAX_FILE_BYTES, else None."""
    if size <= MAX_FILE_BYTES:
        return None
    return (
        f"Tệp {name + ' ' if name else ''}nặng {f'{size / 1024 / 1024:.1f}'.replace('.', ',')} MB, quá giới hạn "
        f"{MAX_FILE_BYTES // 1024 // 1024} MB mỗi lần nhập; hãy chia thành nhiều tệp nhỏ hơn."
    )


def _number(n: int) -> str:
    """5000 → "5.000", as Vietnamese writes it."""
    return f"{n:,}".replace(",", ".")


def control_character(value) -> str | None:
    """The first control character of a cell as "U+0000", else None."""
    if isinstance(value, str) and (found := CONTROL_CHARACTERS.search(value)):
        return f"U+{ord(found.group()):04X}"
    return None


# --- Reading cells ---------------------------------------------------------------------------------


def cell_text(value) -> str:
    """A cell as trimmed text. Spreadsheets hand numbers over as int or float: 7282.0 → "7282"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _is_blank_row(values) -> bool:
    return all(cell_text(v) == "" for v in values)


def _choice_key(text: str) -> str:
    """The key a choice is matched by: "Tổ dân phố", "TO_DAN_PHO", "to-dan-pho" → "to dan pho"."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split())


class TextWidget(widgets.Widget):
    """Required text of at most `max_length` characters; a code has no spaces."""

    def __init__(self, *, max_length, code=False):
        super().__init__()
        self.max_length, self.code = max_length, code

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            raise ValueError("không được để trống.")
        if len(text) > self.max_length:
            raise ValueError(f"dài {len(text)} ký tự, tối đa {self.max_length} ký tự.")
        if self.code and " " in text:
            raise ValueError(f"mã «{text}» không được có dấu cách.")
        return text

    def render(self, value, obj=None, **kwargs):
        return value or ""


class ChoiceWidget(widgets.Widget):
    """A choice given by its value or its Vietnamese label, ignoring case, diacritics and punctuation."""

    def __init__(self, choices, aliases=None):
        super().__init__()
        self.choices = choices
        self.lookup = {}
        for member in choices:
            for word in (member.value, str(member.label), *(aliases or {}).get(member, ())):
                self.lookup[_choice_key(word)] = member.value

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        allowed = "; ".join(f"{member.value} ({member.label})" for member in self.choices)
        if not text:
            raise ValueError(f"không được để trống; dùng một trong: {allowed}.")
        try:
            return self.lookup[_choice_key(text)]
        except KeyError:
            raise ValueError(f"«{text}» không hợp lệ; dùng một trong: {allowed}.") from None

    def render(self, value, obj=None, **kwargs):
        return value or ""


class CountWidget(widgets.Widget):
    """A whole number ≥ 1. Accepts 1200, 1200.0 (a spreadsheet number), "1.200", "1,200", "1 200"."""

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            raise ValueError("không được để trống; cần một số nguyên từ 1 trở lên.")
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        elif re.fullmatch(r"\d+", text):
            number = int(text)
        elif re.fullmatch(r"\d{1,3}([.,\s]\d{3})+", text):
            number = int(re.sub(r"\D", "", text))
        else:
            number = None
        if number is None or number < 1:
            raise ValueError(f"«{text}» không hợp lệ; cần một số nguyên từ 1 trở lên.")
        if number > 2_147_483_647:
            raise ValueError(f"«{text}» quá lớn.")
        return number

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value


def _end_of_validity(unit) -> str:
    """Why a unit is not in force today, naming its successors after the 2025 reorganisation."""
    if unit.valid_to is None:
        return f"«{unit.name}» (mã {unit.code}) chỉ có hiệu lực từ {unit.valid_from:%d/%m/%Y}"
    text = f"«{unit.name}» (mã {unit.code}) đã thôi tồn tại từ {unit.valid_to + timedelta(days=1):%d/%m/%Y}"
    successors = [f"{s.name} (mã {s.code})" for s in unit.successors.all()]
    if successors:
        text += f"; đơn vị kế thừa: {', '.join(successors)}"
    return text


class UnitCodeWidget(widgets.Widget):
    """An administrative unit by its code, of one of `levels`. A spreadsheet may have turned "07282" into
    7282: a code of digits only also matches the same code padded with zeros."""

    def __init__(self, levels, what, *, current=True, required=True):
        super().__init__()
        self.levels, self.what, self.current, self.required = set(levels), what, current, required

    def clean(self, value, row=None, **kwargs):
        code = cell_text(value)
        if not code:
            if self.required:
                raise ValueError(f"không được để trống; cần mã {self.what}.")
            return None
        candidates = {code} | ({code.zfill(n) for n in (2, 3, 5)} if code.isdigit() else set())
        units = sorted(
            AdministrativeUnit.objects.filter(code__in=candidates),
            key=lambda u: (u.code != code, u.level not in self.levels),
        )
        if not units:
            raise ValueError(f"không có {self.what} mã {code}.")
        unit = units[0]
        if unit.level not in self.levels:
            raise ValueError(
                f"mã {code} là {unit.get_level_display().lower()} «{unit.name}», không phải {self.what}."
            )
        if self.current and not unit.is_current:
            raise ValueError(f"{_end_of_validity(unit)}.")
        return unit

    def render(self, value, obj=None, **kwargs):
        return value.code if value else ""


class AgencyCodeWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        code = cell_text(value)
        if not code:
            return None
        agency = Agency.objects.select_related("unit").filter(code=code).first()
        if agency is None:
            raise ValueError(f"không có cơ quan, đơn vị mã {code}.")
        return agency

    def render(self, value, obj=None, **kwargs):
        return value.code if value else ""


# --- The shared behaviour --------------------------------------------------------------------------


def _sentence(message: str) -> str:
    """Lower-case the first letter (unless it starts an abbreviation) and end with one full stop."""
    message = str(message).strip()
    if message[:1].isupper() and not message[:2].isupper():
        message = message[0].lower() + message[1:]
    return message if message.endswith((".", "!", "?")) else message + "."


class ImportResource(resources.ModelResource):
    """Required columns, all-or-nothing transactions, blank lines skipped, duplicate keys refused and
    every validation message rewritten to name its line and column."""

    #: Columns every file must have.
    required_columns: tuple[str, ...] = ()
    #: Groups of columns of which a file must have at least one.
    one_of_columns: tuple[tuple[str, ...], ...] = ()
    #: What makes two rows the same, when it is not one column (" (cùng …)"), for the duplicate message.
    duplicate_note = ""

    def import_data(
        self,
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=None,
        collect_failed_rows=False,
        rollback_on_validation_errors=False,
        **kwargs,
    ):
        if dataset.headers:
            dataset.headers = [cell_text(h).lower() for h in dataset.headers]
        problem = self.file_problem(dataset)
        if problem:
            result = self.get_result_class()()
            result.total_rows = len(dataset)
            self.handle_import_error(result, ImportFileError(problem), raise_errors)
            return result
        # Whatever the caller asked: one transaction, rolled back on any bad row.
        return super().import_data(
            dataset,
            dry_run=dry_run,
            raise_errors=raise_errors,
            use_transactions=True,
            collect_failed_rows=collect_failed_rows,
            rollback_on_validation_errors=True,
            **kwargs,
        )

    def file_problem(self, dataset) -> str | None:
        headers = [h for h in (dataset.headers or []) if h]
        expected = ", ".join(self.required_columns + tuple("/".join(group) for group in self.one_of_columns))
        if not headers:
            return f"Tệp trống: dòng đầu tiên phải là dòng tiêu đề với các cột {expected}."
        missing = [c for c in self.required_columns if c not in headers]
        missing += [" hoặc ".join(g) for g in self.one_of_columns if not any(c in headers for c in g)]
        if missing:
            return f"Thiếu cột: {', '.join(missing)}. Dòng đầu tiên của tệp phải có các cột {expected}."
        if all(_is_blank_row(row) for row in dataset):
            return "Tệp không có dòng dữ liệu nào (chỉ có dòng tiêu đề)."
        if len(dataset) > MAX_ROWS:
            return (
                f"Tệp có {_number(len(dataset))} dòng dữ liệu, quá giới hạn {_number(MAX_ROWS)} dòng mỗi lần "
                "nhập; hãy chia thành nhiều tệp nhỏ hơn."
            )
        return None

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.seen_keys = {}  # row key → line, for the file being imported
        self.public_owners_touched = []  # what the saved rows change on the public pages
        self.row_problems = {}  # column → messages found before the row's cells are read

    def before_import(self, dataset, **kwargs):
        self.seen_keys = {}
        self.public_owners_touched = []

    def public_owners(self, instance) -> list:
        """Whose cached public pages a saved row changes (`democracy.publiccache.changed`); by default
        every page (None). A resource whose rows no public page shows returns []."""
        return [None]

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        self.public_owners_touched.extend(self.public_owners(instance))

    def after_import(self, dataset, result, **kwargs):
        """Inside the import's transaction: the public pages showing what was imported are rendered
        again once it commits (nothing when it is a preview or rolled back for a bad row)."""
        super().after_import(dataset, result, **kwargs)
        failed = result.has_errors() or result.has_validation_errors()
        if self.public_owners_touched and not failed and not self._is_dry_run(kwargs):
            publiccache.changed(*self.public_owners_touched)

    def row_key(self, row) -> tuple[str, object] | None:
        """(column to blame, or NON_FIELD_ERRORS, and key) of a row: one key twice in a file is refused."""
        return None

    def before_import_row(self, row, row_number=None, **kwargs):
        # Problems found here are reported with the rest of the row (`import_instance`), never instead
        # of them: a duplicated row with a bad cell gets both messages.
        self.row_problems = {}
        for column, value in row.items():
            if character := control_character(value):
                self.add_row_problem(
                    column, f"có ký tự điều khiển {character}, không được phép trong tệp nhập"
                )
        key = self.row_key(row)
        if key is None:
            return
        column, value = key
        line = row_number + 1
        if value in self.seen_keys:
            self.add_row_problem(column, f"trùng với dòng {self.seen_keys[value]}{self.duplicate_note}")
        else:
            self.seen_keys[value] = line

    def add_row_problem(self, column, message) -> None:
        self.row_problems.setdefault(column, []).append(message)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # A cell with a control character is reported as such, not also as whatever its widget says.
        if field.column_name in self.row_problems and control_character(row.get(field.column_name)):
            return
        super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)

    def get_instance(self, instance_loader, row):
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            return None  # a bad key cell is reported by import_instance with the rest of the row

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as e:
            errors = e.update_error_dict(errors)
        for column, messages in self.row_problems.items():
            errors.setdefault(column, []).extend(messages)
        self.check_row(instance, row, errors)
        if hasattr(instance, "search_name"):
            instance.search_name = fold(instance.name)  # not editable, yet full_clean checks it
        if errors:
            raise ValidationError(errors)

    def check_row(self, instance, row, errors):
        """Checks across columns: add messages to `errors`, keyed by model field or by column."""

    def import_row(self, row, instance_loader, **kwargs):
        if _is_blank_row(row.values()):
            row_result = self.get_row_result_class()()
            row_result.import_type = row_result.IMPORT_TYPE_SKIP
            return row_result
        row_result = super().import_row(row, instance_loader, **kwargs)
        if row_result.validation_error is not None:
            row_result.validation_error = self.explain(row_result.validation_error, kwargs["row_number"] + 1)
        return row_result

    def explain(self, error, line):
        """Key the errors by column (not model field) and make each message name its line and column."""
        by_attribute = {f.attribute: f.column_name for f in self.fields.values() if f.attribute}
        order = [f.column_name for f in self.fields.values()]
        error_dict = (
            error.message_dict if hasattr(error, "error_dict") else {NON_FIELD_ERRORS: error.messages}
        )
        explained = {}
        for key, messages in error_dict.items():
            column = by_attribute.get(key, key)
            for message in messages:
                where = f"Dòng {line}" if column == NON_FIELD_ERRORS else f"Dòng {line}, cột {column}"
                explained.setdefault(column, []).append(f"{where}: {_sentence(message)}")
        return ValidationError(
            dict(sorted(explained.items(), key=lambda item: order.index(item[0]) if item[0] in order else 99))
        )


def error_messages(result) -> list[str]:
    """Every problem of an import, file-level first, then row by row in file order."""
    messages = [str(error.error) for error in result.base_errors]
    by_line = []
    for number, errors in result.row_errors():
        for error in errors:
            number = error.number or number
            by_line.append((number, f"Dòng {number + 1}: không ghi được dòng này ({error.error})."))
    for row in result.invalid_rows:
        by_line += [(row.number, message) for messages in row.error_dict.values() for message in messages]
    return messages + [message for _, message in sorted(by_line, key=lambda item: item[0])]


def read_dataset(name: str, content: bytes) -> tablib.Dataset:
    """A .csv (UTF-8, with or without BOM, comma or semicolon separated) or .xlsx file as a dataset."""
    if problem := too_large(len(content), name):
        raise ImportFileError(problem)
    suffix = PurePath(name).suffix.lower()
    if suffix == ".csv":
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportFileError(
                f"Tệp {name} không phải văn bản UTF-8: khi lưu từ Excel, chọn «CSV UTF-8 (Comma delimited)»."
            ) from None
        if not text.strip():
            return tablib.Dataset()
        first_line = text.splitlines()[0]
        # Excel set to Vietnamese (decimal comma) saves CSV with semicolons.
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        header, *body = csv.reader(StringIO(text), delimiter=delimiter)
        width = len(header)
        for line, cells in enumerate(body, 2):
            if any(cell.strip() for cell in cells[width:]):
                raise ImportFileError(
                    f"Dòng {line}: có {len(cells)} ô nhưng dòng tiêu đề chỉ có {width} cột; "
                    "kiểm tra dấu phân cách hoặc dấu ngoặc kép."
                )
        # Empty lines stay (as blank rows, skipped on import) so that line numbers match the file.
        return tablib.Dataset(*[(cells + [""] * width)[:width] for cells in body], headers=header)
    if suffix == ".xlsx":
        try:
            return base_formats.XLSX().create_dataset(content)
        except StopIteration:
            return tablib.Dataset()  # a workbook with an empty first sheet
        except Exception as e:
            raise ImportFileError(f"Không đọc được tệp XLSX {name}: {e}") from e
    raise ImportFileError(f"Tệp {name}: chỉ nhận tệp .csv hoặc .xlsx.")


# --- Villages --------------------------------------------------------------------------------------

COMMUNE = "xã, phường, đặc khu"
