"""The register's job: review-date reminders, a thin task (each e-mail is claimed by its key first)."""

from celery import shared_task

from . import notifications


@shared_task(name="regulations.remind_reviews")
def remind_reviews() -> int:
    return notifications.remind_reviews()
