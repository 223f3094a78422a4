import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from democracy.models import AuditEvent
from disclosures import actions
from disclosures.models import Disclosure, Record, State

from .conftest import HCM, attach, item


def test_a_draft_gets_its_posting_deadline_with_the_explanation(make_disclosure):
    d = make_disclosure()
    assert d.posting_deadline == dt.date(2024, 2, 21)
    assert "Tết" in d.posting_deadline_explanation and "21/02/2024" in d.posting_deadline_explanation


def test_publishing_starts_a_30_day_window_counted_by_the_civil_code(make_disclosure):
    d = make_disclosure(state="published", published_on=dt.date(2024, 2, 8))
    # 08/02/2024 not counted; 30 days end 09/03/2024, a Saturday → end of Monday 11/03/2024.
    assert d.window_end == dt.date(2024, 3, 11)
    assert d.window_ends_at == dt.datetime(2024, 3, 11, 23, 59, 59, 999999, tzinfo=HCM)
    assert not d.is_late
    assert d.radio_days is None
    assert Record.objects.filter(disclosure=d, kind="posting").count() == 1


def test_an_agency_posting_runs_20_days(make_disclosure, cast):
    d = make_disclosure(cast.agency_a, state="published", published_on=dt.date(2024, 2, 5))
    assert d.window_end == dt.date(2024, 2, 26)


def test_permanent_items_never_close(make_disclosure):
    d = make_disclosure(state="published", clause=4, title="Quy chế thực hiện dân chủ ở xã")
    assert d.window_ends_at is None
    assert actions.close_due_postings(now=dt.datetime(2030, 1, 1, tzinfo=HCM)) == 0


def test_radio_items_carry_their_radio_days(make_disclosure):
    assert make_disclosure(state="published", clause=7).radio_days == 3


def test_posting_after_the_deadline_needs_a_reason(make_disclosure, cast):
    d = make_disclosure(state="submitted")
    late = dt.datetime(2024, 2, 22, 9, tzinfo=HCM)
    with pytest.raises(ValidationError, match="Đã quá hạn công khai"):
        actions.publish(d, by=cast.approver_a, now=late)
    assert actions.publish(d, by=cast.approver_a, now=late, late_reason="Chờ bản ký")
    assert d.is_late and d.late_reason == "Chờ bản ký"


def test_a_window_shorter_than_the_legal_minimum_cannot_be_chosen(make_disclosure):
    with pytest.raises(ValidationError, match="không được ít hơn 30 ngày"):
        make_disclosure(window_days=20)


def test_closing_is_idempotent_and_catches_up(make_disclosure):
    ds = [make_disclosure(state="published", published_on=dt.date(2024, 2, 8)) for _ in range(3)]
    later = dt.datetime(2024, 6, 1, tzinfo=HCM)
    assert actions.close_due_postings(now=later) == 3
    assert actions.close_due_postings(now=later) == 0
    for d in ds:
        d.refresh_from_db()
        assert d.state == State.CLOSED and d.closed_at == later and d.window_end == dt.date(2024, 3, 11)
    assert Record.objects.filter(kind="closing").count() == 3


def test_a_correction_is_a_new_version_and_both_stay_visible(make_disclosure, cast):
    old = make_disclosure(state="published")
    new = actions.start_correction(old, by=cast.clerk_a, reason="Sai số liệu tổng chi")
    assert (new.version, new.supersedes, new.state) == (2, old, State.DRAFT)
    attach(new)
    actions.submit(new, by=cast.clerk_a)
    actions.publish(new, by=cast.approver_a, now=dt.datetime(2024, 2, 9, 9, tzinfo=HCM))
    old.refresh_from_db()
    assert old.state == State.SUPERSEDED
    assert set(Disclosure.objects.public()) == {old, new}


def test_every_change_of_state_is_audited(make_disclosure, cast):
    d = make_disclosure(state="published")
    actions.withdraw(d, by=cast.approver_a, reason="Quyết định bị hủy")
    assert list(AuditEvent.objects.of(d).values_list("action", flat=True)) == [
        "created", "submitted", "published", "withdrawn",
    ]  # fmt: skip


def test_a_second_submit_or_publish_changes_nothing(make_disclosure, cast):
    d = make_disclosure(state="submitted")
    assert not actions.submit(d, by=cast.clerk_a)
    assert actions.publish(d, by=cast.approver_a, now=dt.datetime(2024, 2, 8, tzinfo=HCM))
    assert not actions.publish(d, by=cast.approver_a, now=dt.datetime(2024, 2, 9, tzinfo=HCM))
    assert Record.objects.filter(disclosure=d).count() == 1


def test_the_same_form_sent_twice_creates_one_draft(cast):
    import uuid

    token = uuid.uuid4()
    fields = {"item": item(11, 2), "title": "T", "summary": "S", "body": "B", "decision_number": "1", "decision_date": dt.date(2024, 2, 7),
                  "decision_issuer": "UBND", "forms": ["a"]}  # fmt: skip
    a = actions.create_draft(owner=cast.a, by=cast.clerk_a, form_token=token, **fields)
    b = actions.create_draft(owner=cast.a, by=cast.clerk_a, form_token=token, **fields)
    assert a.pk == b.pk and Disclosure.objects.count() == 1


def test_an_agency_cannot_use_a_commune_item(cast):
    with pytest.raises(ValidationError, match="Điều 46"):
        actions.create_draft(owner=cast.agency_a, by=cast.staff_agency_a, item=item(11, 2), title="T", summary="S",
                             decision_number="1", decision_date=dt.date(2024, 2, 7), decision_issuer="X")  # fmt: skip


def test_online_feedback_only_while_the_window_is_open(make_disclosure, cast):
    d = make_disclosure(state="published", published_on=dt.date(2024, 2, 8))
    now = dt.datetime(2024, 2, 10, tzinfo=HCM)
    f = actions.add_feedback(d, text="Khoản chi sửa đường lấy từ nguồn nào?", received_at=now)
    assert f.pk
    actions.close_due_postings(now=dt.datetime(2024, 3, 12, tzinfo=HCM))
    d.refresh_from_db()
    with pytest.raises(ValidationError, match="đã kết thúc"):
        actions.add_feedback(d, text="Muộn")
    # The clerk may still record what came by post during the window.
    actions.add_feedback(
        d, text="Thư góp ý", channel="box", by=cast.clerk_a, received_at=dt.datetime(2024, 3, 1, tzinfo=HCM)
    )
    assert d.feedback.count() == 2


def test_record_numbers_continue_per_commune_and_year_without_gaps_or_repeats(make_disclosure, cast):
    a1 = make_disclosure(state="published", published_on=dt.date(2024, 2, 8))
    b1 = make_disclosure(cast.b, by=cast.clerk_b, state="submitted")
    actions.publish(b1, by=cast.admin, now=dt.datetime(2024, 2, 8, 10, tzinfo=HCM))
    a2 = make_disclosure(state="published", published_on=dt.date(2024, 2, 9))
    actions.close_due_postings(now=dt.datetime(2024, 6, 1, tzinfo=HCM))
    numbers = {
        (r.disclosure_id, r.kind): r.number for r in Record.objects.filter(disclosure__in=[a1, a2, b1])
    }
    assert numbers == {
        (a1.pk, "posting"): "1/BB-UBND", (a2.pk, "posting"): "2/BB-UBND", (b1.pk, "posting"): "1/BB-UBND",
        (a1.pk, "closing"): "3/BB-UBND", (a2.pk, "closing"): "4/BB-UBND", (b1.pk, "closing"): "2/BB-UBND",
    }  # fmt: skip


def test_closing_a_batch_takes_a_constant_number_of_queries(make_disclosure, django_assert_max_num_queries):
    for _ in range(12):
        make_disclosure(state="published", published_on=dt.date(2024, 2, 8))
    # 15: one of them reads the batch's communes' codes, whose public pages it renews (publiccache); two
    # mark the batch's owners as changed for the dashboard's stored figures (democracy.changes: their
    # owners in one query, one upsert).
    with django_assert_max_num_queries(15):
        assert actions.close_due_postings(now=dt.datetime(2024, 6, 1, tzinfo=HCM)) == 12


# --- Art. 13: the forms the law requires (issue 14, item 8) ------------------------------------------


def test_an_item_the_law_requires_posted_in_the_villages_is_refused_without_them(make_disclosure, cast):
    draft = make_disclosure(cast.a, villages=[])  # item 2 of Art. 11: office and villages (Art. 13(2))
    with pytest.raises(ValidationError, match=r"nhà văn hóa, điểm sinh hoạt cộng đồng.*Điều 13 khoản 2"):
        actions.submit(draft, by=cast.clerk_a)
    actions.update_draft(draft, by=cast.clerk_a, villages=[cast.village_a])
    assert actions.submit(draft, by=cast.clerk_a)


def test_items_7_to_12_must_also_be_broadcast_and_passed_to_the_village_heads(make_disclosure, cast):
    draft = make_disclosure(cast.a, clause=7, forms=["a", "b"])
    with pytest.raises(ValidationError) as refused:
        actions.submit(draft, by=cast.clerk_a)
    message = str(refused.value)
    assert "truyền thanh xã ít nhất 3 ngày liên tục (Điều 13 khoản 3)" in message
    assert "Trưởng thôn, Tổ trưởng tổ dân phố" in message and "Điều 13 khoản 4" in message


def test_a_recorded_reason_lets_a_commune_without_radio_publish_and_stays_with_the_disclosure(
    make_disclosure, cast
):
    draft = make_disclosure(
        cast.a, clause=7, forms=["a", "b", "d"], forms_reason="Xã chưa có hệ thống truyền thanh"
    )
    assert actions.submit(draft, by=cast.clerk_a)
    assert actions.publish(draft, by=cast.approver_a, late_reason="Thử nghiệm")
    draft.refresh_from_db()
    assert draft.forms_reason == "Xã chưa có hệ thống truyền thanh" and actions.missing_forms(draft)


def test_an_agency_chooses_its_own_forms(make_disclosure, cast):
    draft = make_disclosure(cast.agency_a, forms=["c"], posted_at_office=False)
    assert actions.missing_forms(draft) == [] and actions.submit(draft, by=cast.staff_agency_a)


def test_closing_in_batches_numbers_each_owner_without_gaps_in_a_bounded_number_of_queries(
    make_disclosure, cast, django_assert_max_num_queries
):
    """Three batches over two communes: one upsert takes the numbers of every owner in a batch, so the
    queries per batch do not grow with the owners; each commune's closing records continue its posting
    records' numbers, none repeated, none skipped, whatever the batch they fell in."""
    for i in range(6):
        make_disclosure(cast.a, state="published", published_on=dt.date(2024, 2, 8 + i))
        make_disclosure(cast.b, by=cast.clerk_b, state="published", published_on=dt.date(2024, 2, 8 + i))
    # 10 a batch (8, and the owners' change markers: found, inserted), the content type once, the last look
    with django_assert_max_num_queries(3 * 11):
        assert actions.close_due_postings(now=dt.datetime(2024, 6, 1, tzinfo=HCM), batch_size=5) == 12
    for commune in (cast.a, cast.b):
        records = Record.objects.filter(disclosure__unit=commune)
        assert records.filter(kind="closing").count() == 6
        numbers = sorted(int(r.number.split("/")[0]) for r in records)
        assert numbers == list(range(1, 13))
    assert actions.close_due_postings(now=dt.datetime(2024, 6, 2, tzinfo=HCM)) == 0  # idempotent
    assert Record.objects.filter(kind="closing").count() == 12
