"""Every write to a disclosure: one function each, one transaction, one audit row.

Transitions are compare-and-set (`filter(pk=…, state=…).update(…) == 1`), so a form sent twice, two
approvers clicking at once, or two closing jobs running together change a disclosure once.
"""

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from democracy import publiccache
from democracy.audit import plain, record, record_many
from democracy.calendar import add_working_days, closing_text, period_end
from democracy.i18n import both_languages
from democracy.models import Action, CatalogueItem, Kind, Scope
from democracy.transitions import move
from democracy.uploads import CheckedFile, store_all
from units.models import (
    AdministrativeUnit,
    Level,
    catalogue_scope,
    extends_to_working_day,
    is_agency,
    owner_fields,
)

from . import signals
from .models import (
    AgencyForm,
    Channel,
    CommuneForm,
    Disclosure,
    Document,
    Feedback,
    FeedbackRevision,
    Record,
    RecordSequence,
    State,
)

EDITABLE_FIELDS = [
    "item", "title", "summary", "body", "decision_number", "decision_date", "decision_issuer", "forms",
    "posted_at_office", "other_places", "window_days",
]  # fmt: skip


# --- Rules from the catalogue and the calendar -------------------------------------------------------


def posting_deadline(item: CatalogueItem, decision_date: dt.date):
    """Decision date + the item's working days (Art. 12(3), 47(2)), with its explanation."""
    return add_working_days(decision_date, item.disclosure_deadline_working_days or 0)


def minimum_window(item: CatalogueItem) -> int | None:
    return None if item.is_permanent else item.posting_days


def window(item: CatalogueItem, start: dt.date, days: int | None, *, owner=None):
    """The posting window from the posting day (not counted) for `days` days, or None if permanent.
    Whether an end on a day off moves to the next working day is the owner's reporting regime's rule."""
    if item.is_permanent:
        return None
    return period_end(
        start,
        days or item.posting_days,
        extend_to_working_day=extends_to_working_day(owner),
        label="Niêm yết",
        label_en="Posting",
    )


def check_fields(owner, fields: dict) -> None:
    """The rules a clerk's form must meet, each error in Vietnamese on its field."""
    errors = {}
    item = fields.get("item")
    scope = catalogue_scope(owner)
    if item is not None:
        if item.kind != Kind.DISCLOSE or item.scope != scope or not item.is_active:
            article = "Điều 46" if scope == Scope.AGENCY else "Điều 11"
            errors["item"] = _("Hãy chọn một nội dung phải công khai của %(article)s Luật 10/2022/QH15.") % {
                "article": article
            }
        elif not item.is_permanent:
            minimum = item.posting_days
            days = fields.get("window_days")
            if days is None and minimum is None:
                errors["window_days"] = _(
                    "Nội dung này không có thời gian niêm yết tối thiểu: hãy nhập số ngày."
                )
            elif days is not None and minimum is not None and days < minimum:
                errors["window_days"] = _(
                    "Thời gian niêm yết không được ít hơn %(minimum)s ngày liên tục (%(basis)s)."
                ) % {"minimum": minimum, "basis": item.legal_basis}
    decision_date = fields.get("decision_date")
    if decision_date and decision_date > timezone.localdate():
        errors["decision_date"] = _("Ngày ban hành không được sau ngày hôm nay.")
    if errors:
        raise ValidationError(errors)


# --- Clerk -------------------------------------------------------------------------------------------


@transaction.atomic
def create_draft(*, owner, by, form_token: uuid.UUID | None = None, villages=(), **fields) -> Disclosure:
    """A new draft for a commune or an agency. The same form token twice returns the first draft."""
    if form_token and (existing := Disclosure.objects.filter(form_token=form_token).first()):
        return existing
    try:
        disclosure = _new_draft(owner=owner, by=by, form_token=form_token, villages=villages, fields=fields)
    except IntegrityError:
        return Disclosure.objects.get(form_token=form_token)
    record(disclosure, by=by, action=Action.CREATED, changes={"title": disclosure.title})
    return disclosure


@transaction.atomic
def import_disclosure(
    *, owner, by, note: str, published_at: dt.datetime | None = None, late_reason: str = "", **fields
) -> Disclosure:
    """One row of an import file: a draft, or (with `published_at`) a historical posting. The same rules
    as a clerk's draft and an approver's publication, and one audit row: the import is the act (nobody
    submitted or approved it on the portal)."""
    disclosure = _new_draft(owner=owner, by=by, fields=fields)
    if published_at is not None:  # posted already: its forms are history, not checked against Art. 13
        _check_content(disclosure)
        move(disclosure, from_states=[State.DRAFT], to_state=State.SUBMITTED)
        _publish(disclosure, by=by, late_reason=late_reason, now=published_at)
    record(
        disclosure, by=by, action=Action.IMPORTED,
        changes={"title": disclosure.title, "state": disclosure.state, "window_end": disclosure.window_end},
        note=note,
    )  # fmt: skip
    if published_at is not None:
        publiccache.changed(disclosure.owner)
    return disclosure


def _new_draft(*, owner, by, fields: dict, form_token=None, villages=()) -> Disclosure:
    check_fields(owner, fields)
    disclosure = Disclosure(**owner_fields(owner), created_by=by, form_token=form_token, **fields)
    _compute_deadline(disclosure)
    # A savepoint: a form token taken meanwhile by a concurrent request raises IntegrityError here,
    # and the caller's transaction stays usable.
    with transaction.atomic():
        disclosure.save()
    disclosure.posting_villages.set(villages)
    return disclosure


@transaction.atomic
def update_draft(disclosure: Disclosure, *, by, villages=None, **fields) -> Disclosure:
    """Change a draft. Saving without a change is no act and leaves no audit row."""
    if disclosure.state != State.DRAFT:
        raise ValidationError(
            _("Chỉ sửa được bản nháp. Thông tin đã công khai được đính chính bằng một phiên bản mới.")
        )
    check_fields(disclosure.owner, {"item": disclosure.item, **fields})
    changes = {}
    for name, value in fields.items():
        old = getattr(disclosure, name)
        if old != value:
            changes[name] = [plain(old), plain(value)]
            setattr(disclosure, name, value)
    _compute_deadline(disclosure)
    disclosure.save()
    if villages is not None:
        disclosure.posting_villages.set(villages)
    if changes:
        record(disclosure, by=by, action=Action.EDITED, changes=changes)
    return disclosure


@transaction.atomic
def delete_draft(disclosure: Disclosure, *, by) -> None:
    """Delete a draft (the admin; nothing submitted or published is ever deleted). Its audit rows,
    this one included, outlive it."""
    if not Disclosure.objects.select_for_update().filter(pk=disclosure.pk, state=State.DRAFT).exists():
        raise ValidationError(_("Chỉ xóa được bản nháp."))
    record(disclosure, by=by, action=Action.DRAFT_DELETED, changes={"title": disclosure.title})
    disclosure.delete()


def _compute_deadline(disclosure):
    computed = posting_deadline(disclosure.item, disclosure.decision_date)
    disclosure.posting_deadline = computed.date
    disclosure.posting_deadline_explanation = computed.explanation
    disclosure.posting_deadline_explanation_en = computed.explanation_en


def missing_forms(disclosure: Disclosure) -> list[str]:
    """The forms of disclosure Art. 13 requires for a commune item and the disclosure lacks, each with
    its article: posted at the commune office (items 1–13) and at the villages' community points (items
    1–3, 5–12, Art. 13(2)); broadcast for the item's radio days and passed to the village heads (items
    7–12, Art. 13(3)–(4)). An agency's forms are its own choice (Art. 47(1))."""
    if disclosure.agency_id is not None:
        return []
    item, forms = disclosure.item, set(disclosure.forms)
    missing = []
    if item.posting_days or item.is_permanent:
        if CommuneForm.POSTING not in forms or not disclosure.posted_at_office:
            missing.append(_("niêm yết tại trụ sở Ủy ban nhân dân xã (Điều 13 khoản 2)"))
        has_villages = disclosure.unit.children.filter(level=Level.VILLAGE).exists()
        if not item.is_permanent and has_villages and not disclosure.posting_villages.exists():
            missing.append(
                _("niêm yết tại nhà văn hóa, điểm sinh hoạt cộng đồng của thôn, tổ dân phố (Điều 13 khoản 2)")
            )
    if item.radio_days:
        if CommuneForm.RADIO not in forms:
            missing.append(
                _("phát trên hệ thống truyền thanh xã ít nhất %(days)s ngày liên tục (Điều 13 khoản 3)")
                % {"days": item.radio_days}
            )
        if CommuneForm.VILLAGE_HEAD not in forms:
            missing.append(
                _("gửi Trưởng thôn, Tổ trưởng tổ dân phố thông báo đến Nhân dân (Điều 13 khoản 4)")
            )
    return missing


def required_placement(owner, item) -> dict:
    """The forms and villages Art. 13 requires for `item`, for the drafts the portal makes itself (a
    consultation's results, demo data): `create_draft(..., **required_placement(owner, item))`."""
    if is_agency(owner):
        return {"forms": [str(AgencyForm.POSTING), str(AgencyForm.INTERNAL_SYSTEM)]}
    forms = [CommuneForm.POSTING, CommuneForm.PORTAL]
    if item.radio_days:
        forms += [CommuneForm.RADIO, CommuneForm.VILLAGE_HEAD]
    villages = [] if item.is_permanent else list(owner.children.filter(level=Level.VILLAGE))
    return {"forms": [str(f) for f in forms], "villages": villages}


def _check_forms(disclosure: Disclosure) -> None:
    """Refused with the articles cited, unless the clerk recorded why the law allows otherwise."""
    missing = missing_forms(disclosure)
    if missing and not disclosure.forms_reason.strip():
        raise ValidationError(
            _(
                "Nội dung này phải được %(missing)s. Nếu luật khác quy định hình thức riêng (Điều 13 khoản 6) "
                "hoặc xã chưa có hệ thống truyền thanh, hãy ghi lý do ở mục “Lý do không dùng hình thức bắt buộc”."
            )
            % {"missing": "; ".join(missing)}
        )


def _check_content(disclosure):
    if not disclosure.documents.exists() and not disclosure.body.strip():
        raise ValidationError(
            _("Hãy nhập nội dung hoặc đính kèm ít nhất một tài liệu trước khi trình duyệt.")
        )


@transaction.atomic
def submit(disclosure: Disclosure, *, by) -> bool:
    """Draft → submitted for approval. Returns False if it was not a draft (e.g. a second click)."""
    _check_content(disclosure)
    _check_forms(disclosure)
    if move(disclosure, from_states=[State.DRAFT], to_state=State.SUBMITTED, return_reason=""):
        record(disclosure, by=by, action=Action.SUBMITTED)
        return True
    return False


# --- Approver ----------------------------------------------------------------------------------------


@transaction.atomic
def return_submission(disclosure: Disclosure, *, by, reason: str) -> bool:
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy nêu lý do trả lại để công chức biết cần sửa gì.")})
    if move(disclosure, from_states=[State.SUBMITTED], to_state=State.DRAFT, return_reason=reason.strip()):
        record(disclosure, by=by, action=Action.RETURNED, note=reason.strip())
        return True
    return False


@transaction.atomic
def publish(disclosure: Disclosure, *, by, late_reason: str = "", now: dt.datetime | None = None) -> bool:
    """Approve and post: the window starts, the posting record is made and rendered by a task.
    Returns False if it was not waiting for approval (a second click, a colleague was quicker).
    An imported posting (already posted, recorded after the fact) is not checked for its forms."""
    _check_forms(disclosure)
    values = _publish(disclosure, by=by, late_reason=late_reason, now=now or timezone.now())
    if values is None:
        return False
    record(disclosure, by=by, action=Action.PUBLISHED, changes={"window_end": values["window_end"]})
    publiccache.changed(disclosure.owner)  # the board, the archive, this page and the one it supersedes
    signals.published.send(sender=Disclosure, disclosure=disclosure, by=by)
    return True


def _publish(disclosure: Disclosure, *, by, late_reason: str, now: dt.datetime) -> dict | None:
    """Submitted → published, without the disclosure's own audit row (the caller writes it):

    1. The posting day is today; after the legal deadline it is flagged late and needs a reason.
    2. The window is counted from the posting day (Civil Code: that day is not counted).
    3. A corrected version supersedes the version it replaces, which stays visible (its own audit row).
    """
    posting_day = timezone.localdate(now)
    late = disclosure.posting_deadline is not None and posting_day > disclosure.posting_deadline
    if late and not late_reason.strip():
        raise ValidationError(
            {
                "late_reason": _("Đã quá hạn công khai (%(deadline)s): hãy nêu lý do công khai muộn.")
                % {"deadline": f"{disclosure.posting_deadline:%d/%m/%Y}"}
            }
        )
    computed = window(disclosure.item, posting_day, disclosure.window_days, owner=disclosure.owner)
    if computed:
        explanation = computed.explanation, computed.explanation_en
    else:
        explanation = both_languages(_lazy("Niêm yết thường xuyên, cập nhật khi thay đổi (Điều 13 khoản 2)."))
    values = {
        "published_at": now,
        "is_late": late,
        "late_reason": late_reason.strip() if late else "",
        "window_end": computed.date if computed else None,
        "window_ends_at": computed.ends_at if computed else None,
        "window_explanation": explanation[0],
        "window_explanation_en": explanation[1],
        "radio_days": disclosure.item.radio_days,
    }
    if not move(disclosure, from_states=[State.SUBMITTED], to_state=State.PUBLISHED, **values):
        return None
    if disclosure.supersedes_id:
        old = disclosure.supersedes
        if move(old, from_states=[State.PUBLISHED, State.CLOSED], to_state=State.SUPERSEDED, closed_at=now):
            record(
                old, by=by, action=Action.SUPERSEDED,
                note=_("Thay thế bằng phiên bản %(version)s") % {"version": disclosure.version},
            )  # fmt: skip
    _make_record(disclosure, Record.Kind.POSTING, made_at=now)
    return values


@transaction.atomic
def withdraw(disclosure: Disclosure, *, by, reason: str) -> bool:
    if not reason.strip():
        raise ValidationError({"reason": _("Thu hồi thông tin đã công khai phải ghi rõ lý do.")})
    if move(
        disclosure, from_states=[State.PUBLISHED], to_state=State.WITHDRAWN,
        withdrawn_reason=reason.strip(), closed_at=timezone.now(),
    ):  # fmt: skip
        record(disclosure, by=by, action=Action.WITHDRAWN, note=reason.strip())
        publiccache.changed(disclosure.owner)
        return True
    return False


@transaction.atomic
def start_correction(disclosure: Disclosure, *, by, reason: str) -> Disclosure:
    """A new draft version of a published disclosure; the published text is never edited in place.
    A correction already started is returned as it is (no second act)."""
    if not reason.strip():
        raise ValidationError({"reason": _("Hãy nêu lý do đính chính.")})
    if disclosure.state not in (State.PUBLISHED, State.CLOSED):
        raise ValidationError(_("Chỉ đính chính được thông tin đã công khai."))
    if (existing := Disclosure.objects.filter(supersedes=disclosure).first()) is not None:
        return existing
    copy = Disclosure(
        **{name: getattr(disclosure, name) for name in EDITABLE_FIELDS},
        unit=disclosure.unit, agency=disclosure.agency, created_by=by,
        version=disclosure.version + 1, supersedes=disclosure, correction_reason=reason.strip(),
        posting_deadline=disclosure.posting_deadline,
        posting_deadline_explanation=disclosure.posting_deadline_explanation,
        posting_deadline_explanation_en=disclosure.posting_deadline_explanation_en,
    )  # fmt: skip
    copy.save()
    copy.posting_villages.set(disclosure.posting_villages.all())
    record(copy, by=by, action=Action.CORRECTION_STARTED, note=reason.strip())
    return copy


# --- Scheduled job -----------------------------------------------------------------------------------


def close_due_postings(*, now: dt.datetime | None = None, batch_size: int = 1000) -> int:
    """Close every posting whose window has ended, including those missed while the job was down.

    A batch per transaction:
    1. Lock up to `batch_size` due postings (SELECT … FOR UPDATE SKIP LOCKED): a second run at the
       same time takes other rows or none, so each posting is closed once.
    2. Close them with one UPDATE (`window_ends_at` keeps the legal end, `closed_at` when the job ran),
       add their audit rows and closing records with bulk INSERTs, numbered from the owners' counters.
    3. After the commit, one task renders the batch's records (PDFs never hold up closing).
    Returns how many it closed.
    """
    from .tasks import render_records

    now = now or timezone.now()
    closed = 0
    while True:
        with transaction.atomic():
            batch = list(
                Disclosure.objects.due_for_closing(now)
                .order_by("window_ends_at", "pk")
                .select_for_update(skip_locked=True)
                .only("pk", "unit_id", "agency_id", "window_ends_at")[:batch_size]
            )
            if not batch:
                return closed
            Disclosure.objects.filter(pk__in=[d.pk for d in batch], state=State.PUBLISHED).update(
                state=State.CLOSED, closed_at=now, updated_at=now
            )
            record_many(
                batch,
                by=None,
                action=Action.CLOSED,
                at=now,
                changes=lambda d: {"window_ends_at": d.window_ends_at},
            )
            publiccache.changed(*unit_keys(d.unit_id for d in batch))
            numbers = take_record_numbers(batch, made_at=now)
            records = Record.objects.bulk_create(
                Record(disclosure=d, kind=Record.Kind.CLOSING, number=numbers[d.pk], made_at=now)
                for d in batch
            )
            record_ids = [r.pk for r in records]
            transaction.on_commit(lambda ids=record_ids: render_records.delay(ids))
        closed += len(batch)


def unit_keys(unit_ids) -> list[str]:
    """The public-cache keys of these units (one query), for a job that holds only their ids."""
    ids = {pk for pk in unit_ids if pk}
    codes = AdministrativeUnit.objects.filter(pk__in=ids).values_list("code", flat=True) if ids else []
    return [f"unit:{code}" for code in codes]


def take_record_numbers(disclosures, *, made_at) -> dict[int, str]:
    """'n/BB-UBND' for each disclosure, n continuing its owner's records of the year, without a gap.

    One statement takes the numbers of every owner in the batch: an upsert that creates a missing
    counter and adds the batch's count to each (`RETURNING` the new last number). It locks the counters
    in a fixed order (by owner), so two jobs at once wait for each other instead of deadlocking, and
    never hand out the same number. (Was: a SELECT … FOR UPDATE, then a `bulk_update` whose CASE over
    a thousand owners cost more than the rest of the closing job.)"""
    year = timezone.localdate(made_at).year
    wanted: dict[str, int] = {}
    for d in disclosures:
        key = d.owner_key
        wanted[key] = wanted.get(key, 0) + 1
    last: dict[str, int] = {}
    owners = sorted(wanted)
    for start in range(0, len(owners), RECORD_NUMBERS_PER_STATEMENT):
        last.update(
            _add_to_counters(
                [(key, wanted[key]) for key in owners[start : start + RECORD_NUMBERS_PER_STATEMENT]], year
            )
        )
    following = {key: last[key] - n for key, n in wanted.items()}
    numbers = {}
    for d in disclosures:
        key = d.owner_key
        following[key] += 1
        numbers[d.pk] = f"{following[key]}/BB-UBND"
    return numbers


RECORD_NUMBERS_PER_STATEMENT = 500  # 3 parameters an owner: far below SQLite's and PostgreSQL's limits


def _add_to_counters(counts: list[tuple[str, int]], year: int) -> dict[str, int]:
    """Add `n` to the counter of each (owner, n) of `year`, creating it at n; the new last numbers."""
    quote = connection.ops.quote_name
    table, owner, year_column, last = (
        quote(name) for name in (RecordSequence._meta.db_table, "owner", "year", "last")
    )
    values = ", ".join(["(%s, %s, %s)"] * len(counts))
    sql = (
        f"INSERT INTO {table} ({owner}, {year_column}, {last}) VALUES {values} "
        f"ON CONFLICT ({owner}, {year_column}) DO UPDATE SET {last} = {table}.{last} + EXCLUDED.{last} "
        f"RETURNING {owner}, {last}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for key, n in counts for value in (key, year, n)])
        return dict(cursor.fetchall())


def publication_preview(disclosure: Disclosure, *, now: dt.datetime | None = None) -> dict:
    """What publishing now would do, for the approver's confirmation step (nothing is written): the
    posting day, whether it is late, the end of the window and the posting record's number (the next of
    the owner's year; a colleague publishing meanwhile may take it)."""
    now = now or timezone.now()
    posting_day = timezone.localdate(now)
    computed = window(disclosure.item, posting_day, disclosure.window_days, owner=disclosure.owner)
    last = (
        RecordSequence.objects.filter(owner=disclosure.owner_key, year=posting_day.year)
        .values_list("last", flat=True)
        .first()
    )
    return {
        "posting_day": posting_day,
        "late": disclosure.posting_deadline is not None and posting_day > disclosure.posting_deadline,
        "window_end": computed.date if computed else None,
        "window_ends_at": computed.ends_at if computed else None,
        "window_closing": closing_text(computed.ends_at) if computed else "",
        "window_explanation": computed.explanation if computed else "",
        "record_number": f"{(last or 0) + 1}/BB-UBND",
    }


def _make_record(disclosure, kind, *, made_at):
    from .tasks import render_record

    if (existing := Record.objects.filter(disclosure=disclosure, kind=kind).first()) is not None:
        return existing
    number = take_record_numbers([disclosure], made_at=made_at)[disclosure.pk]
    record = Record.objects.create(disclosure=disclosure, kind=kind, number=number, made_at=made_at)
    transaction.on_commit(lambda: render_record.delay(record.pk))
    return record


# --- Feedback ----------------------------------------------------------------------------------------


@transaction.atomic
def add_feedback(
    disclosure: Disclosure, *, text: str, kind=Feedback.Kind.QUESTION, name="", contact="",
    channel=Channel.ONLINE, by=None, received_at=None, form_token=None,
) -> Feedback:  # fmt: skip
    """A question or comment. Online ones only while the window is open; a clerk records the others
    (in person, e-mail, Zalo, hotline, box, meeting) with the time they were received. The same form
    token twice returns the first one (no second act)."""
    if form_token and (existing := Feedback.objects.filter(form_token=form_token).first()):
        return existing
    received_at = received_at or timezone.now()
    if channel == Channel.ONLINE and not disclosure.is_open(received_at):
        raise ValidationError(
            _("Thời gian niêm yết đã kết thúc nên không nhận thêm câu hỏi, ý kiến trực tuyến.")
        )
    if disclosure.state not in (State.PUBLISHED, State.CLOSED) or disclosure.published_at > received_at:
        raise ValidationError({"received_at": _("Chỉ ghi nhận ý kiến nhận được trong thời gian niêm yết.")})
    if disclosure.window_ends_at and received_at > disclosure.window_ends_at:
        raise ValidationError(
            {"received_at": _("Ý kiến nhận sau khi kết thúc niêm yết không thuộc thời gian niêm yết này.")}
        )
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Hãy nhập nội dung câu hỏi, ý kiến.")})
    feedback = Feedback.objects.create(
        disclosure=disclosure, text=text, kind=kind, name=name.strip(), contact=contact.strip(),
        channel=channel, recorded_by=by, received_at=received_at, form_token=form_token,
    )  # fmt: skip
    # On the disclosure (its staff page shows one trail); never the citizen's name or contact.
    record(
        disclosure,
        by=by,
        action=Action.FEEDBACK_RECEIVED,
        changes={"feedback": feedback.pk, "channel": channel},
    )
    publiccache.changed(disclosure.owner)  # the count of questions waiting for an answer
    return feedback


@transaction.atomic
def answer_feedback(feedback: Feedback, *, by, text: str, reason: str = "") -> Feedback:
    """The answer, published under the question at once. A published answer is corrected only with a
    reason: the earlier answer is kept (`FeedbackRevision`), audited and shown under the new one."""
    feedback = (
        Feedback.objects.select_for_update(of=("self",)).select_related("disclosure").get(pk=feedback.pk)
    )
    text = text.strip()
    if not text:
        raise ValidationError({"answer": _("Hãy nhập nội dung trả lời.")})
    correcting = bool(feedback.answer)
    if correcting and not reason.strip():
        raise ValidationError(
            {
                "reason": _(
                    "Câu trả lời đã được công khai: sửa câu trả lời phải nêu lý do; câu trả lời cũ vẫn được "
                    "lưu và hiển thị."
                )
            }
        )
    previous = feedback.answer
    if correcting:
        FeedbackRevision.objects.create(
            feedback=feedback, text=previous, given_at=feedback.answered_at, reason=reason.strip(),
            revised_at=timezone.now(), revised_by=by,
        )  # fmt: skip
    feedback.answer, feedback.answered_by, feedback.answered_at = text, by, timezone.now()
    feedback.save(update_fields=["answer", "answered_by", "answered_at"])
    changes = {"feedback": feedback.pk}
    if previous:
        changes["previous_answer"] = previous
    record(
        feedback.disclosure,
        by=by,
        action=Action.FEEDBACK_ANSWER_CORRECTED if correcting else Action.FEEDBACK_ANSWERED,
        changes=changes,
        note=reason.strip() if correcting else "",
    )
    publiccache.changed(feedback.disclosure.owner)
    transaction.on_commit(lambda: signals.feedback_answered.send(sender=Feedback, feedback=feedback))
    return feedback


@transaction.atomic
def hide_feedback(feedback: Feedback, *, by, reason: str) -> Feedback:
    """Moderation hides with a reason and never deletes; a hide is one act, never rewritten."""
    feedback = (
        Feedback.objects.select_for_update(of=("self",)).select_related("disclosure").get(pk=feedback.pk)
    )
    if not reason.strip():
        raise ValidationError({"reason": _("Ẩn câu hỏi, ý kiến phải ghi rõ lý do.")})
    if feedback.is_hidden:
        raise ValidationError(
            _("Câu hỏi, ý kiến đã được ẩn ngày %(day)s; lý do ẩn không sửa được.")
            % {"day": f"{timezone.localtime(feedback.hidden_at):%d/%m/%Y}"}
        )
    feedback.hidden_at, feedback.hidden_by, feedback.hidden_reason = timezone.now(), by, reason.strip()
    feedback.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    record(
        feedback.disclosure, by=by, action=Action.FEEDBACK_HIDDEN, changes={"feedback": feedback.pk},
        note=reason.strip(),
    )  # fmt: skip
    publiccache.changed(feedback.disclosure.owner)
    return feedback


# --- Documents of a draft ---------------------------------------------------------------------------


@transaction.atomic
def add_documents(disclosure: Disclosure, files: list[CheckedFile], *, by) -> list[Document]:
    """Attach checked files to a draft: all of them or none, one audit row."""
    # Lock the row so a submit cannot slip in between the check and the insert.
    if not Disclosure.objects.select_for_update().filter(pk=disclosure.pk, state=State.DRAFT).exists():
        raise ValidationError(_("Chỉ đính kèm được tài liệu khi thông tin còn là bản nháp."))
    documents = store_all(
        files, lambda checked: Document(disclosure=disclosure, uploaded_by=by), stem="tai-lieu"
    )
    record(
        disclosure,
        by=by,
        action=Action.DOCUMENTS_ADDED,
        changes={"documents": [d.original_name for d in documents]},
    )
    return documents


@transaction.atomic
def delete_document(document: Document, *, by) -> None:
    """Remove a document from a draft (never from anything submitted or published)."""
    disclosure = document.disclosure
    if not Disclosure.objects.select_for_update().filter(pk=disclosure.pk, state=State.DRAFT).exists():
        raise ValidationError(_("Chỉ xóa được tài liệu khi thông tin còn là bản nháp."))
    name, path = document.original_name, document.file.name
    document.delete()
    record(disclosure, by=by, action=Action.DOCUMENT_REMOVED, changes={"document": name})
    storage = document.file.storage
    transaction.on_commit(lambda: storage.delete(path))
