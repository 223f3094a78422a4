"""Community and staff decisions: creating, tallying, the online vote, sending and recognition.

The online vote is secret, also from whoever holds the database. Casting claims the household's code
(`VoteCode.used`: that it voted, never when) and drops the choice into the ballot box (`PendingBallot`:
a random id, no time) in ONE transaction, so a code gives exactly one ballot and a crash loses none.
While the vote runs the two rows share a transaction id (`xmin`) and sit on disk in casting order; the
count erases that: in one transaction it empties the box into `Ballot` rows inserted in a shuffled order
and rewrites every code of the decision in another shuffled order, so afterwards ids, `xmin`, `ctid` and
insertion order of either side say nothing about the other (tests/consultations/test_ballot_secrecy.py).
A cast vote writes no audit row (it would be one more timed sequence to match against the ballots).
The trail gets one row when the vote opens (without the codes) and one when the votes are counted (the
totals, public from then on).
"""

import datetime as dt
import hashlib
import hmac
import random
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from democracy.audit import record
from democracy.calendar import add_working_days
from democracy.models import Action, CatalogueItem, Kind, Scope
from units.models import Level, owner_fields

from .. import signals, thresholds
from ..models import (
    Ballot,
    Decision,
    DecisionMethod,
    DecisionState,
    Outcome,
    PendingBallot,
    VillageResult,
    VoteCode,
)  # fmt: skip
from ._common import check_item, scope_of

COMMUNE_METHODS = {DecisionMethod.MEETING, DecisionMethod.BALLOT, DecisionMethod.ONLINE}
AGENCY_METHODS = {
    DecisionMethod.STAFF_CONFERENCE,
    DecisionMethod.DELEGATE_CONFERENCE,
    DecisionMethod.STAFF_BALLOT,
}


def _delegates(owner, item: CatalogueItem, delegates: int | None, reason: str) -> dict:
    """A delegate conference (Art. 51(2)(b)): for an agency of at least the item's number of staff, or a
    smaller one whose staff are dispersed or cannot leave their posts (the reason is then required). Its
    quorum and majority are counted on the delegates convened (Art. 51(2)(c))."""
    minimum = item.delegate_min_staff
    if minimum is None:
        raise ValidationError({"method": _("Nội dung này không quyết định bằng hội nghị đại biểu.")})
    if not delegates or delegates <= 0:
        raise ValidationError({"delegates": _("Hãy nhập số đại biểu được triệu tập.")})
    if delegates > owner.staff_count:
        raise ValidationError(
            {
                "delegates": _("Số đại biểu không được vượt quá tổng số %(n)s người.")
                % {"n": owner.staff_count}
            }
        )
    if owner.staff_count < minimum and not reason.strip():
        raise ValidationError(
            {"delegate_reason": _(
                "Cơ quan dưới %(min)s người tổ chức hội nghị toàn thể; chỉ tổ chức hội nghị đại biểu khi hoạt "
                "động phân tán hoặc không thể rời vị trí (Điều 51 khoản 2 điểm b): hãy ghi lý do."
            ) % {"min": minimum}}
        )  # fmt: skip
    return {"staff_total": owner.staff_count, "delegate_reason": reason.strip()}


# Tallied by hand from the meeting's or the ballots' minutes; an online vote only by the counting job.
MANUAL_TALLY_METHODS = (COMMUNE_METHODS | AGENCY_METHODS) - {DecisionMethod.ONLINE}


def _electorate(owner, item: CatalogueItem, method: str) -> int:
    """The electorate taken when the decision is created: the agency's staff, the village's households,
    or for a commune-wide matter the commune's villages (Art. 15 items 1–2, Art. 21(1)(b)) or all the
    households of its villages (items 3–6, Art. 21(1)(c): "trên 50% tổng số đại diện hộ gia đình")."""
    if scope_of(owner) == Scope.AGENCY:
        check_item(item, owner, Kind.DECIDE, _("Điều 49"))
        if method not in AGENCY_METHODS:
            raise ValidationError(
                {"method": _("Cơ quan, đơn vị quyết định tại hội nghị hoặc bằng phiếu lấy ý kiến (Điều 50).")}
            )
        return owner.staff_count
    if item.kind != Kind.DECIDE or item.scope != Scope.COMMUNE:
        raise ValidationError({"item": _("Hãy chọn một nội dung của Điều 15 Luật 10/2022/QH15.")})
    if method not in COMMUNE_METHODS:
        raise ValidationError({"method": _("Hãy chọn họp, phát phiếu hoặc biểu quyết trực tuyến (Điều 17).")})
    if method == DecisionMethod.ONLINE and not item.online_vote_allowed:
        raise ValidationError(
            {"method": _("Chỉ biểu quyết trực tuyến với khoản 6 Điều 15 (Điều 17 khoản 2).")}
        )
    if owner.level == Level.VILLAGE:
        electorate = owner.households or 0
    elif owner.level == Level.COMMUNE:
        if method == DecisionMethod.ONLINE:
            raise ValidationError({"method": _("Biểu quyết trực tuyến do từng thôn, tổ dân phố tổ chức.")})
        villages = owner.children.filter(level=Level.VILLAGE)
        if item.counts_villages:
            electorate = villages.count()
        elif villages.filter(Q(households__isnull=True) | Q(households=0)).exists():
            raise ValidationError(
                {"unit": _("Cần số hộ của từng thôn, tổ dân phố: nội dung này tính trên tổng số hộ của xã "
                           "(Điều 21 khoản 1).")}
            )  # fmt: skip
        else:
            electorate = villages.aggregate(n=Sum("households"))["n"] or 0
    else:
        raise ValidationError({"unit": _("Chọn một thôn, tổ dân phố hoặc một xã, phường, đặc khu.")})
    if electorate <= 0:
        raise ValidationError({"unit": _("Chưa có số hộ gia đình (hoặc số thôn) để tính tỷ lệ biểu quyết.")})
    return electorate


def attendance_too_low(decision: Decision) -> bool:
    """A meeting that too few households attended for even a unanimous vote to pass (Art. 19(1)(b))."""
    item = decision.item
    return (
        decision.method == DecisionMethod.MEETING
        and decision.outcome == Outcome.FAILED
        and decision.present is not None
        and not thresholds.reaches(
            decision.present, decision.electorate, item.threshold_numerator, item.threshold_denominator,
            item.threshold_inclusive,
        )
    )  # fmt: skip


def _check_form_of_decision(owner, item: CatalogueItem, method: str, follows: Decision | None) -> None:
    """Art. 17(2): items 3–5 of Art. 15 are decided at a meeting; a household ballot only when a meeting
    on the same matter was attended by too few households to reach the threshold (Art. 19(1)(b))."""
    if not item.meeting_required or method != DecisionMethod.BALLOT:
        if follows is not None:
            raise ValidationError({"follows": _("Chỉ phát phiếu thay cuộc họp không đủ số hộ dự.")})
        return
    if follows is None:
        raise ValidationError(
            {"method": _("Nội dung này phải quyết định tại cuộc họp; chỉ phát phiếu khi cuộc họp không đủ số "
                         "hộ dự để đạt tỷ lệ tán thành (Điều 17 khoản 2, Điều 19 khoản 1 điểm b).")}
        )  # fmt: skip
    if (follows.unit_id, follows.item_id) != (owner.pk, item.pk) or not attendance_too_low(follows):
        raise ValidationError(
            {"follows": _("Hãy chọn cuộc họp về cùng nội dung, của cùng thôn, tổ dân phố, đã không đủ số hộ dự "
                          "(Điều 19 khoản 1 điểm b).")}
        )  # fmt: skip


@transaction.atomic
def create_decision(
    *, owner, by, item: CatalogueItem, title: str, method: str, description: str = "",
    follows: Decision | None = None, delegates: int | None = None, delegate_reason: str = "",
) -> Decision:  # fmt: skip
    """A matter for residents (a village, or a whole commune) or for staff to decide. `follows`: the
    meeting too few households attended, when a ballot replaces it (Art. 19(1)(b)). `delegates`: the
    delegates convened to a delegate conference (Art. 51(2)(b)), who are then its electorate."""
    electorate = _electorate(owner, item, method)
    _check_form_of_decision(owner, item, method, follows)
    conference = {}
    if method == DecisionMethod.DELEGATE_CONFERENCE:
        conference = _delegates(owner, item, delegates, delegate_reason)
        electorate = delegates
    if not title.strip():
        raise ValidationError({"title": _("Hãy nhập nội dung cần quyết định.")})
    decision = Decision.objects.create(
        **owner_fields(owner), item=item, title=title.strip(), description=description, method=method,
        electorate=electorate, created_by=by, recognised_by=item.recognised_by, follows=follows, **conference,
    )  # fmt: skip
    record(
        decision, by=by, action=Action.CREATED, changes={"title": decision.title, "electorate": electorate}
    )
    return decision


def _tally(
    decision: Decision, *, decided_on: dt.date, agree: int, disagree: int = 0, other: int = 0,
    present: int | None = None, village_agreements: dict | None = None, today: dt.date | None = None,
) -> Decision:  # fmt: skip
    """The tally itself (no audit row: `record_tally` and `count_online_votes` each write their own).
    The caller holds the decision's row lock and has checked its state: a tally is written once.
    `today`: the counting job's own day (the vote's end is before it), else the calendar's today."""
    if decided_on > (today or timezone.localdate()):
        raise ValidationError({"decided_on": _("Ngày biểu quyết không được sau ngày hôm nay.")})
    villages = decision.is_commune_wide and decision.item.counts_villages
    if villages:
        decision.village_results.all().delete()
        approving = 0
        for village, count in (village_agreements or {}).items():
            VillageResult.objects.create(
                decision=decision, village=village, households=village.households or 0, agree=count
            )
            approving += thresholds.decide(
                decision.item, electorate=village.households or 0, agree=count
            ).passed
        agree = approving
    total = agree + disagree + other
    if not villages and total > decision.electorate:
        raise ValidationError(
            {
                "agree": _("Tổng số phiếu (%(total)s) vượt quá tổng số (%(n)s).")
                % {"total": total, "n": decision.electorate}
            }
        )
    if present is not None and present > decision.electorate:
        raise ValidationError(
            {"present": _("Số có mặt vượt quá tổng số (%(n)s).") % {"n": decision.electorate}}
        )
    result = thresholds.decide(
        decision.item, electorate=decision.electorate, agree=agree, present=present, villages=villages
    )
    days = decision.item.send_working_days  # Art. 20(3); none for an agency's decision
    send = add_working_days(decided_on, days, event="Ngày biểu quyết", event_en="Vote") if days else None
    decision.agree, decision.disagree, decision.other, decision.present = agree, disagree, other, present
    decision.outcome, decision.outcome_explanation = result.outcome, result.explanation
    decision.outcome_explanation_en = result.explanation_en
    decision.decided_on, decision.send_deadline = decided_on, send.date if send else None
    decision.state = DecisionState.TALLIED
    decision.save()
    return decision


def _tally_changes(decision: Decision) -> dict:
    return {
        "decided_on": decision.decided_on,
        "present": decision.present,
        "agree": decision.agree,
        "disagree": decision.disagree,
        "other": decision.other,
        "outcome": decision.outcome,
    }


def check_manual_tally(decision: Decision, *, lock: bool = False) -> None:
    """Refuse a tally typed in by hand where none applies: an online vote (the counting job counts it)
    or a decision whose result is already recorded. With `lock`, inside the caller's transaction, the
    row is locked first so that two clerks posting at once write one tally."""
    rows = Decision.objects.filter(pk=decision.pk)
    state = (rows.select_for_update(of=("self",)) if lock else rows).values_list("state", flat=True).get()
    if decision.method not in MANUAL_TALLY_METHODS:
        raise ValidationError(
            _(
                "Biểu quyết trực tuyến chỉ được kiểm phiếu tự động khi hết thời gian biểu quyết; "
                "không nhập kết quả bằng tay."
            )
        )
    if state != DecisionState.DRAFT:
        raise ValidationError(
            _(
                "Kết quả biểu quyết đã được ghi nhận và không sửa được. Nếu kết quả có sai sót, phải tổ chức "
                "biểu quyết lại bằng một nội dung mới."
            )
        )


@transaction.atomic
def record_tally(
    decision: Decision, *, by, decided_on: dt.date, agree: int, disagree: int = 0, other: int = 0,
    present: int | None = None, village_agreements: dict | None = None,
) -> Decision:  # fmt: skip
    """The tally of a meeting or a ballot, entered once; the outcome is computed by the item's rule. A
    commune-wide decision on items 1–2 is tallied per village: `village_agreements` maps village →
    households agreeing. An online vote is counted only by the counting job (`count_online_votes`), and
    a tally once written is never rewritten: a wrong result is put right by a new vote."""
    check_manual_tally(decision, lock=True)
    _tally(
        decision, decided_on=decided_on, agree=agree, disagree=disagree, other=other, present=present,
        village_agreements=village_agreements,
    )  # fmt: skip
    record(decision, by=by, action=Action.TALLIED, changes=_tally_changes(decision))
    transaction.on_commit(lambda: signals.decision_tallied.send(sender=Decision, decision=decision))
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
    codes' keyed hashes are stored, and neither codes nor households go into the audit row."""
    if decision.method != DecisionMethod.ONLINE or decision.state != DecisionState.DRAFT:
        raise ValidationError(
            _("Chỉ mở biểu quyết trực tuyến cho nội dung đã chọn hình thức này và chưa biểu quyết.")
        )
    item = decision.item
    num, den = item.online_consent_numerator, item.online_consent_denominator
    if not (num and den) or not thresholds.reaches(consent, decision.electorate, num, den, False):
        raise ValidationError(
            {
                "consent": _(
                    "Cần trên %(num)s/%(den)s tổng số hộ (%(n)s) đồng ý biểu quyết trực tuyến (Nghị định 59 "
                    "Điều 5); mới có %(consent)s."
                )
                % {"num": num, "den": den, "n": decision.electorate, "consent": consent}
            }
        )
    if len(households) != decision.electorate or len(set(households)) != len(households):
        raise ValidationError(
            {
                "households": _("Danh sách phải có đúng %(n)s hộ, không trùng tên.")
                % {"n": decision.electorate}
            }
        )
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("Thời điểm kết thúc phải sau thời điểm bắt đầu.")})
    codes = []
    for household in households:
        code = "-".join(secrets.token_hex(2).upper() for _i in range(3))
        VoteCode.objects.create(decision=decision, household=household, code_hash=_code_hash(code))
        codes.append((household, code))
    Decision.objects.filter(pk=decision.pk).update(
        state=DecisionState.VOTING, online_consent=consent, vote_opens_at=opens_at, vote_closes_at=closes_at
    )
    decision.refresh_from_db()
    record(
        decision,
        by=by,
        action=Action.VOTE_OPENED,
        changes={"consent": consent, "codes": len(codes), "opens_at": opens_at, "closes_at": closes_at},
    )
    return codes


def _new_receipt() -> str:
    while True:  # 48 random bits: a clash is all but impossible, but would make the count fail
        receipt = secrets.token_hex(6).upper()
        if not (
            PendingBallot.objects.filter(receipt=receipt).exists()
            or Ballot.objects.filter(receipt=receipt).exists()
        ):
            return receipt


@transaction.atomic
def cast_vote(decision: Decision, *, code: str, choice: str, other_text: str = "", now=None) -> str:
    """One vote per household: the code is claimed (compare-and-set, no time kept) and the choice goes
    into the ballot box with a random receipt, in the same transaction. Returns the receipt, which lets
    the household check that its vote was counted. No audit row (see the module's docstring)."""
    now = now or timezone.now()
    # Locked so that a vote cannot commit into a box the count is emptying (the count takes it too).
    decision = Decision.objects.select_for_update(of=("self",)).get(pk=decision.pk)
    if decision.state != DecisionState.VOTING or not (
        decision.vote_opens_at <= now <= decision.vote_closes_at
    ):
        raise ValidationError(_("Biểu quyết trực tuyến không mở vào lúc này."))
    if choice not in Ballot.Choice.values:
        raise ValidationError({"choice": _("Hãy chọn tán thành, không tán thành hoặc ý kiến khác.")})
    claimed = VoteCode.objects.filter(decision=decision, code_hash=_code_hash(code), used=False).update(
        used=True
    )
    if not claimed:
        raise ValidationError({"code": _("Mã biểu quyết không đúng hoặc đã được dùng.")})
    receipt = _new_receipt()
    PendingBallot.objects.create(
        decision=decision, choice=choice, other_text=other_text.strip()[:1000], receipt=receipt
    )
    return receipt


def receipt_recorded(decision: Decision, receipt: str) -> bool:
    """Whether a ballot with this receipt is in the box or among the counted ones."""
    return (
        PendingBallot.objects.filter(decision=decision, receipt=receipt).exists()
        or Ballot.objects.filter(decision=decision, receipt=receipt).exists()
    )


def empty_ballot_box(decision: Decision) -> None:
    """Move the box's ballots into counted `Ballot` rows and rewrite the decision's codes, each in its
    own random order, so that ids, insertion order and (on PostgreSQL) the rows' `xmin` and `ctid` no
    longer follow the order of casting. Runs inside the count's transaction: all or nothing."""
    shuffle = random.SystemRandom().shuffle
    pending = list(PendingBallot.objects.filter(decision=decision).values("choice", "other_text", "receipt"))
    PendingBallot.objects.filter(decision=decision).delete()
    shuffle(pending)
    Ballot.objects.bulk_create([Ballot(decision=decision, **fields) for fields in pending])
    # One UPDATE for all would visit the rows in their physical order, which is the order of casting;
    # row by row in a shuffled order, each code's new version gets its place from the shuffle.
    codes = list(VoteCode.objects.filter(decision=decision).values_list("pk", "used"))
    shuffle(codes)
    for pk, used in codes:
        VoteCode.objects.filter(pk=pk).update(used=used)


def count_online_votes(*, now: dt.datetime | None = None) -> int:
    """Count every online vote whose time is over (the count is revealed only then); safe to run twice.
    Each decision is counted in its own transaction with one audit row (by the system): the ballot box
    is emptied, the totals taken; if anything fails, the box stays as it was for the next run."""
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
            empty_ballot_box(decision)
            tally = dict.fromkeys(Ballot.Choice.values, 0)
            for choice in decision.ballots.values_list("choice", flat=True):
                tally[choice] += 1
            _tally(
                decision, decided_on=timezone.localdate(decision.vote_closes_at), agree=tally["agree"],
                disagree=tally["disagree"], other=tally["other"], present=sum(tally.values()),
                today=timezone.localdate(now),
            )  # fmt: skip
            record(decision, by=None, action=Action.VOTES_COUNTED, changes=_tally_changes(decision))
            transaction.on_commit(
                lambda d=decision: signals.decision_tallied.send(sender=Decision, decision=d)
            )
            counted += 1
    return counted


@transaction.atomic
def mark_sent(decision: Decision, *, by, sent_on: dt.date) -> Decision:
    """Sent to the commune People's Committee and the commune Front (Art. 20(3)). Items 3–5 of Art. 15
    are then due for recognition within the item's working days of receipt (Art. 21(2)); the others
    took effect on the vote and wait for nothing."""
    if decision.state != DecisionState.TALLIED:
        raise ValidationError(_("Chỉ gửi quyết định đã có kết quả biểu quyết."))
    if not decision.item.send_working_days:
        raise ValidationError(
            _("Nội dung này không phải gửi UBND xã (Điều 20 khoản 3 chỉ áp dụng ở cấp xã).")
        )
    if sent_on < decision.decided_on:
        raise ValidationError(
            {
                "sent_on": _("Ngày gửi không được trước ngày biểu quyết (%(day)s).")
                % {"day": f"{decision.decided_on:%d/%m/%Y}"}
            }
        )
    if sent_on > timezone.localdate():
        raise ValidationError({"sent_on": _("Ngày gửi không được sau ngày hôm nay.")})
    decision.sent_on = sent_on
    days = decision.item.recognition_working_days
    if decision.recognised_by and decision.outcome == Outcome.PASSED and days:
        decision.recognition_deadline = add_working_days(
            sent_on, days, event="Ngày nhận", event_en="Received"
        ).date
    decision.state = DecisionState.SENT
    decision.save(update_fields=["sent_on", "recognition_deadline", "state"])
    record(decision, by=by, action=Action.SENT, changes={"sent_on": sent_on})
    return decision


@transaction.atomic
def recognise(decision: Decision, *, by, on: dt.date, refuse_reason: str = "") -> Decision:
    """Recognised by the commune People's Committee (Art. 15 items 3–4) or the commune Front (item 5),
    or refused in writing with reasons (Art. 21(2)). The other items need no recognition."""
    if not decision.recognised_by:
        raise ValidationError(
            _("Nội dung này có hiệu lực từ ngày biểu quyết, không cần công nhận (Điều 21 khoản 2).")
        )
    if decision.state != DecisionState.SENT or decision.outcome != Outcome.PASSED:
        raise ValidationError(_("Chỉ công nhận quyết định đã được thông qua và đã gửi UBND xã."))
    if on < decision.sent_on:
        raise ValidationError(
            {
                "on": _("Ngày công nhận không được trước ngày gửi (%(day)s).")
                % {"day": f"{decision.sent_on:%d/%m/%Y}"}
            }
        )
    if on > timezone.localdate():
        raise ValidationError({"on": _("Ngày công nhận không được sau ngày hôm nay.")})
    if refuse_reason.strip():
        decision.state, decision.refusal_reason = DecisionState.REFUSED, refuse_reason.strip()
    else:
        decision.state = DecisionState.RECOGNISED
    decision.recognised_on = on
    decision.published_at = decision.published_at or timezone.now()
    decision.save(update_fields=["state", "refusal_reason", "recognised_on", "published_at"])
    refused = decision.state == DecisionState.REFUSED
    record(
        decision,
        by=by,
        action=Action.REFUSED if refused else Action.RECOGNISED,
        changes={"on": on, "by": decision.get_recognised_by_display()},
        note=decision.refusal_reason if refused else "",
    )
    transaction.on_commit(lambda: signals.decision_recognised.send(sender=Decision, decision=decision))
    return decision
