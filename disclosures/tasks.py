"""Thin Celery tasks: they take primary keys and call one domain function each.

The PDF tasks run on their own queue (settings.CELERY_TASK_ROUTES, issue 18 item 12), at most
`PDF_BATCH_SIZE` records per task, so the closing job, the vote count and the reminders never wait behind
them. They are acknowledged only once done and given back to the queue if the worker dies under them
(issue 15 item 4); the sweep renders whatever is still without a PDF after `PDF_SWEEP_AFTER_MINUTES`."""

from celery import shared_task
from django.conf import settings

from . import actions, notifications, records

# Late acknowledgement, and a message whose worker process was killed goes back to the queue instead of
# being dropped as failed: rendering is idempotent (`records.render_pending`), so running it again is safe.
RENDER_OPTIONS = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (OSError,),
    "retry_backoff": True,
    "max_retries": 5,
}


@shared_task(name="disclosures.close_due_postings")
def close_due_postings() -> int:
    """Close every posting whose window has ended (catching up after downtime); safe to run twice."""
    return actions.close_due_postings()


@shared_task(name="disclosures.render_record", **RENDER_OPTIONS)
def render_record(record_id: int) -> None:
    """Render a posting or closing record to PDF, in its own task so closing never waits for it."""
    records.render_pending([record_id])


@shared_task(name="disclosures.render_records", **RENDER_OPTIONS)
def render_records(record_ids: list[int]) -> None:
    """Render a batch of records; more than `PDF_BATCH_SIZE` are split into tasks of that size first."""
    if len(record_ids) > settings.PDF_BATCH_SIZE:
        enqueue_rendering(record_ids)
    else:
        records.render_pending(record_ids)


def enqueue_rendering(record_ids) -> None:
    """One render_records message per `PDF_BATCH_SIZE` records."""
    size = max(1, settings.PDF_BATCH_SIZE)
    ids = list(record_ids)
    for start in range(0, len(ids), size):
        render_records.delay(ids[start : start + size])


@shared_task(name="disclosures.render_missing_records")
def render_missing_records() -> int:
    """The periodic sweep: records left without a PDF (a worker stopped mid-render) are queued again."""
    ids = records.unrendered()
    enqueue_rendering(ids)
    return len(ids)


@shared_task(name="disclosures.send_reminders")
def send_reminders() -> int:
    """E-mail clerks and approvers before a posting deadline and before a window closes."""
    return notifications.send_due_reminders()
