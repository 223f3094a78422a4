"""Deadlines in the next days for a staff member or a board member (Ban Thanh tra nhân dân): postings
due, windows and consultation periods ending, decisions to send or to recognise, over the communes (and
their villages) and agencies where the person holds a role. For the staff home's to-do list, the
deadlines page and the board members' morning mail."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.models import Consultation, ConsultationState, Decision, DecisionState
from democracy.calendar import closing_text
from disclosures.models import Disclosure, State
from units.models import Membership, Role

ROLES = (Role.CLERK, Role.APPROVER, Role.AGENCY_STAFF, Role.INSPECTOR, Role.ADMINISTRATOR)


@dataclass(frozen=True)
class Deadline:
    when: dt.datetime
    what: str
    title: str
    owner: str
    text: str  # the exact moment, as the site prints it
    url: str


def owners_where(memberships) -> Q | None:
    q = None
    for m in memberships:
        if m.role not in ROLES or not (m.unit_id or m.agency_id):
            continue
        part = (
            Q(agency_id=m.agency_id) if m.agency_id else Q(unit_id=m.unit_id) | Q(unit__parent_id=m.unit_id)
        )
        q = part if q is None else q | part
    return q


def horizon(now=None) -> tuple[dt.datetime, dt.date, dt.date]:
    now = now or timezone.now()
    today = timezone.localdate(now)
    return now, today, today + dt.timedelta(days=settings.FOLLOW_DEADLINE_DAYS)


def _end_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.max))


def querysets(where: Q, now=None) -> dict:
    now, today, last = horizon(now)
    until = _end_of(last)
    return {
        "posting_due": Disclosure.objects.filter(
            where,
            state__in=[State.DRAFT, State.SUBMITTED],
            posting_deadline__gte=today,
            posting_deadline__lte=last,
        ),
        "window_ends": Disclosure.objects.filter(
            where, state=State.PUBLISHED, window_ends_at__gte=now, window_ends_at__lte=until
        ),
        "consultation_ends": Consultation.objects.filter(
            where, state=ConsultationState.OPEN, ends_at__gte=now, ends_at__lte=until
        ),
        "decision_send": Decision.objects.filter(
            where, state=DecisionState.TALLIED, send_deadline__gte=today, send_deadline__lte=last
        ),
        "decision_recognise": Decision.objects.filter(
            where, state=DecisionState.SENT, recognition_deadline__gte=today, recognition_deadline__lte=last
        ),
    }


def count(where: Q | None, now=None) -> int:
    if where is None:
        return 0
    return sum(qs.count() for qs in querysets(where, now).values())


def for_memberships(memberships, now=None) -> list[Deadline]:
    where = owners_where(memberships)
    if where is None:
        return []
    qs = querysets(where, now)
    rows = []

    def day_end(day):
        return _end_of(day)

    for d in qs["posting_due"].select_related("unit", "agency"):
        rows.append(Deadline(day_end(d.posting_deadline), _("Hạn công khai"), d.title, str(d.owner),
                             f"{d.posting_deadline:%d/%m/%Y}", reverse("disclosures:staff_detail", args=[d.pk])))  # fmt: skip
    for d in qs["window_ends"].select_related("unit", "agency"):
        rows.append(Deadline(d.window_ends_at, _("Kết thúc niêm yết"), d.title, str(d.owner),
                             closing_text(d.window_ends_at), reverse("disclosures:staff_detail", args=[d.pk])))  # fmt: skip
    for c in qs["consultation_ends"].select_related("unit", "agency"):
        rows.append(Deadline(c.ends_at, _("Kết thúc lấy ý kiến"), c.title, str(c.owner), closing_text(c.ends_at),
                             reverse("consultations:staff_detail", args=[c.pk])))  # fmt: skip
    for d in qs["decision_send"].select_related("unit", "agency"):
        rows.append(Deadline(day_end(d.send_deadline), _("Hạn gửi UBND xã (Điều 20 khoản 3)"), d.title, str(d.owner),
                             f"{d.send_deadline:%d/%m/%Y}", reverse("consultations:decision_detail", args=[d.pk])))  # fmt: skip
    for d in qs["decision_recognise"].select_related("unit", "agency"):
        rows.append(Deadline(day_end(d.recognition_deadline), _("Hạn công nhận (Điều 21 khoản 2)"), d.title,
                             str(d.owner), f"{d.recognition_deadline:%d/%m/%Y}",
                             reverse("consultations:decision_detail", args=[d.pk])))  # fmt: skip
    return sorted(rows, key=lambda r: (r.when, r.title))


def for_user(user, now=None) -> list[Deadline]:
    return for_memberships(list(Membership.objects.filter(user=user)), now)
