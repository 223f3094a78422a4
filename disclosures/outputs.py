"""The PDFs and spreadsheets of disclosures: the posting and closing records, the quarterly register.

Builders only: each returns bytes (`render_pdf`, `democracy.xlsx`) and stores nothing. Storing a
rendered record is `records.render_record_pdf`; serving a register is the register views' job.
Citizens' names and contacts never reach a template: feedback is copied field by field.
"""

from io import BytesIO

from django.utils import timezone, translation
from openpyxl import load_workbook
from openpyxl.styles import Font

from democracy.models import Action, AuditEvent
from democracy.pdf import clock, lower_first, place_date, render_pdf, split_type
from democracy.xlsx import safe_cell, write_sheet
from units.letterhead import issuer
from units.models import is_agency

from .models import Disclosure, Record
from .register import PERMANENT, Quarter, RegisterRow, register_rows

# The one MIME type of this app's spreadsheets (democracy/xlsx.py has none yet; democracy/uploads.py does).
RECORD_TEMPLATES = {
    Record.Kind.POSTING: "disclosures/pdf/posting_record.html",
    Record.Kind.CLOSING: "disclosures/pdf/closing_record.html",
}


# --- The posting and closing records -----------------------------------------------------------------


def record_pdf(record: Record) -> bytes:
    """What a clerk would type into the paper template (issuer, number, place and date, participants,
    what is posted, the window, the feedback received), rendered."""
    disclosure = (
        Disclosure.objects.select_related("item", "unit__parent", "agency__unit__parent")
        .prefetch_related("posting_villages")
        .get(pk=record.disclosure_id)
    )
    owner_unit = disclosure.agency.unit if disclosure.is_internal else disclosure.unit
    type_word, place = split_type(owner_unit.name)
    made_at = timezone.localtime(record.made_at)
    context = {
        "disclosure": disclosure,
        "internal": disclosure.is_internal,
        **issuer(disclosure.owner),
        "number": record.number,
        "place_date": place_date(place, made_at.date()),
        "made_at": clock(made_at),
        "unit_word": type_word.lower(),
        "item_label": lower_first(disclosure.item.label_vi.rstrip(".")),
        "authority": _authority(disclosure, owner_unit),
        "authority_short": _authority(disclosure, owner_unit, short=True),
        "unit_name": lower_first(owner_unit.name),
        "people": _people(disclosure),
        "places": _places(disclosure, owner_unit),
        "published_at": clock(disclosure.published_at),
        "ends_at": clock(disclosure.window_ends_at),
        "closed_at": clock(disclosure.closed_at),
        "feedback": _feedback(disclosure) if record.kind == Record.Kind.CLOSING else [],
    }
    return render_pdf(RECORD_TEMPLATES[record.kind], context)


def _authority(disclosure: Disclosure, unit, *, short=False) -> str:
    if disclosure.is_internal:
        return disclosure.agency.name
    return f"{'UBND' if short else 'Ủy ban nhân dân'} {lower_first(unit.name)}"


def _people(disclosure: Disclosure) -> dict[str, str]:
    """The approver and the clerk by their full names from the audit trail ("" when unknown)."""
    people = {"approver": "", "clerk": ""}
    # An imported posting was made and posted by whoever imported it (one act, one audit row).
    roles = {
        Action.CREATED: ["clerk"],
        Action.SUBMITTED: ["clerk"],
        Action.PUBLISHED: ["approver"],
        Action.IMPORTED: ["clerk", "approver"],
    }
    for event in AuditEvent.objects.of(disclosure).filter(action__in=roles).select_related("actor"):
        if event.actor is not None and (name := event.actor.get_full_name().strip()):
            for role in roles[event.action]:
                people[role] = name
    return people


def _places(disclosure: Disclosure, unit) -> list[str]:
    places = []
    if disclosure.posted_at_office:
        places.append(f"trụ sở {_authority(disclosure, unit)}")
    places += [
        f"nhà văn hóa, điểm sinh hoạt cộng đồng {lower_first(village.name)}"
        for village in disclosure.posting_villages.all()
    ]
    if disclosure.other_places.strip():
        places.append(disclosure.other_places.strip())
    return places


def _feedback(disclosure: Disclosure) -> list[dict]:
    """Questions and comments for the closing record, without the citizen's name or contact."""
    return [
        {
            "kind": item.get_kind_display(),
            "received_at": timezone.localtime(item.received_at).strftime("%H:%M %d/%m/%Y"),
            "channel": item.get_channel_display(),
            "text": "" if item.is_hidden else item.text,
            "hidden_reason": item.hidden_reason if item.is_hidden else "",
            "answer": "" if item.is_hidden else item.answer,
        }
        for item in disclosure.feedback.order_by("received_at", "pk")
    ]


# --- The quarterly register --------------------------------------------------------------------------


@translation.override("vi")  # the register posted at the office is in Vietnamese, whoever downloads it
def register_pdf(owner, quarter: Quarter) -> bytes:
    """The register as the paper list posted at the office, signed by the chairman or the head."""
    rows = register_rows(owner, quarter)
    context = {
        "owner": owner,
        "quarter": quarter,
        "rows": rows,
        "late_count": sum(row.is_late for row in rows),
        **issuer(owner),
        # The number is left for the office to write in by hand (six blanks before the symbol).
        "number": "\u00a0" * 6 + ("/DS-CQ" if is_agency(owner) else "/DS-UBND"),
    }
    if is_agency(owner):
        context |= {
            "internal": True,
            "place_date": place_date(split_type(owner.unit.name)[1], timezone.localdate()),
            "signer": "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
        }
    else:
        context |= {
            "internal": False,
            "place_date": place_date(split_type(owner.name)[1], timezone.localdate()),
            "signer": "CHỦ TỊCH",
            "signer_on_behalf": "TM. ỦY BAN NHÂN DÂN",
        }
    return render_pdf("disclosures/pdf/register.html", context)


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


TITLE_ROWS = 2  # the title and the quarter with its dates, above the header row


@translation.override("vi")
def register_xlsx(owner, quarter: Quarter) -> bytes:
    """The register as an XLSX: a title naming the owner, the quarter with its dates ("Quý I năm 2026 (từ
    15/12/2025 đến 14/03/2026)": which days a quarter covers depends on the regime), then the table."""
    content = write_sheet(
        XLSX_HEADERS,
        xlsx_rows(register_rows(owner, quarter)),
        sheet_title=quarter.short_label,
        widths=XLSX_WIDTHS,
    )
    book = load_workbook(BytesIO(content))
    sheet = book.active
    sheet.insert_rows(1, TITLE_ROWS)
    for row, (text, font) in enumerate(
        [
            (f"Danh sách các nội dung đã công khai – {owner.name}", Font(bold=True, size=13)),
            (quarter.full_label, Font(italic=True)),
        ],
        start=1,
    ):
        cell = sheet.cell(row=row, column=1, value=safe_cell(text))
        cell.data_type = "s"
        cell.font = font
    sheet.freeze_panes = f"A{TITLE_ROWS + 2}"  # the title and the header stay in view
    out = BytesIO()
    book.save(out)
    return out.getvalue()


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
