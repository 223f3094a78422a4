"""The scheduled jobs of reports (Celery beat, daily; see CELERY_BEAT_SCHEDULE). Thin tasks around the
domain functions; each is safe to run twice and catches up after downtime: compilations are marked
per authority and period (`Compilation`), every e-mail is claimed once by key (`Notice`).

`today` (an ISO date, "2026-06-20") is for tests and for running a day by hand; beat passes nothing."""

import datetime as dt

from celery import shared_task

from . import actions, notifications


def _day(today: str | None) -> dt.date | None:
    return dt.date.fromisoformat(today) if today else None


@shared_task(name="reports.compile_due_reports")
def compile_due_reports(today: str | None = None) -> int:
    """Compile the unit reports of every period that has ended and was not compiled yet."""
    return actions.compile_due(_day(today))


@shared_task(name="reports.send_report_reminders")
def send_report_reminders(today: str | None = None) -> int:
    """Remind clerks and approvers of a report due soon, then of a report overdue."""
    return notifications.send_report_reminders(_day(today))


@shared_task(name="reports.send_reviewer_digest")
def send_reviewer_digest(today: str | None = None) -> int:
    """Once per period after its deadline: tell each reviewer which units of the area are late or missing."""
    return notifications.send_reviewer_digests(_day(today))
