"""Thin Celery tasks of following by e-mail; each safe to run twice (see dispatch.py)."""

from celery import shared_task
from django.core.mail import get_connection

from . import dispatch as sending
from . import events, mail, staff
from .models import Subscription, SubscriptionState


@shared_task(name="follow.dispatch")
def dispatch() -> int:
    """New events to their followers, and the immediate mails out."""
    sending.fan_out()
    return sending.send_immediate()


@shared_task(name="follow.send_digests")
def send_digests() -> int:
    sending.fan_out()
    return sending.send_digests()


@shared_task(name="follow.note_closing_postings")
def note_closing_postings() -> int:
    return events.note_closing_postings()


@shared_task(name="follow.send_confirmation")
def send_confirmation(subscription_id: int, language: str, frequency: str) -> bool:
    """The confirmation mail of a pending subscription, or the "already following" mail of an active
    one. Nothing for a subscription ended or gone meanwhile."""
    subscription = Subscription.objects.select_related("subscriber").filter(pk=subscription_id).first()
    if subscription is None:
        return False
    if subscription.state == SubscriptionState.PENDING and subscription.nonce:
        message = mail.confirmation_message(subscription, language=language, frequency=frequency)
    elif subscription.state == SubscriptionState.ACTIVE:
        message = mail.already_message(subscription, language=language)
    else:
        return False
    message.connection = get_connection()
    message.send()
    return True


@shared_task(name="follow.notify_staff")
def notify_staff(kind: str, pk: int) -> bool:
    return staff.notify_staff(kind, pk)


@shared_task(name="follow.send_inspector_deadlines")
def send_inspector_deadlines() -> int:
    return staff.send_inspector_deadlines()
