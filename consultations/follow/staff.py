"""Mail to staff: an agency's staff are told of a new internal posting or consultation (their records are
internal, so never to followers); board members (Ban Thanh tra nhân dân) get a morning mail of the
deadlines in the next days where they sit. Each sent once (`democracy.notify.send_once`)."""

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.models import Consultation
from democracy.notify import absolute, send_once
from disclosures.models import Disclosure
from units.models import Membership, Role

from . import deadlines


def queue(kind: str, pk: int) -> None:
    from . import tasks

    tasks.notify_staff.delay(kind, pk)


def _agency_emails(agency_id) -> list[str]:
    return sorted(
        set(
            Membership.objects.filter(agency_id=agency_id, user__is_active=True)
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )


def notify_staff(kind: str, pk: int) -> bool:
    """Tell every member of the agency of its new internal posting or consultation, once."""
    if kind == "disclosure":
        obj = Disclosure.objects.filter(pk=pk, agency__isnull=False).select_related("agency").first()
        url = reverse("disclosures:staff_detail", args=[pk]) if obj else ""
        subject = _("Thông tin công khai nội bộ mới: %(title)s")
        ends = obj.window_closing_text if obj else ""
    else:
        obj = Consultation.objects.filter(pk=pk, agency__isnull=False).select_related("agency").first()
        url = reverse("consultations:staff_detail", args=[pk]) if obj else ""
        subject = _("Lấy ý kiến nội bộ: %(title)s")
        ends = obj.closing_text if obj else ""
    if obj is None:
        return False
    context = {"title": obj.title, "agency": obj.agency.name, "ends": ends, "url": absolute(url)}
    return send_once(
        f"follow-staff:{kind}:{pk}",
        subject % {"title": obj.title},
        "follow/email/staff_new.txt",
        context,
        _agency_emails(obj.agency_id),
    )


def send_inspector_deadlines(now=None) -> int:
    """Each board member with deadlines ahead gets one mail a day listing them."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    members = (
        Membership.objects.filter(role=Role.INSPECTOR, user__is_active=True)
        .filter(Q(unit__isnull=False) | Q(agency__isnull=False))
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id")
    )
    by_user: dict = {}
    for m in members:
        by_user.setdefault(m.user, []).append(m)
    sent = 0
    for user, memberships in by_user.items():
        rows = deadlines.for_memberships(memberships, now)
        if not rows:
            continue
        context = {
            "rows": [{**r.__dict__, "url": absolute(r.url)} for r in rows],
            "days": settings.FOLLOW_DEADLINE_DAYS,
        }
        subject = _("Thời hạn trong %(days)s ngày tới (%(n)s việc)") % {
            "days": settings.FOLLOW_DEADLINE_DAYS,
            "n": len(rows),
        }
        sent += send_once(
            f"follow-inspector:{user.pk}:{today:%Y-%m-%d}", subject, "follow/email/inspector.txt", context,
            [user.email],
        )  # fmt: skip
    return sent
