"""Reminders of a rule's next review date (`Regulation.next_review_on`; Decree 61/2023 Art. 15 has a
hương ước, quy ước reviewed every year), each sent once (`democracy.notify`) to the owner's clerks and
approvers (a village's: its commune's): `days_before` the date, and once it is `days_after` past, the
days and their article from `ReviewReminder` (data). Keys: "regulation-review-before:<pk>:<date>" and
"regulation-review-after:<pk>:<date>", so a new review date is reminded again. Due and not yet sent,
never "due today": a run missed while the worker was down is caught up on the next one, late reminders
for dates at most `CATCH_UP_DAYS` past the reminder day (a first run does not mail old history). Only
rules in force are reminded (a replaced one is not reviewed)."""

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from democracy.notify import absolute, already_sent, send_once
from units.models import Level, is_agency
from units.recipients import editors_of

from .models import CONVENTION_KINDS, Regulation, ReviewReminder

CATCH_UP_DAYS = 30


def before_key(regulation) -> str:
    return f"regulation-review-before:{regulation.pk}:{regulation.next_review_on:%Y%m%d}"


def after_key(regulation) -> str:
    return f"regulation-review-after:{regulation.pk}:{regulation.next_review_on:%Y%m%d}"


def recipients(owner) -> list[str]:
    """The owner's clerks and approvers; a village's also its commune's (they keep its register)."""
    to = editors_of(owner)
    if not is_agency(owner) and owner.level == Level.VILLAGE and owner.parent_id:
        to += editors_of(owner.parent)
    return sorted(set(to))


def _due(rule: ReviewReminder, kinds: Q, today: dt.date):
    """(regulation, late) for the rules of `kinds` whose before or after reminder is due today."""
    candidates = (
        Regulation.objects.in_force(today)
        .filter(kinds, next_review_on__isnull=False)
        .filter(
            next_review_on__gte=today - dt.timedelta(days=rule.days_after + CATCH_UP_DAYS),
            next_review_on__lte=today + dt.timedelta(days=rule.days_before),
        )
        .select_related("unit__parent", "agency")
        .order_by("next_review_on", "pk")
    )
    for regulation in candidates:
        if regulation.next_review_on >= today:
            yield regulation, False
        elif (today - regulation.next_review_on).days >= rule.days_after:
            yield regulation, True


def remind_reviews(today: dt.date | None = None) -> int:
    """Send the review reminders due today (catching up missed days); returns how many were sent."""
    today = today or timezone.localdate()
    rules = {r.applies_to: r for r in ReviewReminder.objects.all()}
    wanted = []
    for applies_to, kinds in (
        (ReviewReminder.AppliesTo.CONVENTION, Q(kind__in=CONVENTION_KINDS)),
        (ReviewReminder.AppliesTo.OTHER, ~Q(kind__in=CONVENTION_KINDS)),
    ):
        rule = rules.get(applies_to)
        if rule is None:
            continue
        for regulation, late in _due(rule, kinds, today):
            wanted.append(((after_key if late else before_key)(regulation), regulation, late, rule))
    sent_keys = already_sent(key for key, *_rest in wanted)
    sent = 0
    for key, regulation, late, rule in wanted:
        if key in sent_keys:
            continue
        names = {"title": regulation.title, "owner": regulation.owner.name}
        subject = (
            _("Quá ngày rà soát: %(title)s – %(owner)s")
            if late
            else _("Sắp đến ngày rà soát: %(title)s – %(owner)s")
        ) % names
        sent += send_once(
            key,
            subject,
            "regulations/email/review_reminder.txt",
            {
                "r": regulation,
                "late": late,
                "rule": rule,
                "url": absolute(reverse("regulations:detail", args=[regulation.pk])),
            },
            recipients(regulation.owner),
        )
    return sent
