"""Thin Celery tasks of reports: they take primary keys (or a day) and call the domain functions.

The scheduled ones are safe to run twice and catch up after downtime: compilations are marked per
authority and period (`Compilation`), every e-mail is claimed once by key (`Notice`). Their `today`
(an ISO date, "2026-06-20") is for tests and for running a day by hand; beat passes nothing."""

import datetime as dt

from celery import shared_task

from . import actions, jobs, notifications, stored
from .models import AreaReport

# --- Jobs started from the browser (a progress page polls them) -------------------------------------


@shared_task(name="reports.run_job")
def run_job(job_id: str) -> str | None:
    """Run a background job (a roll-up, …) and record its progress and outcome on its row. A job
    already finished is not run again, so a message delivered twice does no harm."""
    return jobs.run(job_id)


@shared_task(name="reports.render_sent_rollup")
def render_sent_rollup(area_report_id: int) -> None:
    """The files of a roll-up just signed and sent, with its number, signer and recipients."""
    area_report = AreaReport.objects.select_related("area__parent__parent__parent", "signed_by").filter(
        pk=area_report_id
    )
    for found in area_report:
        actions.render_sent_rollup(found)


@shared_task(name="reports.notify_report_request")
def notify_report_request(request_id: int) -> int:
    """E-mail the clerks and approvers of every unit asked for a report."""
    return notifications.notify_report_request(request_id)


# --- Scheduled jobs (Celery beat, daily; see CELERY_BEAT_SCHEDULE) -----------------------------------


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


@shared_task(name="reports.refresh_dashboard_figures")
def refresh_dashboard_figures(today: str | None = None) -> int:
    """Count again the dashboard's stale stored figures of the recent periods (owners written to since,
    and the new day's roll), in batches; the rows counted for the day are the done-marker."""
    return stored.refresh_stale(_day(today))
