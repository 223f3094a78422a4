"""Reminder e-mails to the clerks and approvers of a unit or agency, each sent once per disclosure.

Due and not yet sent, never "due today": a reminder missed while the worker was down is sent on the
next run. The notice key (`disclosure-deadline:<pk>`, `disclosure-closing:<pk>`) is claimed before
sending (`democracy.notify.send_once`), so a second run, or two workers at once, send nothing more.
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from democracy.notify import already_sent, send_once
from units.recipients import editors_of

from .models import Disclosure, State

DAYS_BEFORE_DEADLINE = 1
DAYS_BEFORE_CLOSING = 2
# How far back a missed deadline reminder is still worth sending.
DEADLINE_CATCH_UP_DAYS = 30


def deadline_key(disclosure_pk: int) -> str:
    return f"disclosure-deadline:{disclosure_pk}"


def closing_key(disclosure_pk: int) -> str:
    return f"disclosure-closing:{disclosure_pk}"


def send_due_reminders(now: dt.datetime | None = None) -> int:
    """Send every reminder that is due and not yet sent; returns how many were sent."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    not_yet_posted = Disclosure.objects.filter(
        state__in=[State.DRAFT, State.SUBMITTED],
        posting_deadline__lte=today + dt.timedelta(days=DAYS_BEFORE_DEADLINE),
        posting_deadline__gte=today - dt.timedelta(days=DEADLINE_CATCH_UP_DAYS),
    )
    closing_soon = Disclosure.objects.filter(
        state=State.PUBLISHED,
        window_ends_at__gte=now,
        window_ends_at__lte=now + dt.timedelta(days=DAYS_BEFORE_CLOSING),
    )
    return _send(not_yet_posted, deadline_key, _deadline_reminder) + _send(
        closing_soon, closing_key, _closing_reminder
    )


def _send(disclosures, key, reminder) -> int:
    disclosures = list(disclosures.select_related("unit", "agency"))
    sent_before = already_sent(key(d.pk) for d in disclosures)
    sent = 0
    for disclosure in disclosures:
        if key(disclosure.pk) in sent_before:
            continue
        subject, template, context = reminder(disclosure)
        if send_once(key(disclosure.pk), subject, template, context, editors_of(disclosure.owner)):
            sent += 1
    return sent


def _deadline_reminder(disclosure):
    context = {
        "title": disclosure.title,
        "owner": str(disclosure.owner),
        "deadline": f"{disclosure.posting_deadline:%d/%m/%Y}",
        "explanation": disclosure.posting_deadline_explanation,
        "state": disclosure.get_state_display(),
    }
    subject = _("Sắp đến hạn công khai: %(title)s") % {"title": disclosure.title}
    return subject, "disclosures/email/deadline.txt", context


def _closing_reminder(disclosure):
    context = {
        "title": disclosure.title,
        "owner": str(disclosure.owner),
        "ends_at": disclosure.window_closing_text,
        "unanswered": disclosure.feedback.unanswered().count(),
    }
    subject = _("Sắp kết thúc niêm yết: %(title)s") % {"title": disclosure.title}
    return subject, "disclosures/email/closing.txt", context
