"""Every write function of disclosures leaves exactly one audit row per act, in its own transaction, and
a write that fails leaves none."""

import datetime as dt
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from democracy import uploads
from democracy.models import Action, AuditEvent
from disclosures import actions
from disclosures.actions import add_documents, delete_document
from disclosures.models import Disclosure, Record, State

from .conftest import HCM, PDF_BYTES, item

POSTED = dt.datetime(2024, 2, 8, 9, 0, tzinfo=HCM)
DURING = dt.datetime(2024, 2, 9, 10, 0, tzinfo=HCM)


@pytest.fixture
def trail():
    """trail() → the audit rows written since the fixture was made, as (object, action, actor)."""
    before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def new_rows():
        nonlocal before
        rows = list(
            AuditEvent.objects.filter(pk__gt=before)
            .order_by("pk")
            .values_list("pk", "target_id", "action", "actor__username")
        )
        if rows:
            before = rows[-1][0]
        return [row[1:] for row in rows]

    return new_rows


def fields(**extra):
    return {
        "item": item(11, 2),
        "title": "Dự toán ngân sách xã năm 2024",
        "summary": "Dự toán thu, chi ngân sách xã năm 2024.",
        "body": "Tổng thu 12,5 tỷ đồng.",
        "decision_number": "45/NQ-HĐND",
        "decision_date": dt.date(2024, 2, 7),
        "decision_issuer": "Hội đồng nhân dân xã",
        "forms": ["a"],
        **extra,
    }


def checked(name="du-toan.pdf"):
    return uploads.check_upload(SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf"))


# --- The clerk ---------------------------------------------------------------------------------------


def test_creating_a_draft_is_one_act_and_the_same_form_twice_is_none_more(cast, trail):
    token = "6f1c1a52-3f6b-4d5e-9b3e-0d5c7e1a2b3c"
    draft = actions.create_draft(owner=cast.a, by=cast.clerk_a, form_token=token, **fields())
    actions.create_draft(owner=cast.a, by=cast.clerk_a, form_token=token, **fields())
    assert trail() == [(draft.pk, Action.CREATED, "clerk_a")]


def test_a_draft_that_breaks_the_rules_is_not_made_and_not_audited(cast, trail):
    with pytest.raises(ValidationError):
        actions.create_draft(owner=cast.a, by=cast.clerk_a, **fields(decision_date=dt.date(2999, 1, 1)))
    assert not Disclosure.objects.exists()
    assert trail() == []


def test_an_edit_is_one_act_and_saving_without_a_change_is_none(make_disclosure, cast, trail):
    draft = make_disclosure()
    trail()
    actions.update_draft(draft, by=cast.clerk_a, title="Dự toán (sửa)", summary="Tóm tắt mới")
    actions.update_draft(draft, by=cast.clerk_a, title="Dự toán (sửa)")
    assert trail() == [(draft.pk, Action.EDITED, "clerk_a")]


def test_an_edit_refused_leaves_no_row(make_disclosure, cast, trail):
    submitted = make_disclosure(state="submitted")
    trail()
    with pytest.raises(ValidationError):
        actions.update_draft(submitted, by=cast.clerk_a, title="Sửa sau khi trình")
    assert trail() == []


def test_submitting_is_one_act_and_a_second_click_is_none(make_disclosure, cast, trail):
    draft = make_disclosure()
    trail()
    assert actions.submit(draft, by=cast.clerk_a)
    assert not actions.submit(draft, by=cast.clerk_a)
    assert trail() == [(draft.pk, Action.SUBMITTED, "clerk_a")]


def test_submitting_an_empty_draft_is_refused_without_a_row(make_disclosure, cast, trail):
    draft = make_disclosure(body="")
    trail()
    with pytest.raises(ValidationError):
        actions.submit(draft, by=cast.clerk_a)
    assert trail() == []


def test_documents_added_together_are_one_act_and_removing_one_is_another(make_disclosure, cast, trail):
    draft = make_disclosure()
    trail()
    first, _second = add_documents(draft, [checked("a.pdf"), checked("b.pdf")], by=cast.clerk_a)
    delete_document(first, by=cast.clerk_a)
    assert trail() == [
        (draft.pk, Action.DOCUMENTS_ADDED, "clerk_a"),
        (draft.pk, Action.DOCUMENT_REMOVED, "clerk_a"),
    ]


def test_documents_refused_after_submission_leave_no_row(make_disclosure, cast, trail):
    submitted = make_disclosure(state="submitted")
    trail()
    with pytest.raises(ValidationError):
        add_documents(submitted, [checked()], by=cast.clerk_a)
    assert trail() == []


def test_deleting_a_draft_is_one_act_that_outlives_it(make_disclosure, cast, trail):
    draft = make_disclosure()
    pk = draft.pk
    trail()
    actions.delete_draft(draft, by=cast.admin)
    assert not Disclosure.objects.filter(pk=pk).exists()
    assert trail() == [(pk, Action.DRAFT_DELETED, "admin")]


def test_only_a_draft_is_deleted(make_disclosure, cast, trail):
    published = make_disclosure(state="published")
    trail()
    with pytest.raises(ValidationError):
        actions.delete_draft(published, by=cast.admin)
    assert Disclosure.objects.filter(pk=published.pk).exists()
    assert trail() == []


# --- The approver ------------------------------------------------------------------------------------


def test_returning_is_one_act_and_without_a_reason_none(make_disclosure, cast, trail):
    submitted = make_disclosure(state="submitted")
    trail()
    with pytest.raises(ValidationError):
        actions.return_submission(submitted, by=cast.approver_a, reason=" ")
    assert actions.return_submission(submitted, by=cast.approver_a, reason="Thiếu số liệu")
    assert not actions.return_submission(submitted, by=cast.approver_a, reason="Thiếu số liệu")
    assert trail() == [(submitted.pk, Action.RETURNED, "approver_a")]


def test_publishing_is_one_act_and_a_late_one_without_a_reason_none(make_disclosure, cast, trail):
    submitted = make_disclosure(state="submitted")
    trail()
    with pytest.raises(ValidationError):
        actions.publish(submitted, by=cast.approver_a, now=dt.datetime(2024, 3, 1, 9, tzinfo=HCM))
    assert Disclosure.objects.get(pk=submitted.pk).state == State.SUBMITTED
    assert actions.publish(submitted, by=cast.approver_a, now=POSTED)
    assert not actions.publish(submitted, by=cast.approver_a, now=POSTED)
    assert trail() == [(submitted.pk, Action.PUBLISHED, "approver_a")]


def test_withdrawing_is_one_act_and_without_a_reason_none(make_disclosure, cast, trail):
    published = make_disclosure(state="published")
    trail()
    with pytest.raises(ValidationError):
        actions.withdraw(published, by=cast.approver_a, reason="")
    assert actions.withdraw(published, by=cast.approver_a, reason="Sai số liệu")
    assert trail() == [(published.pk, Action.WITHDRAWN, "approver_a")]


def test_a_correction_is_one_act_on_the_new_version_and_its_publication_one_on_each(
    make_disclosure, cast, trail
):
    published = make_disclosure(state="published")
    trail()
    with pytest.raises(ValidationError):
        actions.start_correction(published, by=cast.clerk_a, reason="")
    copy = actions.start_correction(published, by=cast.clerk_a, reason="Sai số văn bản")
    assert actions.start_correction(published, by=cast.clerk_a, reason="Lần nữa") == copy
    assert trail() == [(copy.pk, Action.CORRECTION_STARTED, "clerk_a")]

    actions.submit(copy, by=cast.clerk_a)
    trail()
    actions.publish(copy, by=cast.approver_a, late_reason="Đính chính", now=POSTED + dt.timedelta(days=1))
    assert trail() == [
        (published.pk, Action.SUPERSEDED, "approver_a"),
        (copy.pk, Action.PUBLISHED, "approver_a"),
    ]


# --- The closing job ---------------------------------------------------------------------------------


def test_closing_is_one_act_per_posting_by_the_system_and_a_second_run_none(make_disclosure, cast, trail):
    first = make_disclosure(state="published")
    second = make_disclosure(cast.b, state="published", by=cast.clerk_b)
    trail()
    later = first.window_ends_at + dt.timedelta(days=10)
    assert actions.close_due_postings(now=later) == 2
    assert actions.close_due_postings(now=later) == 0
    assert sorted(trail()) == sorted([(first.pk, Action.CLOSED, None), (second.pk, Action.CLOSED, None)])


# --- Feedback ----------------------------------------------------------------------------------------


def test_a_citizens_question_is_one_act_without_an_actor(make_disclosure, trail):
    published = make_disclosure(state="published")
    trail()
    token = "0c1e2b3a-1111-4222-8333-944455556666"
    actions.add_feedback(published, text="Khi nào làm đường?", received_at=DURING, form_token=token)
    actions.add_feedback(published, text="Khi nào làm đường?", received_at=DURING, form_token=token)
    assert trail() == [(published.pk, Action.FEEDBACK_RECEIVED, None)]


def test_a_question_refused_leaves_no_row(make_disclosure, trail):
    published = make_disclosure(state="published")
    trail()
    with pytest.raises(ValidationError):
        actions.add_feedback(published, text="Muộn", received_at=published.window_ends_at + dt.timedelta(1))
    with pytest.raises(ValidationError):
        actions.add_feedback(published, text="  ", received_at=DURING)
    assert trail() == []


def test_answering_and_hiding_are_one_act_each(make_disclosure, cast, trail):
    published = make_disclosure(state="published")
    feedback = actions.add_feedback(published, text="Khi nào làm đường?", received_at=DURING)
    trail()
    with pytest.raises(ValidationError):
        actions.answer_feedback(feedback, by=cast.clerk_a, text="")
    with pytest.raises(ValidationError):
        actions.hide_feedback(feedback, by=cast.clerk_a, reason="")
    actions.answer_feedback(feedback, by=cast.clerk_a, text="Tháng 5.")
    actions.hide_feedback(feedback, by=cast.clerk_a, reason="Trùng lặp")
    assert trail() == [
        (published.pk, Action.FEEDBACK_ANSWERED, "clerk_a"),
        (published.pk, Action.FEEDBACK_HIDDEN, "clerk_a"),
    ]


# --- The import --------------------------------------------------------------------------------------


def test_an_imported_posting_is_one_act(cast, trail):
    disclosure = actions.import_disclosure(
        owner=cast.b, by=cast.admin, note="Nhập từ b.csv, dòng 2.", published_at=POSTED, **fields()
    )
    assert disclosure.state == State.PUBLISHED
    assert Record.objects.filter(disclosure=disclosure, kind=Record.Kind.POSTING).exists()
    assert trail() == [(disclosure.pk, Action.IMPORTED, "admin")]


def test_an_import_row_refused_makes_nothing_and_no_row(cast, trail):
    with pytest.raises(ValidationError):
        actions.import_disclosure(
            owner=cast.b, by=cast.admin, note="dòng 2", published_at=POSTED, **fields(body="")
        )
    assert not Disclosure.objects.exists()
    assert trail() == []


# --- Rendering a record is not an act ----------------------------------------------------------------


def test_rendering_a_record_writes_no_row(make_disclosure, settings, tmp_path, trail):
    """The PDF is derived from acts already on the trail (publishing, closing); rendering it again
    changes nothing anyone decided."""
    from disclosures.records import render_record_pdf

    settings.MEDIA_ROOT = tmp_path
    published = make_disclosure(state="published")
    trail()
    render_record_pdf(Record.objects.get(disclosure=published))
    assert trail() == []


# --- The same transaction ----------------------------------------------------------------------------


WRITES = {
    "create_draft": lambda d, cast: actions.create_draft(owner=cast.a, by=cast.clerk_a, **fields()),
    "update_draft": lambda d, cast: actions.update_draft(d, by=cast.clerk_a, title="Sửa"),
    "submit": lambda d, cast: actions.submit(d, by=cast.clerk_a),
    "delete_draft": lambda d, cast: actions.delete_draft(d, by=cast.admin),
    "add_documents": lambda d, cast: add_documents(d, [checked()], by=cast.clerk_a),
    "import_disclosure": lambda d, cast: actions.import_disclosure(
        owner=cast.b, by=cast.admin, note="dòng 2", published_at=POSTED, **fields()
    ),
}


@pytest.mark.parametrize("name", WRITES)
def test_a_failing_audit_row_undoes_the_write(name, make_disclosure, cast):
    """The row is written inside the write's transaction: if it cannot be written, nothing is changed."""
    draft = make_disclosure()
    before = (
        Disclosure.objects.count(),
        list(Disclosure.objects.values_list("pk", "state", "title")),
        draft.documents.count(),
    )
    with mock.patch("democracy.audit.AuditEvent.objects.create", side_effect=RuntimeError("disk full")):
        with pytest.raises(RuntimeError):
            WRITES[name](draft, cast)
    after = (
        Disclosure.objects.count(),
        list(Disclosure.objects.values_list("pk", "state", "title")),
        draft.documents.count(),
    )
    assert after == before


def test_a_failing_audit_row_undoes_a_publication(make_disclosure, cast):
    submitted = make_disclosure(state="submitted")
    with mock.patch("democracy.audit.AuditEvent.objects.create", side_effect=RuntimeError("disk full")):
        with pytest.raises(RuntimeError):
            actions.publish(submitted, by=cast.approver_a, now=POSTED)
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED and submitted.published_at is None
    assert not Record.objects.filter(disclosure=submitted).exists()


def test_the_admin_deletes_a_draft_through_the_write_function(client, cast, make_disclosure, trail):
    from django.urls import reverse

    client.force_login(cast.admin)
    draft = make_disclosure()
    pk = draft.pk
    trail()
    response = client.post(reverse("admin:disclosures_disclosure_delete", args=[pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Disclosure.objects.filter(pk=pk).exists()
    assert [row[:2] for row in trail()] == [(pk, Action.DRAFT_DELETED)]


def test_a_deleted_draft_keeps_its_trail_and_says_what_it_was(cast, make_disclosure):
    draft = make_disclosure(cast.a, title="Dự toán ngân sách xã 2027")
    pk = draft.pk
    actions.delete_draft(draft, by=cast.clerk_a)
    rows = AuditEvent.objects.filter(target_id=pk, target_type__model="disclosure")
    assert {r.action for r in rows} >= {Action.DRAFT_DELETED}
    assert {r.target_label for r in rows} == {"Dự toán ngân sách xã 2027"}
