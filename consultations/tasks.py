"""Scheduled jobs of consultations, decisions and recommendations: thin tasks calling one function
each. Each is safe to run twice: state changes are compare-and-set, and every e-mail is claimed by its
key in `democracy.models.Notice` before it is sent (`consultations.notifications`)."""

from celery import shared_task

from . import actions, notifications


@shared_task(name="consultations.close_due_consultations")
def close_due_consultations() -> int:
    """Close commenting on every consultation whose period has ended (catching up after downtime)."""
    return actions.close_due_consultations()


@shared_task(name="consultations.count_online_votes")
def count_online_votes() -> int:
    """Count every online vote whose time is over; the count is revealed only then."""
    return actions.count_online_votes()


@shared_task(name="consultations.remind_unfinished")
def remind_unfinished() -> int:
    return notifications.remind_unfinished()


@shared_task(name="consultations.notify_overdue_recommendations")
def notify_overdue_recommendations() -> int:
    return notifications.notify_overdue_recommendations()
