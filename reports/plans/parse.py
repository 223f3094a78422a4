"""Proposing tasks from a plan's text (pasted, or the paragraphs of a DOCX): the document's own numbering
("II. Nội dung" → "1. …" → "a, …") gives the codes, sections and headings; the lines "Cơ quan chủ trì /
Đơn vị chủ trì / Cơ quan thực hiện", "Cơ quan phối hợp" and "Thời gian thực hiện / hoàn thành" give the
lead, the coordinating bodies and the time, whose words are read into a due rule. Nothing is saved here:
the clerk corrects the proposal before saving (all or nothing, `actions.import_tasks`)."""

import re
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from democracy.uploads import DOCX, check_upload

from .models import DueKind

PART = re.compile(r"^(I|II|III|IV|V|VI)\.\s*(.*)$")
SECTION = re.compile(r"^(\d{1,2})\.\s+(.+)$")
TASK = re.compile(r"^([a-zđ])\s*[,.)]\s+(.+)$")
FIELD = re.compile(
    r"^[-–+•]?\s*(?P<name>cơ quan chủ trì|đơn vị chủ trì|cơ quan thực hiện|đơn vị thực hiện|cơ quan phối hợp|"
    r"đơn vị phối hợp|thời gian thực hiện|thời gian hoàn thành|thời hạn|thời gian)\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
MAX_LINES = 5000
DEFAULT_EVERY_MONTHS = 6  # "Thường xuyên": a progress report every half-year unless the clerk says otherwise
DEFAULT_TRIGGER_DAYS = 30  # "Khi có văn bản hướng dẫn": 30 days from the guidance unless corrected


@dataclass
class Proposal:
    section_code: str
    section_heading: str
    code: str
    heading: str
    lead_text: str = ""
    coordinating_text: str = ""
    time_text: str = ""
    rule: dict = field(default_factory=dict)
    note: str = ""


def docx_lines(upload) -> list[str]:
    """The paragraphs of an uploaded DOCX; a Vietnamese ValidationError for anything else."""
    checked = check_upload(upload)
    if checked.type != DOCX:
        raise ValidationError(
            _("Tệp “%(name)s” không phải tệp DOCX (Word).") % {"name": checked.original_name}
        )
    import docx  # python-docx

    try:
        document = docx.Document(upload)
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ValidationError(
            _("Không đọc được tệp “%(name)s”: tệp DOCX bị hỏng.") % {"name": checked.original_name}
        ) from error
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return lines


# A line that starts another item of the document (a field, a bullet): never the rest of a wrapped value.
BULLET = re.compile(r"^[-–+•]")
CONTINUED_MAX = {"lead_text": 500, "coordinating_text": 1000, "time_text": 300}

# Words that repeat a task by calendar periods, and the period's length in months.
EVERY = (
    (re.compile(r"\b(?:hằng|hàng|mỗi)\s+tháng\b"), 1),
    (re.compile(r"\b(?:hằng|hàng|mỗi)\s+quý\b|\b0?3\s+tháng\b|\bba\s+tháng\b"), 3),
    (re.compile(r"\b0?6\s+tháng\b|\bsáu\s+tháng\b|\bnửa\s+năm\b|\bbán\s+niên\b"), 6),
    (
        re.compile(
            r"\b(?:hằng|hàng|mỗi)\s+năm\b|\b0?1\s+năm\b|\bcác\s+năm\s+tiếp\s+theo\b|\bnăm\s+\d{4}\s+trở\s+đi\b"
        ),
        12,
    ),
)
# "khi có yêu cầu", "đột xuất": an extra occasion besides the periods, not a rule of its own.
EXTRA = re.compile(r"(?:hoặc|và)?\s*(?:khi có yêu cầu|đột xuất)")
DAY_MONTH = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?!\s*(?:năm|/)\s*\d{4})")


def _every_months(t: str) -> int | None:
    found = [months for pattern, months in EVERY if pattern.search(t)]
    return min(found) if found else None


def read_rule(text: str, year: int) -> tuple[dict, str]:
    """The due rule the words of a time say, and a note when the reading is a guess to check.

    "Quý I năm 2024" → quarter; "Tháng 10 năm 2023" → month; "Trước ngày 01/7/2023" → date;
    "trước ngày 05/5 …, trước ngày 05/11", "trước ngày 01 tháng 12 hằng năm" → periodic on those days;
    "Định kỳ 6 tháng", "hằng quý", "Năm 2024 và các năm tiếp theo", "Từ năm 2023 trở đi" → periodic by
    calendar periods (a bare "Định kỳ" → every half-year, to check); "Thường xuyên" → ongoing;
    "Khi có văn bản hướng dẫn", "ngay sau khi có Nghị định …" → triggered; "Năm 2024" → year.
    "… và khi có yêu cầu", "hoặc đột xuất" is kept as a note: an extra occasion, not the rule."""
    import datetime as dt

    t = " ".join(text.lower().split())
    extra = _("Ngoài các kỳ định kỳ, báo cáo thêm khi có yêu cầu (đột xuất).") if EXTRA.search(t) else ""
    # What is left once the extra occasion is set aside decides the rule.
    rest = EXTRA.sub(" ", t)
    if m := re.search(r"quý\s+(iv|iii|ii|i)\b(?:\s+năm\s+(\d{4}))?", rest):
        return {
            "due_kind": DueKind.QUARTER,
            "due_quarter": ROMAN[m[1].upper()],
            "due_year": int(m[2] or year),
        }, ""
    date = re.search(
        r"(?:trước|đến|hoàn thành trước)\s+ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})", rest
    ) or re.search(
        r"(?:trước|đến|hoàn thành trước)\s+ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", rest
    )
    if date:
        try:
            return {
                "due_kind": DueKind.DATE,
                "due_date": dt.date(int(date[3]), int(date[2]), int(date[1])),
            }, ""
        except ValueError:
            return {"due_kind": DueKind.YEAR, "due_year": year}, _(
                "Ngày trong văn bản không có thật: hãy sửa."
            )
    if m := re.search(r"tháng\s+(\d{1,2})(?:\s*(?:năm|/)\s*(\d{4}))", rest):
        return {"due_kind": DueKind.MONTH, "due_month": int(m[1]), "due_year": int(m[2])}, ""
    days = re.findall(r"(?:ngày|và|,)\s+(\d{1,2})/(\d{1,2})(?!/)", rest) + DAY_MONTH.findall(rest)
    if "trước ngày" in rest and days:
        listed = sorted({(int(d), int(m)) for d, m in days}, key=lambda dm: (dm[1], dm[0]))
        return {
            "due_kind": DueKind.PERIODIC,
            "periodic_days": ", ".join(f"{d:02d}/{m:02d}" for d, m in listed),
        }, extra
    if "khi có" in rest:
        return {"due_kind": DueKind.TRIGGERED, "trigger_days": DEFAULT_TRIGGER_DAYS}, _(
            "Hạn tính %(n)s ngày kể từ khi có văn bản: hãy kiểm tra."
        ) % {"n": DEFAULT_TRIGGER_DAYS}
    every = _every_months(rest)
    if every is not None or "định kỳ" in rest:
        note = (
            ""
            if every is not None
            else _("Văn bản không nói mỗi kỳ mấy tháng: tạm tính %(n)s tháng một lần; hãy kiểm tra.")
            % {"n": DEFAULT_EVERY_MONTHS}
        )
        return {"due_kind": DueKind.PERIODIC, "every_months": every or DEFAULT_EVERY_MONTHS}, " ".join(
            filter(None, [note, extra])
        )
    if "thường xuyên" in rest:
        note = _("Thường xuyên: báo cáo tiến độ %(n)s tháng một lần; hãy kiểm tra.") % {
            "n": DEFAULT_EVERY_MONTHS
        }
        return {"due_kind": DueKind.ONGOING, "every_months": DEFAULT_EVERY_MONTHS}, " ".join(
            filter(None, [note, extra])
        )
    if m := re.search(r"năm\s+(\d{4})", rest):
        return {"due_kind": DueKind.YEAR, "due_year": int(m[1])}, extra
    if extra:
        return {"due_kind": DueKind.TRIGGERED, "trigger_days": DEFAULT_TRIGGER_DAYS}, _(
            "Chỉ khi có yêu cầu: hạn tính %(n)s ngày kể từ ngày có yêu cầu; hãy kiểm tra."
        ) % {"n": DEFAULT_TRIGGER_DAYS}
    return {"due_kind": DueKind.YEAR, "due_year": year}, _(
        "Không đọc được thời gian: tạm tính trong năm %(y)s."
    ) % {"y": year}


def propose(lines: list[str], year: int) -> list[Proposal]:
    """Tasks from the lines of section II (or of the whole text when it has no part numbers)."""
    if len(lines) > MAX_LINES:
        raise ValidationError(_("Văn bản quá dài (hơn %(n)s dòng).") % {"n": MAX_LINES})
    part, section_code, section_heading = "II", "", ""
    proposals: list[Proposal] = []
    current: Proposal | None = None
    collecting = None
    wrapped = None  # the field whose value a wrapped line (a PDF's text) goes on with
    for raw in lines:
        line = " ".join((raw or "").replace("\u00a0", " ").split()).strip("* ")
        if not line:
            continue
        structural = PART.match(line) or SECTION.match(line) or TASK.match(line) or FIELD.match(line)
        if wrapped and current is not None and not structural and not BULLET.match(line):
            value = f"{getattr(current, wrapped)} {line}".strip()
            setattr(current, wrapped, value.rstrip(" .;")[: CONTINUED_MAX[wrapped]])
            wrapped = wrapped if not line.endswith((".", ";", ":")) else None
            continue
        wrapped = None
        if m := PART.match(line):
            part, collecting, current = m[1], None, None
            continue
        if m := SECTION.match(line):
            section_code, section_heading, collecting = f"{part}.{m[1]}", m[2].rstrip(" .:"), None
            current = None
            continue
        if (m := TASK.match(line)) and section_code:
            current = Proposal(section_code, section_heading, f"{section_code}.{m[1]}", m[2].rstrip(" .:"))
            proposals.append(current)
            collecting = None
            continue
        if m := FIELD.match(line):
            name, value = m["name"].lower(), m["value"].strip().rstrip(" .;")
            if current is None or current.code.count(".") == 1 and current.code != section_code:
                if current is None or current.section_code != section_code:
                    current = Proposal(
                        section_code or part, section_heading, section_code or part, section_heading or line
                    )
                    proposals.append(current)
            if "chủ trì" in name or "thực hiện" in name and "thời gian" not in name:
                current.lead_text, collecting, target = (
                    value[:500],
                    ("lead" if not value else None),
                    "lead_text",
                )
            elif "phối hợp" in name:
                current.coordinating_text, collecting, target = value[:1000], None, "coordinating_text"
            else:
                current.time_text, collecting, target = value[:300], None, "time_text"
            raw_value = m["value"].strip()
            wrapped = target if raw_value and not raw_value.endswith((".", ";", ":", ")")) else None
            continue
        if collecting == "lead" and current is not None and line[:1] in "+-":
            bullet = line.lstrip("+- ").split(" chủ trì")[0].split(" lập ")[0].split(" tổ chức ")[0]
            current.lead_text = "; ".join(filter(None, [current.lead_text, bullet]))[:500]
    found = [p for p in proposals if p.lead_text or p.time_text]
    for p in found:
        p.rule, p.note = read_rule(p.time_text, year)
        if not p.lead_text:
            p.note = " ".join(filter(None, [p.note, _("Chưa có cơ quan chủ trì: hãy ghi.")]))
    if not found:
        raise ValidationError(
            _(
                "Không tìm thấy nhiệm vụ nào: văn bản cần các dòng “Cơ quan chủ trì:”, “Cơ quan phối hợp:”, “Thời gian thực hiện:”."
            )
        )
    return found
