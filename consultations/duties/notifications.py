"""Reminders of the yearly duties, each sent once (`democracy.notify`): before the due day (when it is
within the duty's `remind_days`) and after it (when it passed without the meeting). Keys:
"duty-before:<code>:<owner>:<period>" and "duty-after:<code>:<owner>:<period>". Late reminders are
sent for periods that ended at most `LATE_GRACE_DAYS` ago, so a first run does not mail old history."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from democracy.notify import absolute, already_sent, send_once
from units.models import is_agency
from units.recipients import editors_of

from .engine import DUE, OVERDUE, active_duties, all_pairs, statuses

LATE_GRACE_DAYS = 60


def before_key(status) -> str:
    return f"duty-before:{status.duty.code}:{status.owner_key}:{status.period}"


def after_key(status) -> str:
    return f"duty-after:{status.duty.code}:{status.owner_key}:{status.period}"


def recipients(owner) -> list[str]:
    """The owner's clerks and approvers; a village's also its commune's (they act for it)."""
    to = editors_of(owner)
    if not is_agency(owner) and owner.parent_id and owner.level == "village":
        to += editors_of(owner.parent)
    return to


def duties_url(owner) -> str:
    if is_agency(owner):
        return absolute(reverse("duties:agency_duties", args=[owner.code]))
    commune = owner.parent if owner.level == "village" else owner
    return absolute(reverse("duties:unit_duties", args=[commune.code]))


def remind_duties(today: dt.date | None = None) -> int:
    """Send the reminders due today (catching up missed days); returns how many were sent."""
    today = today or timezone.localdate()
    duties = active_duties()
    if not duties:
        return 0
    found = statuses(all_pairs(duties), [today.year - 1, today.year], today=today)
    wanted = []
    for s in found:
        if s.status == DUE and (s.due - today).days <= s.duty.remind_days:
            wanted.append((before_key(s), s, "before"))
        elif s.status == OVERDUE and (today - s.due).days <= LATE_GRACE_DAYS:
            wanted.append((after_key(s), s, "after"))
    sent_keys = already_sent(key for key, _s, _w in wanted)
    sent = 0
    for key, s, which in wanted:
        if key in sent_keys:
            continue
        subject = (
            _("Sắp đến hạn: %(duty)s – %(owner)s")
            if which == "before"
            else _("Quá hạn: %(duty)s – %(owner)s")
        ) % {"duty": s.duty.name, "owner": s.owner.name}
        sent += send_once(
            key,
            subject,
            "duties/email/reminder.txt",
            {"s": s, "late": which == "after", "url": duties_url(s.owner)},
            recipients(s.owner),
        )
    return sent
