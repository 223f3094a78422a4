"""Reminder e-mails to the clerks and approvers of a unit or agency.

Due and not yet sent, never "due today": a reminder missed while the worker was down is sent on the
next run, and the Reminder row (claimed before sending) makes a second run send nothing.
"""

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from units.models import Membership, Role

from .models import Disclosure, Reminder, State

DAYS_BEFORE_DEADLINE = 1
DAYS_BEFORE_CLOSING = 2


def recipients(disclosure) -> list[str]:
    owner = Q(agency=disclosure.agency) if disclosure.is_internal else Q(unit=disclosure.unit)
    emails = (
        Membership.objects.filter(owner, role__in=[Role.CLERK, Role.APPROVER])
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return sorted(set(emails))


def _claim(disclosure, kind) -> bool:
    try:
        with transaction.atomic():
            Reminder.objects.create(disclosure=disclosure, kind=kind)
        return True
    except IntegrityError:
        return False


def send_due_reminders(now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    not_yet_posted = Disclosure.objects.filter(
        state__in=[State.DRAFT, State.SUBMITTED],
        posting_deadline__lte=today + dt.timedelta(days=DAYS_BEFORE_DEADLINE),
        posting_deadline__gte=today - dt.timedelta(days=30),
    ).exclude(reminders__kind=Reminder.Kind.DEADLINE)
    for disclosure in not_yet_posted.select_related("unit", "agency"):
        to = recipients(disclosure)
        if to and _claim(disclosure, Reminder.Kind.DEADLINE):
            send_mail(
                f"Sắp đến hạn công khai: {disclosure.title}",
                f"Thông tin “{disclosure.title}” ({disclosure.owner}) phải được công khai chậm nhất ngày "
                f"{disclosure.posting_deadline:%d/%m/%Y}.\n{disclosure.posting_deadline_explanation}\n"
                f"Trạng thái hiện tại: {disclosure.get_state_display()}.",
                settings.DEFAULT_FROM_EMAIL,
                to,
            )
            sent += 1
    closing_soon = Disclosure.objects.filter(
        state=State.PUBLISHED,
        window_ends_at__gte=now,
        window_ends_at__lte=now + dt.timedelta(days=DAYS_BEFORE_CLOSING),
    ).exclude(reminders__kind=Reminder.Kind.CLOSING)
    for disclosure in closing_soon.select_related("unit", "agency"):
        to = recipients(disclosure)
        if to and _claim(disclosure, Reminder.Kind.CLOSING):
            unanswered = disclosure.feedback.filter(answer="", hidden_at__isnull=True).count()
            send_mail(
                f"Sắp kết thúc niêm yết: {disclosure.title}",
                f"Thời gian niêm yết “{disclosure.title}” ({disclosure.owner}) kết thúc lúc "
                f"{timezone.localtime(disclosure.window_ends_at):%H:%M %d/%m/%Y}.\n"
                f"Câu hỏi, ý kiến chưa trả lời: {unanswered}.",
                settings.DEFAULT_FROM_EMAIL,
                to,
            )
            sent += 1
    return sent
