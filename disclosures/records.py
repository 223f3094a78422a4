"""Storing the posting record and the closing record (biên bản niêm yết / kết thúc niêm yết) as PDF.
The PDF is built by `outputs.record_pdf`; the record itself is made by the act that needs it
(publishing, closing), so storing its rendering is no act of its own and writes no audit row.

Rendering is idempotent and survives a killed worker (issue 15 item 4): `render_pending` renders a
record only while it has no PDF, holding its row so that a re-delivered task and the sweep never render
it twice at once; a worker killed mid-render leaves nothing half-saved (the row is written in the same
transaction as the file name), and the task is delivered again (`tasks.RENDER_OPTIONS`) or the sweep
(`tasks.render_missing_records`) picks the record up."""

import datetime as dt

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from democracy import publiccache

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


def render_pending(record_ids) -> int:
    """Render those of `record_ids` that have no PDF yet, one transaction each; returns how many.

    A record another task is rendering right now (its row locked) is left to that task."""
    rendered = 0
    for pk in record_ids:
        with transaction.atomic():
            record = (
                Record.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, rendered_at__isnull=True)
                .select_related("disclosure")
                .first()
            )
            if record is not None:
                render_record_pdf(record)
                publiccache.changed(record.disclosure.owner)  # the record's link on the disclosure's page
                rendered += 1
    return rendered


def unrendered(now: dt.datetime | None = None) -> list[int]:
    """The records still without a PDF `PDF_SWEEP_AFTER_MINUTES` after they were made, oldest first."""
    cutoff = (now or timezone.now()) - dt.timedelta(minutes=settings.PDF_SWEEP_AFTER_MINUTES)
    return list(
        Record.objects.filter(rendered_at__isnull=True, made_at__lte=cutoff)
        .order_by("made_at", "pk")
        .values_list("pk", flat=True)
    )
