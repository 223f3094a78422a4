"""Every write of following by e-mail: one function each, one transaction, one audit row per act (on the
subscription, never naming the address).

Nothing is followed without the address's owner: a request makes (or refreshes) a pending subscription
and sends a confirmation link; only `confirm` makes it active. A request for an address that already
follows the thing answers the same on the page and sends that address a reminder instead, so the page
tells nobody who follows what.
"""

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from democracy.audit import record, record_many
from democracy.models import Action

from . import targets
from .models import (
    Delivery,
    DeliveryState,
    Frequency,
    Language,
    Subscriber,
    Subscription,
    SubscriptionState,
)


def normalise(email: str) -> str:
    """The address as stored: trimmed, the domain lower-cased (the local part is the mailbox's own)."""
    email = (email or "").strip()
    local, _at, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}" if local else email


def _address_budget_left(email: str) -> bool:
    """At most FOLLOW_MAILS_PER_ADDRESS_PER_DAY confirmation mails a day to one address, whoever asks: a
    stranger cannot flood someone's mailbox with requests from many networks."""
    digest = hashlib.sha256(f"{settings.SECRET_KEY}|{email.lower()}".encode()).hexdigest()[:32]
    key = f"follow:address:{digest}:{timezone.localdate()}"
    cache.add(key, 0, timeout=86400)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=86400)
        count = 1
    return count <= settings.FOLLOW_MAILS_PER_ADDRESS_PER_DAY


@transaction.atomic
def request_follow(
    *, email: str, target, frequency: str = Frequency.IMMEDIATE, language: str = Language.VI, now=None
) -> Subscription:
    """A request to follow `target` (a registered followable object) from `email`. Makes the address's
    subscription pending with a fresh nonce, unless it is already active, and queues the confirmation
    mail (or, for an active one, the "you already follow this" mail) after the commit."""
    from . import tasks

    now = now or timezone.now()
    email = normalise(email)
    if targets.for_object(target) is None:
        raise ValidationError(_("Nội dung này không theo dõi được."))
    if frequency not in Frequency.values:
        raise ValidationError({"frequency": _("Hãy chọn cách nhận thư.")})
    if language not in Language.values:
        raise ValidationError({"language": _("Hãy chọn ngôn ngữ của thư.")})
    subscriber, _created = Subscriber.objects.get_or_create(email=email)
    subscription, _created = Subscription.objects.select_for_update().get_or_create(
        subscriber=subscriber,
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        defaults={"target_label": str(targets.for_object(target).title(target))[:300], "nonce": ""},
    )
    if subscription.state != SubscriptionState.ACTIVE:
        subscription.state = SubscriptionState.PENDING
        subscription.nonce = secrets.token_hex(16)
        subscription.requested_at = now
        subscription.frequency = frequency
        # Kept in the nonce's row until confirmed: the address's language changes only with its owner.
        subscription.save(update_fields=["state", "nonce", "requested_at", "frequency"])
    record(subscription, by=None, action=Action.FOLLOW_REQUESTED, changes={"frequency": frequency})
    if _address_budget_left(email):
        transaction.on_commit(
            lambda: tasks.send_confirmation.delay(subscription.pk, language, frequency),
        )
    return subscription


@transaction.atomic
def confirm(
    *, subscription_id: int, nonce: str, language: str = Language.VI, frequency: str = ""
) -> Subscription:
    """The owner clicked the confirmation link: the subscription is active, in the chosen language. The
    nonce is spent, so the same link a second time is refused. An address suspended after failures is
    given another chance: its owner has just shown that mail reaches it."""
    subscription = (
        Subscription.objects.select_for_update()
        .select_related("subscriber")
        .filter(pk=subscription_id)
        .first()
    )
    if subscription is None or not nonce or subscription.nonce != nonce:
        raise ValidationError(
            _("Đường dẫn xác nhận này đã được dùng hoặc đã được thay bằng một đường dẫn mới.")
        )
    subscription.state = SubscriptionState.ACTIVE
    subscription.nonce = ""
    subscription.confirmed_at = timezone.now()
    subscription.ended_at = None
    if frequency in Frequency.values:
        subscription.frequency = frequency
    subscription.save(update_fields=["state", "nonce", "confirmed_at", "ended_at", "frequency"])
    subscriber = subscription.subscriber
    subscriber.language = language if language in Language.values else Language.VI
    subscriber.failures, subscriber.retry_at, subscriber.suspended_at = 0, None, None
    subscriber.save(update_fields=["language", "failures", "retry_at", "suspended_at"])
    record(
        subscription, by=None, action=Action.FOLLOW_CONFIRMED, changes={"frequency": subscription.frequency}
    )
    return subscription


@transaction.atomic
def unsubscribe(*, subscription_id: int | None = None, subscriber_id: int | None = None) -> int:
    """End one subscription, or every subscription of an address (a digest's List-Unsubscribe). Mails
    not yet sent for them are dropped. Ending what has ended already changes nothing and writes nothing.
    Returns how many ended."""
    rows = Subscription.objects.select_for_update().filter(state=SubscriptionState.ACTIVE)
    if subscription_id is not None:
        rows = rows.filter(pk=subscription_id)
    elif subscriber_id is not None:
        rows = rows.filter(subscriber_id=subscriber_id)
    else:
        return 0
    ended = list(rows)
    if not ended:
        return 0
    now = timezone.now()
    Subscription.objects.filter(pk__in=[s.pk for s in ended]).update(
        state=SubscriptionState.ENDED, ended_at=now, nonce=""
    )
    Delivery.objects.filter(subscription__in=ended, state=DeliveryState.PENDING).update(
        state=DeliveryState.DROPPED
    )
    record_many(ended, by=None, action=Action.UNFOLLOWED, at=now)
    return len(ended)


def backoff(failures: int) -> dt.timedelta:
    """FOLLOW_RETRY_MINUTES after the first failure, doubling each time (10, 20, 40, 80 … minutes)."""
    return dt.timedelta(minutes=settings.FOLLOW_RETRY_MINUTES * 2 ** max(0, failures - 1))


@transaction.atomic
def mail_failed(subscriber_ids, *, error: str = "", permanent: bool = False, now=None) -> list[int]:
    """Mails to these addresses failed: each is retried after a back-off, and suspended (its pending
    mails dropped) after FOLLOW_MAX_FAILURES failures in a row, or at once when the receiving server
    refused the address for good (a 5xx reply: no such mailbox). Returns the addresses suspended."""
    now = now or timezone.now()
    subscribers = list(Subscriber.objects.select_for_update().filter(pk__in=list(subscriber_ids)))
    suspended = []
    for subscriber in subscribers:
        subscriber.failures += 1
        subscriber.last_error = error[:300]
        subscriber.retry_at = now + backoff(subscriber.failures)
        if permanent or subscriber.failures >= settings.FOLLOW_MAX_FAILURES:
            subscriber.suspended_at = now
            suspended.append(subscriber)
    Subscriber.objects.bulk_update(subscribers, ["failures", "last_error", "retry_at", "suspended_at"])
    if suspended:
        Delivery.objects.filter(subscriber__in=suspended, state=DeliveryState.PENDING).update(
            state=DeliveryState.DROPPED
        )
        record_many(suspended, by=None, action=Action.FOLLOW_SUSPENDED, at=now)
    return [s.pk for s in suspended]
