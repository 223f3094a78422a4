"""Thin Celery tasks of plans."""

from celery import shared_task

from . import notifications


@shared_task(name="plans.send_reminders")
def send_reminders() -> int:
    """E-mail the lead body before a task's due date and once it is overdue (each once)."""
    return notifications.send_due_reminders()
