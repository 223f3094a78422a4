"""Every write to consultations, decisions and recommendations: one function each, one transaction.

State changes are compare-and-set, so a form sent twice or two jobs at once change a row once.
Errors are django ValidationErrors with Vietnamese messages, keyed by field where there is one.
"""

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from democracy.calendar import add_working_days, period_end
from democracy.models import CatalogueItem, Kind, Scope
from disclosures import actions as disclosure_actions
from disclosures.models import Disclosure
from units.models import Agency, Level, extends_to_working_day

from . import rules
from .models import (
    Ballot,
    Comment,
    CommentChannel,
    Consultation,
    ConsultationState,
    Decision,
    DecisionMethod,
    DecisionState,
    Recommendation,
    VillageResult,
    VoteCode,
)

RECOMMENDATION_ANSWER_DAYS = 15  # Art. 40(1)(c), 63(1)(c): "trong 15 ngày"


def _owner_fields(owner) -> dict:
    return {"agency": owner, "unit": None} if isinstance(owner, Agency) else {"unit": owner, "agency": None}


def _scope(owner) -> str:
    return Scope.AGENCY if isinstance(owner, Agency) else Scope.COMMUNE


def _check_item(item: CatalogueItem, owner, kind: str, articles: str):
    if item.kind != kind or item.scope != _scope(owner) or not item.is_active:
        raise ValidationError({"item": f"Hãy chọn một nội dung của {articles} Luật 10/2022/QH15."})


# --- Consultations -----------------------------------------------------------------------------------


@transaction.atomic
def create_consultation(*, owner, by, form_token=None, **fields) -> Consultation:
    """A consultation plan (draft). The period may not be shorter than the item's minimum (Art. 28(2))."""
    if form_token and (existing := Consultation.objects.filter(form_token=form_token).first()):
        return existing
    item = fields["item"]
    _check_item(item, owner, Kind.COMMENT, "Điều 53" if _scope(owner) == Scope.AGENCY else "Điều 25")
    minimum = item.consultation_days or 1
    if (fields.get("period_days") or 0) < minimum:
        raise ValidationError(
            {"period_days": f"Thời gian lấy ý kiến không được ít hơn {minimum} ngày ({item.legal_basis})."}
        )
    consultation = Consultation(**_owner_fields(owner), created_by=by, form_token=form_token, **fields)
    try:
        with transaction.atomic():
            consultation.save()
    except IntegrityError:
        return Consultation.objects.get(form_token=form_token)
    return consultation


@transaction.atomic
def open_consultation(consultation: Consultation, *, by, now: dt.datetime | None = None) -> bool:
    """Publish the content: the period runs from the next day (Civil Code), for `period_days` days."""
    now = now or timezone.now()
    computed = period_end(
        timezone.localdate(now), consultation.period_days,
        extend_to_working_day=extends_to_working_day(consultation.owner), label="Lấy ý kiến", label_en="Consultation",
    )  # fmt: skip
    updated = Consultation.objects.filter(pk=consultation.pk, state=ConsultationState.DRAFT).update(
        state=ConsultationState.OPEN, opened_at=now, ends_on=computed.date, ends_at=computed.ends_at,
        period_explanation=computed.explanation,
    )  # fmt: skip
    if updated:
        consultation.refresh_from_db()
    return bool(updated)


@transaction.atomic
def add_comment(
    consultation: Consultation, *, text: str, section="", channel=CommentChannel.ONLINE, people_count=None,
    name="", contact="", author=None, by=None, received_at=None, form_token=None,
) -> Comment:  # fmt: skip
    """A comment, online while the period is open, or recorded by the clerk from another channel with
    the time it was received (and, for meetings, how many people took part)."""
    if form_token and (existing := Comment.objects.filter(form_token=form_token).first()):
        return existing
    received_at = received_at or timezone.now()
    if channel == CommentChannel.ONLINE and not consultation.is_open(received_at):
        raise ValidationError("Thời gian lấy ý kiến đã kết thúc nên không nhận thêm ý kiến trực tuyến.")
    if (
        consultation.opened_at is None
        or received_at < consultation.opened_at
        or received_at > consultation.ends_at
    ):
        raise ValidationError({"received_at": "Chỉ ghi nhận ý kiến nhận được trong thời gian lấy ý kiến."})
    if channel in (CommentChannel.CONFERENCE, CommentChannel.COMMUNITY_MEETING) and not people_count:
        raise ValidationError({"people_count": "Ý kiến tại hội nghị, cuộc họp cần ghi số người tham dự."})
    if not text.strip():
        raise ValidationError({"text": "Hãy nhập nội dung ý kiến."})
    return Comment.objects.create(
        consultation=consultation, text=text.strip(), section=section.strip(), channel=channel,
        people_count=people_count, name=name.strip(), contact=contact.strip(), author=author, recorded_by=by,
        received_at=received_at, form_token=form_token,
    )  # fmt: skip


@transaction.atomic
def respond(comment: Comment, *, by, kind: str, text: str) -> Comment:
    if not text.strip():
        raise ValidationError({"response": "Hãy nhập nội dung giải trình, tiếp thu."})
    comment.response_kind, comment.response = kind, text.strip()
    comment.responded_at, comment.responded_by = timezone.now(), by
    comment.save(update_fields=["response_kind", "response", "responded_at", "responded_by"])
    return comment


@transaction.atomic
def hide_comment(comment: Comment, *, by, reason: str) -> Comment:
    """Moderation hides with a reason and never deletes."""
    if not reason.strip():
        raise ValidationError({"reason": "Ẩn ý kiến phải ghi rõ lý do."})
    comment.hidden_at, comment.hidden_by, comment.hidden_reason = timezone.now(), by, reason.strip()
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    return comment


def close_due_consultations(*, now: dt.datetime | None = None) -> int:
    """Close every consultation whose period has ended (catching up after downtime); safe to run twice."""
    now = now or timezone.now()
    return Consultation.objects.due_for_closing(now).update(state=ConsultationState.CLOSED, closed_at=now)


def unanswered(consultation: Consultation):
    return consultation.comments.filter(hidden_at__isnull=True, response="")


@transaction.atomic
def publish_results(
    consultation: Consultation, *, by, summary: str, result_number: str = "", now: dt.datetime | None = None
) -> Disclosure:
    """Publish the result report: every comment must have a response. The results become a disclosure
    of Art. 11 item 11 (communes) or Art. 46 item 10 (agencies), linked both ways, with its own window."""
    now = now or timezone.now()
    if consultation.state != ConsultationState.CLOSED:
        raise ValidationError("Chỉ công khai kết quả sau khi hết thời gian lấy ý kiến.")
    if (missing := unanswered(consultation).count()) > 0:
        raise ValidationError(f"Còn {missing} ý kiến chưa được giải trình, tiếp thu.")
    if not summary.strip():
        raise ValidationError({"summary": "Hãy nhập nội dung tổng hợp kết quả."})
    owner = consultation.owner
    article, clause = (46, 10) if consultation.is_internal else (11, 11)
    item = CatalogueItem.objects.get(scope=_scope(owner), article=article, clause=clause)
    report_date = timezone.localdate(now)
    disclosure = disclosure_actions.create_draft(
        owner=owner, by=by, item=item, title=f"Kết quả lấy ý kiến: {consultation.title}",
        summary=summary.strip()[:2000], body=summary.strip(), decision_number=result_number or "—",
        decision_date=report_date, decision_issuer=str(owner), forms=["a", "b"],
    )  # fmt: skip
    disclosure_actions.submit(disclosure, by=by)
    disclosure_actions.publish(disclosure, by=by, now=now)
    updated = Consultation.objects.filter(pk=consultation.pk, state=ConsultationState.CLOSED).update(
        state=ConsultationState.RESULTS_PUBLISHED, result_summary=summary.strip(), result_number=result_number,
        results_published_at=now, result_disclosure=disclosure,
    )  # fmt: skip
    if not updated:
        raise ValidationError("Kết quả đã được công khai.")
    consultation.refresh_from_db()
    return disclosure


# --- Decisions ---------------------------------------------------------------------------------------

COMMUNE_METHODS = {DecisionMethod.MEETING, DecisionMethod.BALLOT, DecisionMethod.ONLINE}
AGENCY_METHODS = {DecisionMethod.STAFF_CONFERENCE, DecisionMethod.STAFF_BALLOT}


@transaction.atomic
def create_decision(
    *, owner, by, item: CatalogueItem, title: str, method: str, description: str = ""
) -> Decision:
    """A matter for residents (a village, or a whole commune) or for staff to decide. The electorate is
    taken now: the village's households, the commune's villages, or the agency's staff."""
    if isinstance(owner, Agency):
        _check_item(item, owner, Kind.DECIDE, "Điều 49")
        if method not in AGENCY_METHODS:
            raise ValidationError(
                {"method": "Cơ quan, đơn vị quyết định tại hội nghị hoặc bằng phiếu lấy ý kiến (Điều 50)."}
            )
        electorate = owner.staff_count
    else:
        if item.kind != Kind.DECIDE or item.scope != Scope.COMMUNE:
            raise ValidationError({"item": "Hãy chọn một nội dung của Điều 15 Luật 10/2022/QH15."})
        if method not in COMMUNE_METHODS:
            raise ValidationError(
                {"method": "Hãy chọn họp, phát phiếu hoặc biểu quyết trực tuyến (Điều 17)."}
            )
        if method == DecisionMethod.ONLINE and not item.online_vote_allowed:
            raise ValidationError(
                {"method": "Chỉ biểu quyết trực tuyến với khoản 6 Điều 15 (Điều 17 khoản 2)."}
            )
        if owner.level == Level.VILLAGE:
            electorate = owner.households or 0
        elif owner.level == Level.COMMUNE:
            if method == DecisionMethod.ONLINE:
                raise ValidationError({"method": "Biểu quyết trực tuyến do từng thôn, tổ dân phố tổ chức."})
            electorate = owner.children.filter(level=Level.VILLAGE).count()
        else:
            raise ValidationError({"unit": "Chọn một thôn, tổ dân phố hoặc một xã, phường, đặc khu."})
        if electorate <= 0:
            raise ValidationError({"unit": "Chưa có số hộ gia đình (hoặc số thôn) để tính tỷ lệ biểu quyết."})
    if not title.strip():
        raise ValidationError({"title": "Hãy nhập nội dung cần quyết định."})
    return Decision.objects.create(
        **_owner_fields(owner), item=item, title=title.strip(), description=description, method=method,
        electorate=electorate, created_by=by,
    )  # fmt: skip


@transaction.atomic
def record_tally(
    decision: Decision, *, by, decided_on: dt.date, agree: int, disagree: int = 0, other: int = 0,
    present: int | None = None, village_agreements: dict | None = None,
) -> Decision:  # fmt: skip
    """The tally of a meeting or ballot; the outcome is computed by the item's rule. A commune-wide
    decision on items 1–2 is tallied per village: `village_agreements` maps village → households agreeing."""
    if decision.state not in (DecisionState.DRAFT, DecisionState.VOTING, DecisionState.TALLIED):
        raise ValidationError("Quyết định đã được gửi UBND xã; không sửa kết quả được nữa.")
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": "Ngày biểu quyết không được sau ngày hôm nay."})
    villages = decision.is_commune_wide and decision.item.threshold_inclusive
    if villages:
        decision.village_results.all().delete()
        approving = 0
        for village, count in (village_agreements or {}).items():
            VillageResult.objects.create(
                decision=decision, village=village, households=village.households or 0, agree=count
            )
            approving += rules.decide(decision.item, electorate=village.households or 0, agree=count).passed
        agree = approving
    total = agree + disagree + other
    if not villages and total > decision.electorate:
        raise ValidationError({"agree": f"Tổng số phiếu ({total}) vượt quá tổng số ({decision.electorate})."})
    if present is not None and present > decision.electorate:
        raise ValidationError({"present": f"Số có mặt vượt quá tổng số ({decision.electorate})."})
    result = rules.decide(
        decision.item, electorate=decision.electorate, agree=agree, present=present, villages=villages
    )
    send = add_working_days(decided_on, 5, event="Ngày biểu quyết", event_en="Vote")
    decision.agree, decision.disagree, decision.other, decision.present = agree, disagree, other, present
    decision.outcome, decision.outcome_explanation = result.outcome, result.explanation
    decision.decided_on, decision.send_deadline = decided_on, send.date
    decision.state = DecisionState.TALLIED
    decision.save()
    return decision


def _code_hash(code: str) -> str:
    normalised = code.strip().upper().replace("-", "").replace(" ", "")
    return hmac.new(settings.SECRET_KEY.encode(), normalised.encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def open_online_vote(
    decision: Decision,
    *,
    by,
    households: list[str],
    consent: int,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
) -> list[tuple[str, str]]:
    """Start an online vote (Art. 15 item 6, Decree 59 Art. 5): only after more than half of ALL
    households agreed to vote online. Returns (household, code) once, for the printed list; only the
    codes' keyed hashes are stored."""
    if decision.method != DecisionMethod.ONLINE or decision.state != DecisionState.DRAFT:
        raise ValidationError(
            "Chỉ mở biểu quyết trực tuyến cho nội dung đã chọn hình thức này và chưa biểu quyết."
        )
    if consent * 2 <= decision.electorate:
        raise ValidationError(
            {
                "consent": f"Cần trên 50% tổng số hộ ({decision.electorate}) đồng ý biểu quyết trực tuyến; mới có {consent}."
            }
        )
    if len(households) != decision.electorate or len(set(households)) != len(households):
        raise ValidationError(
            {"households": f"Danh sách phải có đúng {decision.electorate} hộ, không trùng tên."}
        )
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": "Thời điểm kết thúc phải sau thời điểm bắt đầu."})
    codes = []
    for household in households:
        code = "-".join(secrets.token_hex(2).upper() for _ in range(3))
        VoteCode.objects.create(decision=decision, household=household, code_hash=_code_hash(code))
        codes.append((household, code))
    Decision.objects.filter(pk=decision.pk).update(
        state=DecisionState.VOTING, online_consent=consent, vote_opens_at=opens_at, vote_closes_at=closes_at
    )
    decision.refresh_from_db()
    return codes


@transaction.atomic
def cast_vote(decision: Decision, *, code: str, choice: str, other_text: str = "", now=None) -> str:
    """One vote per household: the code is claimed (compare-and-set) and the ballot stored apart with a
    random receipt. Returns the receipt, which lets the household check that its vote was counted."""
    now = now or timezone.now()
    if decision.state != DecisionState.VOTING or not (
        decision.vote_opens_at <= now <= decision.vote_closes_at
    ):
        raise ValidationError("Biểu quyết trực tuyến không mở vào lúc này.")
    if choice not in Ballot.Choice.values:
        raise ValidationError({"choice": "Hãy chọn tán thành, không tán thành hoặc ý kiến khác."})
    claimed = VoteCode.objects.filter(
        decision=decision, code_hash=_code_hash(code), used_at__isnull=True
    ).update(used_at=now)
    if not claimed:
        raise ValidationError({"code": "Mã biểu quyết không đúng hoặc đã được dùng."})
    receipt = secrets.token_hex(6).upper()
    Ballot.objects.create(
        decision=decision, choice=choice, other_text=other_text.strip()[:1000], receipt=receipt
    )
    return receipt


def count_online_votes(*, now: dt.datetime | None = None) -> int:
    """Count every online vote whose time is over (the count is revealed only then); safe to run twice."""
    now = now or timezone.now()
    counted = 0
    due = Decision.objects.filter(state=DecisionState.VOTING, vote_closes_at__lt=now).values_list(
        "pk", flat=True
    )
    for pk in list(due):
        with transaction.atomic():
            decision = (
                Decision.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("item", "unit")
                .filter(pk=pk, state=DecisionState.VOTING)
                .first()
            )
            if decision is None:  # another run is counting it, or has counted it
                continue
            tally = dict.fromkeys(Ballot.Choice.values, 0)
            for choice in decision.ballots.values_list("choice", flat=True):
                tally[choice] += 1
            record_tally(
                decision, by=None, decided_on=timezone.localdate(decision.vote_closes_at), agree=tally["agree"],
                disagree=tally["disagree"], other=tally["other"], present=sum(tally.values()),
            )  # fmt: skip
            counted += 1
    return counted


@transaction.atomic
def mark_sent(decision: Decision, *, by, sent_on: dt.date) -> Decision:
    """Sent to the commune (and the Front); recognition is due within 5 working days of receipt."""
    if decision.state != DecisionState.TALLIED:
        raise ValidationError("Chỉ gửi quyết định đã có kết quả biểu quyết.")
    decision.sent_on = sent_on
    decision.recognition_deadline = add_working_days(sent_on, 5, event="Ngày nhận", event_en="Received").date
    decision.state = DecisionState.SENT
    decision.save(update_fields=["sent_on", "recognition_deadline", "state"])
    return decision


@transaction.atomic
def recognise(decision: Decision, *, by, on: dt.date, refuse_reason: str = "") -> Decision:
    """Recognised by the commune, or refused in writing with reasons (Art. 21(2))."""
    if decision.state != DecisionState.SENT:
        raise ValidationError("Chỉ công nhận quyết định đã gửi UBND xã.")
    if refuse_reason.strip():
        decision.state, decision.refusal_reason = DecisionState.REFUSED, refuse_reason.strip()
    else:
        decision.state = DecisionState.RECOGNISED
    decision.recognised_on = on
    decision.published_at = decision.published_at or timezone.now()
    decision.save(update_fields=["state", "refusal_reason", "recognised_on", "published_at"])
    return decision


# --- Recommendations ---------------------------------------------------------------------------------


@transaction.atomic
def make_recommendation(
    *, owner, by, subject: str, text: str, addressed_to: str, made_on: dt.date
) -> Recommendation:
    """An inspection-board recommendation; the answer is due within 15 days (Art. 40(1)(c), 63(1)(c))."""
    if not subject.strip() or not text.strip():
        raise ValidationError({"subject": "Hãy nhập nội dung kiến nghị."})
    due = period_end(
        made_on, RECOMMENDATION_ANSWER_DAYS, extend_to_working_day=extends_to_working_day(owner),
        label="Hạn trả lời kiến nghị", label_en="Answer due",
    )  # fmt: skip
    return Recommendation.objects.create(
        **_owner_fields(owner), made_by=by, subject=subject.strip(), text=text.strip(),
        addressed_to=addressed_to.strip(), made_on=made_on, due_on=due.date, due_explanation=due.explanation,
    )  # fmt: skip


@transaction.atomic
def answer_recommendation(recommendation: Recommendation, *, by, answer: str, on: dt.date) -> Recommendation:
    if not answer.strip():
        raise ValidationError({"answer": "Hãy nhập nội dung trả lời."})
    recommendation.answer, recommendation.answered_by, recommendation.answered_on = answer.strip(), by, on
    recommendation.save(update_fields=["answer", "answered_by", "answered_on"])
    return recommendation
