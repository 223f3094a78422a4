"""The duties' reminders job: a thin task (each e-mail is claimed by its key before it is sent)."""

from celery import shared_task

from . import notifications


@shared_task(name="duties.remind_duties")
def remind_duties() -> int:
    return notifications.remind_duties()
