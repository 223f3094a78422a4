"""Fan-out and sending, in batches with a fixed number of queries per batch (bench/follow.py).

1. `fan_out`: each new event becomes one `Delivery` per address following its target or its commune's
   board (one INSERT … SELECT per event, conflicts ignored: an address is told of an event once,
   whichever of its subscriptions matched, and a second run inserts nothing).
2. `send_immediate` / `send_digests`: a batch of pending deliveries is claimed (marked "sending" in its
   own committed transaction, rows another worker holds skipped) before any mail goes out, then marked
   sent. A job run twice, two workers, or a worker restarted after the claim never send a mail twice.

Failures, as the SMTP server answers while sending (`_refusal`): an address refused for good (5xx) is
suspended at once; refused for now (4xx), its mail goes back to "pending" and the address backs off
(FOLLOW_RETRY_MINUTES, doubling), suspended after FOLLOW_MAX_FAILURES in a row (`actions.mail_failed`).
A server in trouble (no connection, a dropped one, our sender refused) is no address's fault: the batch
goes back to "pending" for the next run. Bounces that arrive later by mail (delivery status notifications
to the sender address) are not read: that needs a mailbox the portal polls, which it does not have.
"""

import datetime as dt
import logging
import smtplib
from typing import NamedTuple

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from units.models import AdministrativeUnit

from . import actions, mail
from .models import Delivery, DeliveryState, Event, Frequency, Subscriber, Subscription, SubscriptionState

log = logging.getLogger(__name__)


def fan_out(*, now: dt.datetime | None = None) -> int:
    """Deliveries for every event not yet fanned out; returns how many deliveries were written.

    One INSERT … SELECT per event: the database copies the followers into deliveries, however many
    they are, without a row passing through the worker (bench/follow.py). Conflicts are ignored: an
    address following both the board and the thing is told once (the subscription with the smaller
    id), and a second run writes nothing."""
    now = now or timezone.now()
    unit_type = ContentType.objects.get_for_model(AdministrativeUnit)
    table = connection.ops.quote_name(Delivery._meta.db_table)
    written = 0
    for event in list(Event.objects.filter(fanned_out_at=None).order_by("happened_at", "pk")):
        followed = Q(target_type_id=event.target_type_id, target_id=event.target_id)
        if event.board_id and not (
            event.target_type_id == unit_type.pk and event.target_id == event.board_id
        ):
            followed |= Q(target_type=unit_type, target_id=event.board_id)
        followers = (
            Subscription.objects.filter(
                followed,
                state=SubscriptionState.ACTIVE,
                subscriber__suspended_at=None,
                confirmed_at__lte=event.created_at,
            )
            .order_by("subscriber_id", "pk")
            .values_list("pk", "subscriber_id", "frequency")
        )
        select, params = followers.query.sql_with_params()
        with connection.cursor() as cursor:
            # "WHERE true" keeps SQLite from reading ON CONFLICT as part of the SELECT.
            cursor.execute(
                f"INSERT INTO {table} (event_id, subscription_id, subscriber_id, frequency, state) "
                f"SELECT %s, f.pk, f.subscriber_id, f.frequency, %s FROM ({select}) f WHERE true "
                "ON CONFLICT DO NOTHING",
                [event.pk, DeliveryState.PENDING, *params],
            )
            written += max(cursor.rowcount, 0)
        # Marked after its deliveries are written: a run stopped in between writes them again, each once.
        Event.objects.filter(pk=event.pk).update(fanned_out_at=now)
    return written


class Claimed(NamedTuple):
    pk: int
    subscriber_id: int
    subscriber: Subscriber
    subscription: Subscription
    event: Event


def _claim(rows, now) -> list[Claimed]:
    """Take a batch: lock the pending rows (skipping those another worker holds), mark them sending,
    commit. What is claimed is never claimed again. Then what the mails need, in three queries (the
    same events and subscriptions are shared by thousands of deliveries: loaded once each)."""
    with transaction.atomic():
        ids = list(rows.select_for_update(skip_locked=True, of=("self",)).values_list("pk", flat=True))
        if not ids:
            return []
        Delivery.objects.filter(pk__in=ids, state=DeliveryState.PENDING).update(
            state=DeliveryState.SENDING, claimed_at=now
        )
    taken = list(
        Delivery.objects.filter(pk__in=ids, state=DeliveryState.SENDING, claimed_at=now).values_list(
            "pk", "subscriber_id", "subscription_id", "event_id"
        )
    )
    events = Event.objects.in_bulk({row[3] for row in taken})
    subscribers = Subscriber.objects.only("email", "language").in_bulk({row[1] for row in taken})
    subscriptions = Subscription.objects.only("target_label").in_bulk({row[2] for row in taken})
    claimed = [
        Claimed(pk, who, subscribers[who], subscriptions[subscription], events[event])
        for pk, who, subscription, event in taken
    ]
    return sorted(claimed, key=lambda c: (c.subscriber_id, c.event.happened_at, c.event.pk))


def _due(frequency: str, now):
    return Delivery.objects.filter(
        state=DeliveryState.PENDING,
        frequency=frequency,
        subscriber__suspended_at=None,
    ).filter(Q(subscriber__retry_at=None) | Q(subscriber__retry_at__lte=now))


class Failure(NamedTuple):
    error: str
    permanent: bool  # the receiving server refused the address for good (5xx)


def _refusal(exc: Exception) -> Failure | None:
    """What a failed send says about the address: a refusal of the recipient (or of the message once
    the recipient was accepted) names it, permanent with a 5xx reply, temporary with a 4xx. Anything
    else (the connection dropped, the server refused our sender, a timeout) is the server's trouble,
    not the address's: None."""
    error = f"{type(exc).__name__}: {exc}"[:300]
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in exc.recipients.values()]
        return Failure(error, bool(codes) and all(code >= 500 for code in codes))
    if isinstance(exc, smtplib.SMTPDataError):
        return Failure(error, exc.smtp_code >= 500)
    return None


class ServerTrouble(Exception):
    """The mail server cannot be reached or dropped the connection: the batch's mails wait for the next run."""


def _send(messages: dict, now) -> tuple[list, dict]:
    """Send each message (keyed by anything) over one connection; returns the keys sent and the
    failures (`Failure`) of the addresses refused. Raises ServerTrouble (with the keys sent so far)
    when the server fails: the mails not sent go back to pending, no address blamed."""
    sent, failed = [], {}
    connection = get_connection()
    try:
        connection.open()
        for key, message in messages.items():
            message.connection = connection
            try:
                message.send()
                sent.append(key)
            except Exception as exc:
                refusal = _refusal(exc)
                if refusal is None:
                    log.warning("follow mail: the server failed after %s mails: %s", len(sent), exc)
                    raise ServerTrouble(sent) from exc
                log.warning("follow mail %s refused: %s", key, exc)
                failed[key] = refusal
    except ServerTrouble:
        raise
    except Exception as exc:  # the connection could not be opened
        log.warning("follow mail: no connection to the server: %s", exc)
        raise ServerTrouble(sent) from exc
    finally:
        try:
            connection.close()
        except Exception:  # closing a connection already dropped
            pass
    return sent, failed


def _finish(done: list[Claimed], failed: dict[Claimed, Failure], now, *, unsent=()) -> None:
    """Mark what went out as sent; put what failed back to pending and let its addresses back off (or
    suspend those refused for good); put what was not tried (`unsent`) back to pending."""
    if done:
        Delivery.objects.filter(pk__in=[d.pk for d in done]).update(state=DeliveryState.SENT, sent_at=now)
        # An address that receives again is in good standing.
        Subscriber.objects.filter(pk__in={d.subscriber_id for d in done}, failures__gt=0).update(
            failures=0, retry_at=None, last_error=""
        )
    back = [d.pk for d in failed] + [d.pk for d in unsent]
    if back:
        Delivery.objects.filter(pk__in=back).update(state=DeliveryState.PENDING, claimed_at=None)
    for permanent in (True, False):
        refused = {d.subscriber_id: f for d, f in failed.items() if f.permanent == permanent}
        if refused:
            actions.mail_failed(
                set(refused), error=next(iter(refused.values())).error, permanent=permanent, now=now
            )


def _deliver(messages: dict, deliveries_of, now) -> list:
    """Send `messages` and record the outcome of their deliveries; returns the keys sent. A server in
    trouble stops the run after recording what went out."""
    try:
        sent, failed = _send(messages, now)
    except ServerTrouble as trouble:
        (sent,) = trouble.args
        done = [d for key in sent for d in deliveries_of(key)]
        went = set(sent)
        unsent = [d for key in messages if key not in went for d in deliveries_of(key)]
        _finish(done, {}, now, unsent=unsent)
        raise
    _finish(
        [d for key in sent for d in deliveries_of(key)],
        {d: failure for key, failure in failed.items() for d in deliveries_of(key)},
        now,
    )
    return sent


def send_immediate(*, now: dt.datetime | None = None, batch_size: int | None = None) -> int:
    """Every pending immediate delivery, one mail each; returns how many mails were sent."""
    now = now or timezone.now()
    batch_size = batch_size or settings.FOLLOW_BATCH_SIZE
    total = 0
    renderer = mail.Renderer()
    while claimed := _claim(_due(Frequency.IMMEDIATE, now).order_by("pk")[:batch_size], now):
        messages = {d: renderer.event(d.subscriber, d.event, d.subscription) for d in claimed}
        sent = _deliver(messages, lambda d: [d], now)
        total += len(sent)  # a failed address waits for its back-off: `_due` leaves it out of the next batch
    return total


def send_digests(*, now: dt.datetime | None = None, batch_size: int | None = None) -> int:
    """One mail per address holding every pending daily delivery (each event once); returns how many
    mails were sent. Batches of `batch_size` addresses."""
    now = now or timezone.now()
    batch_size = batch_size or settings.FOLLOW_BATCH_SIZE
    total = 0
    last = 0
    renderer = mail.Renderer()
    while True:
        subscriber_ids = list(
            _due(Frequency.DAILY, now)
            .filter(subscriber_id__gt=last)
            .order_by("subscriber_id")
            .values_list("subscriber_id", flat=True)
            .distinct()[:batch_size]
        )
        if not subscriber_ids:
            return total
        last = subscriber_ids[-1]
        claimed = _claim(_due(Frequency.DAILY, now).filter(subscriber_id__in=subscriber_ids), now)
        by_subscriber: dict[int, list] = {}
        for delivery in claimed:
            by_subscriber.setdefault(delivery.subscriber_id, []).append(delivery)
        messages = {
            who: renderer.digest(
                deliveries[0].subscriber, [(d.event, d.subscription) for d in deliveries], now=now
            )
            for who, deliveries in by_subscriber.items()
        }
        total += len(_deliver(messages, by_subscriber.__getitem__, now))
