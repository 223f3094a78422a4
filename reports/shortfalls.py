"""The single items behind each shortfall of a commune's or an agency's indicators (the dashboard's
drill-down), selected exactly as `figures.compute` counts them."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, F, Min, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from consultations.models import Consultation, ConsultationState, Decision, Outcome, Recommendation
from disclosures.models import Disclosure, Feedback, State
from units.models import Level, is_agency, owner_fields

from . import compliance as comp
from .families import FAMILIES


@dataclass
class Shortfall:
    key: str
    title: str
    indicator: comp.Indicator | None
    items: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(item.get("weight", 1) for item in self.items)


def _fmt(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "d/m/Y H:i")
    if isinstance(value, dt.date):
        return formats.date_format(value, "d/m/Y")
    return str(value)


def _owned(owner, *, villages: bool) -> Q:
    """The filter `figures.compute` applies for one commune or agency (villages count for their commune)."""
    q = Q(**owner_fields(owner))
    if villages and not is_agency(owner):
        q |= Q(unit__parent=owner, unit__level=Level.VILLAGE)
    return q


def shortfalls(owner, period, today: dt.date, row: comp.Row) -> list[Shortfall]:
    """The items that make each indicator fall short, counted exactly as `figures.compute` counts
    them: late postings, windows broken by a withdrawal, unanswered feedback, consultations without
    published results, decisions not recognised on time, recommendations overdue or answered late.
    Six queries."""
    start, end = period.bounds()
    indicator = row.indicator
    disclosures = Disclosure.objects.filter(_owned(owner, villages=False))
    detail = "disclosures:staff_detail"

    late = Shortfall("on_time", _("Công khai muộn"), indicator["on_time"])
    for d in (
        disclosures.filter(published_at__gte=start, published_at__lt=end, is_late=True)
        .select_related("item")
        .order_by("published_at", "pk")
    ):
        late.items.append(
            {
                "title": d.title,
                "url": reverse(detail, args=[d.pk]),
                "facts": [
                    (_("Nội dung"), d.item.reference),
                    (_("Văn bản"), f"{d.decision_number}, {_fmt(d.decision_date)}"),
                    (_("Hạn công khai"), _fmt(d.posting_deadline)),
                    (_("Niêm yết lúc"), _fmt(d.published_at)),
                ],
                "note": d.late_reason,
                "note_label": _("Lý do muộn"),
            }
        )

    windows = Shortfall(
        "windows", _("Niêm yết chưa đủ thời gian (thu hồi trước khi hết hạn)"), indicator["windows"]
    )
    for d in disclosures.filter(
        window_ends_at__gte=start,
        window_ends_at__lt=end,
        state=State.WITHDRAWN,
        closed_at__lt=F("window_ends_at"),
    ).order_by("window_ends_at", "pk"):
        windows.items.append(
            {
                "title": d.title,
                "url": reverse(detail, args=[d.pk]),
                "facts": [
                    (_("Niêm yết lúc"), _fmt(d.published_at)),
                    (_("Phải niêm yết đến"), _fmt(d.window_ends_at)),
                    (_("Thu hồi lúc"), _fmt(d.closed_at)),
                ],
                "note": d.withdrawn_reason,
                "note_label": _("Lý do thu hồi"),
            }
        )

    feedback = Shortfall("feedback", _("Ý kiến, câu hỏi chưa được trả lời"), indicator["feedback"])
    owner_q = Q(**{f"disclosure__{name}": value for name, value in owner_fields(owner).items()})
    for f in (
        Feedback.objects.unanswered()
        .filter(owner_q, received_at__gte=start, received_at__lt=end)
        .values("disclosure_id", "disclosure__title")
        .annotate(n=Count("pk"), first=Min("received_at"))
        .order_by("first", "disclosure_id")
    ):
        feedback.items.append(
            {
                "title": f["disclosure__title"],
                "url": reverse(detail, args=[f["disclosure_id"]]),
                "facts": [(_("Số ý kiến chưa trả lời"), f["n"]), (_("Nhận sớm nhất"), _fmt(f["first"]))],
                "weight": f["n"],
            }
        )

    consultations = Shortfall(
        "consultations", _("Lấy ý kiến chưa công khai kết quả"), indicator["consultations"]
    )
    for c in (
        Consultation.objects.filter(
            _owned(owner, villages=True),
            ends_on__gte=period.start,
            ends_on__lte=period.end,
            state__in=[ConsultationState.CLOSED, ConsultationState.RESULTS_PUBLISHED],
            results_published_at__isnull=True,
        )
        .select_related("unit")
        .order_by("ends_on", "pk")
    ):
        facts = [(_("Kết thúc lấy ý kiến"), _fmt(c.ends_on)), (_("Đóng lúc"), _fmt(c.closed_at))]
        if c.unit_id and c.unit_id != owner.pk and not is_agency(owner):
            facts.append((_("Thôn, tổ dân phố"), c.unit.name))
        consultations.items.append(
            {"title": c.title, "url": reverse("consultations:staff_detail", args=[c.pk]), "facts": facts}
        )

    decisions = Shortfall("decisions", _("Quyết định chưa được công nhận đúng hạn"), indicator["decisions"])
    due = (
        Q(outcome=Outcome.PASSED, unit__isnull=False)
        & ~Q(recognised_by="")
        & (
            Q(recognised_on__isnull=False)
            | Q(recognition_deadline__lt=today)
            | Q(recognition_deadline__isnull=True, send_deadline__lt=today)
        )
    )
    not_on_time = (
        Q(recognised_on__isnull=True)
        | Q(recognition_deadline__isnull=True)
        | Q(recognised_on__gt=F("recognition_deadline"))
    )
    for d in (
        Decision.objects.filter(
            _owned(owner, villages=True), decided_on__gte=period.start, decided_on__lte=period.end
        )
        .exclude(outcome="")
        .filter(due & not_on_time)
        .select_related("unit")
        .order_by("decided_on", "pk")
    ):
        decisions.items.append(
            {
                "title": d.title,
                "url": reverse("consultations:decision_detail", args=[d.pk]),
                "facts": [
                    (_("Ngày quyết định"), _fmt(d.decided_on)),
                    (_("Ngày gửi UBND xã"), _fmt(d.sent_on)),
                    (_("Hạn công nhận"), _fmt(d.recognition_deadline)),
                    (_("Ngày công nhận, từ chối"), _fmt(d.recognised_on)),
                    (_("Trạng thái"), d.get_state_display()),
                ],
            }
        )

    recommendations = Shortfall(
        "recommendations", _("Kiến nghị quá hạn hoặc trả lời muộn"), indicator["recommendations"]
    )
    for r in (
        Recommendation.objects.filter(
            _owned(owner, villages=True), made_on__gte=period.start, made_on__lte=period.end
        )
        .filter(Q(answered_on__isnull=True, due_on__lt=today) | Q(answered_on__gt=F("due_on")))
        .order_by("due_on", "pk")
    ):
        recommendations.items.append(
            {
                "title": r.subject,
                "url": reverse("consultations:recommendation_detail", args=[r.pk]),
                "facts": [
                    (_("Ngày kiến nghị"), _fmt(r.made_on)),
                    (_("Hạn trả lời"), _fmt(r.due_on)),
                    (_("Ngày trả lời"), _fmt(r.answered_on) if r.answered_on else _("Chưa trả lời")),
                    (_("Gửi đến"), r.addressed_to),
                ],
            }
        )
    extra = [
        found
        for family in FAMILIES
        if family.shortfalls is not None
        for found in family.shortfalls(owner, period, today, row)
    ]
    return [late, windows, feedback, consultations, decisions, recommendations, *extra]
