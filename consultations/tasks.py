"""Scheduled jobs of consultations, decisions and recommendations. Each is safe to run twice: state
changes are compare-and-set, and every e-mail is claimed on its row (a marker set by a conditional
update) before it is sent, so a second run, or two workers at once, send nothing more."""

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from units.models import Membership, Role

from . import actions
from .models import Comment, Consultation, ConsultationState, Recommendation


@shared_task(name="consultations.close_due_consultations")
def close_due_consultations() -> int:
    """Close commenting on every consultation whose period has ended (catching up after downtime)."""
    return actions.close_due_consultations()


@shared_task(name="consultations.count_online_votes")
def count_online_votes() -> int:
    """Count every online vote whose time is over; the count is revealed only then."""
    return actions.count_online_votes()


def _editors(obj) -> list[str]:
    """E-mails of the clerks and approvers of the object's unit or agency."""
    owner = Q(agency=obj.agency) if obj.agency_id else Q(unit=obj.unit)
    emails = (
        Membership.objects.filter(owner, role__in=[Role.CLERK, Role.APPROVER])
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return sorted(set(emails))


def _reviewers_above(obj) -> list[str]:
    """E-mails of the reviewers holding a role on the object's unit (for an agency: its unit) or above."""
    unit = obj.agency.unit if obj.agency_id else obj.unit
    lineage = [unit.pk, *(a.pk for a in unit.ancestors())]
    emails = (
        Membership.objects.filter(role=Role.REVIEWER, unit__in=lineage)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return sorted(set(emails))


@shared_task(name="consultations.remind_unfinished")
def remind_unfinished(now: dt.datetime | None = None) -> int:
    """Once per consultation: tell its clerks and approvers that a closed consultation still has
    unanswered comments or unpublished results."""
    now = now or timezone.now()
    unanswered = Comment.objects.filter(consultation=OuterRef("pk"), hidden_at__isnull=True, response="")
    due = (
        Consultation.objects.filter(reminded_at__isnull=True)
        .filter(
            Q(state=ConsultationState.CLOSED)
            | Q(state=ConsultationState.RESULTS_PUBLISHED) & Exists(unanswered)
        )
        .select_related("unit", "agency")
    )
    sent = 0
    for consultation in due:
        to = _editors(consultation)
        if not to:
            continue  # nobody to tell yet: try again on the next run
        claimed = Consultation.objects.filter(pk=consultation.pk, reminded_at__isnull=True).update(
            reminded_at=now
        )
        if not claimed:
            continue
        missing = actions.unanswered(consultation).count()
        lines = [
            f"Cuộc lấy ý kiến “{consultation.title}” ({consultation.owner}) đã hết thời gian lấy ý kiến"
            + (f" ngày {consultation.ends_on:%d/%m/%Y}." if consultation.ends_on else "."),
        ]
        if missing:
            lines.append(f"Còn {missing} ý kiến chưa được giải trình, tiếp thu.")
        if consultation.state == ConsultationState.CLOSED:
            lines.append("Kết quả lấy ý kiến chưa được công khai (báo cáo kết quả lấy ý kiến).")
        send_mail(
            f"Cần hoàn thành lấy ý kiến: {consultation.title}",
            "\n".join(lines),
            settings.DEFAULT_FROM_EMAIL,
            to,
        )
        sent += 1
    return sent


@shared_task(name="consultations.notify_overdue_recommendations")
def notify_overdue_recommendations(now: dt.datetime | None = None) -> int:
    """Once per recommendation past its due date without answer: tell the board member who made it
    and the reviewers above the unit (Art. 40, 63: answer within 15 days)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = Recommendation.objects.filter(
        answered_on__isnull=True, due_on__lt=today, overdue_notified_at__isnull=True
    ).select_related("unit", "agency__unit", "made_by")
    sent = 0
    for recommendation in due:
        to = set(_reviewers_above(recommendation))
        if recommendation.made_by is not None and recommendation.made_by.email:
            to.add(recommendation.made_by.email)
        if not to:
            continue
        claimed = Recommendation.objects.filter(
            pk=recommendation.pk, overdue_notified_at__isnull=True
        ).update(overdue_notified_at=now)
        if not claimed:
            continue
        send_mail(
            f"Kiến nghị quá hạn trả lời: {recommendation.subject}",
            f"Kiến nghị “{recommendation.subject}” của Ban Thanh tra nhân dân ({recommendation.owner}) gửi "
            f"{recommendation.addressed_to} ngày {recommendation.made_on:%d/%m/%Y} phải được trả lời chậm nhất "
            f"ngày {recommendation.due_on:%d/%m/%Y} (Điều 40, 63 Luật 10/2022/QH15) nhưng chưa được trả lời.",
            settings.DEFAULT_FROM_EMAIL,
            sorted(to),
        )
        sent += 1
    return sent
