"""Storing the posting record and the closing record (biên bản niêm yết / kết thúc niêm yết) as PDF.
The PDF is built by `outputs.record_pdf`; the record itself is made by the act that needs it
(publishing, closing), so storing its rendering is no act of its own and writes no audit row."""

from django.core.files.base import ContentFile
from django.utils import timezone

from .models import Record
from .outputs import record_pdf

FILE_STEMS = {
    Record.Kind.POSTING: "bien-ban-niem-yet",
    Record.Kind.CLOSING: "bien-ban-ket-thuc-niem-yet",
}


def render_record_pdf(record: Record) -> Record:
    """Render the record to PDF and store it; rendering again replaces the file (same name)."""
    pdf = record_pdf(record)
    if record.pdf:
        record.pdf.delete(save=False)
    record.pdf.save(f"{FILE_STEMS[record.kind]}-{record.disclosure_id}.pdf", ContentFile(pdf), save=False)
    record.rendered_at = timezone.now()
    record.save(update_fields=["pdf", "rendered_at"])
    return record
