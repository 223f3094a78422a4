"""Thin Celery tasks: they take primary keys and call one domain function each."""

from celery import shared_task

from . import actions, notifications
from .models import Record
from .records import render_record_pdf


@shared_task(name="disclosures.close_due_postings")
def close_due_postings() -> int:
    """Close every posting whose window has ended (catching up after downtime); safe to run twice."""
    return actions.close_due_postings()


@shared_task(name="disclosures.render_record", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def render_record(record_id: int) -> None:
    """Render a posting or closing record to PDF, in its own task so closing never waits for it."""
    _render([record_id])


@shared_task(name="disclosures.render_records", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def render_records(record_ids: list[int]) -> None:
    """Render a batch of closing records (one message per closing batch, not per record)."""
    _render(record_ids)


def _render(record_ids) -> None:
    # Only those not rendered yet: a task retried or sent twice renders each record once.
    for record in Record.objects.filter(pk__in=record_ids, rendered_at__isnull=True):
        render_record_pdf(record)


@shared_task(name="disclosures.send_reminders")
def send_reminders() -> int:
    """E-mail clerks and approvers before a posting deadline and before a window closes."""
    return notifications.send_due_reminders()
