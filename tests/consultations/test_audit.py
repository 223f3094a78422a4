"""Every write function of consultations, decisions, meetings and recommendations leaves exactly one
audit row for its act (with the right action and actor) in its own transaction; a refused write none."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from consultations import actions
from consultations.actions import record_meeting
from consultations.models import Ballot, Consultation, ConsultationState
from democracy.audit import trail
from democracy.models import Action, AuditEvent
from democracy.uploads import check_upload
from disclosures import actions as disclosure_actions

from .conftest import HCM, attach_draft, item

PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def one_new_row(before: int, obj, action, actor):
    rows = list(AuditEvent.objects.order_by("pk")[before:])
    assert len(rows) == 1, [(r.action, r.target_type, r.target_id) for r in rows]
    row = rows[0]
    assert (row.target_id, row.action, row.actor) == (obj.pk, action, actor)
    assert [e.pk for e in trail(obj)][-1] == row.pk
    return row


def audited(obj, action, actor, call):
    before = AuditEvent.objects.count()
    result = call()
    one_new_row(before, obj() if callable(obj) else obj, action, actor)
    return result


def refused(call):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        call()
    assert AuditEvent.objects.count() == before


@pytest.fixture
def open_consultation(make_consultation):
    return make_consultation(opened_on=timezone.localdate() - dt.timedelta(days=1))


def closed(consultation):
    Consultation.objects.filter(pk=consultation.pk).update(state=ConsultationState.CLOSED)
    consultation.refresh_from_db()
    return consultation


# --- Consultations -------------------------------------------------------------------------------


def test_creating_a_plan_is_audited_and_a_refused_one_is_not(cast, make_consultation):
    before = AuditEvent.objects.count()
    consultation = make_consultation()
    row = one_new_row(before, consultation, Action.CREATED, cast.clerk_a)
    assert row.changes == {"title": consultation.title}
    refused(lambda: make_consultation(period_days=3))


def test_a_plan_made_directly_names_its_clerk_and_a_refused_item_leaves_nothing(cast):
    plan = {
        "title": "Dự thảo Quy chế", "content": "Lấy ý kiến.", "forms": ["a"], "plan_number": "1/KH-UBND",
        "plan_date": dt.date(2024, 1, 30), "period_days": 20,
    }  # fmt: skip
    before = AuditEvent.objects.count()
    consultation = actions.create_consultation(owner=cast.a, by=cast.clerk_a, item=item(25, 7), **plan)
    one_new_row(before, consultation, Action.CREATED, cast.clerk_a)
    refused(
        lambda: actions.create_consultation(owner=cast.a, by=cast.clerk_a, item=item(53, 8, "agency"), **plan)
    )


def test_the_same_form_sent_twice_writes_one_row(cast, make_consultation):
    token = uuid.uuid4()
    first = make_consultation(form_token=token)
    before = AuditEvent.objects.count()
    assert make_consultation(form_token=token) == first
    assert AuditEvent.objects.count() == before


def test_opening_is_audited_once(cast, make_consultation):
    consultation = make_consultation()
    attach_draft(consultation)
    audited(consultation, Action.OPENED, cast.approver_a,
            lambda: actions.open_consultation(consultation, by=cast.approver_a))  # fmt: skip
    before = AuditEvent.objects.count()
    assert actions.open_consultation(consultation, by=cast.approver_a) is False
    assert AuditEvent.objects.count() == before


def test_attaching_draft_documents_is_audited_with_their_names(cast, make_consultation):
    consultation = make_consultation()
    files = [check_upload(SimpleUploadedFile("du-thao.pdf", PDF_BYTES))]
    before = AuditEvent.objects.count()
    actions.attach_documents(consultation, files, by=cast.clerk_a)
    row = one_new_row(before, consultation, Action.DOCUMENTS_ADDED, cast.clerk_a)
    assert row.changes == {"documents": ["du-thao.pdf"]}
    actions.open_consultation(consultation, by=cast.approver_a)
    # While open: a new version, never in place, with the reason in the audit row (required).
    refused(lambda: actions.attach_documents(consultation, files, by=cast.clerk_a))
    before = AuditEvent.objects.count()
    files = [check_upload(SimpleUploadedFile("du-thao.pdf", PDF_BYTES))]
    [second] = actions.attach_documents(consultation, files, by=cast.clerk_a, note="Sửa lỗi chính tả Điều 3")
    row = one_new_row(before, consultation, Action.DOCUMENTS_ADDED, cast.clerk_a)
    assert row.changes == {"documents": ["du-thao.pdf"], "versions": {"du-thao.pdf": 2}, "while_open": True}
    assert row.note == "Sửa lỗi chính tả Điều 3" and second.version == 2
    assert consultation.documents.count() == 2
    closed(consultation)
    refused(lambda: actions.attach_documents(consultation, files, by=cast.clerk_a, note="Muộn"))


def test_a_plan_without_a_draft_document_cannot_be_opened(cast, make_consultation):
    consultation = make_consultation()
    refused(lambda: actions.open_consultation(consultation, by=cast.approver_a))
    consultation.refresh_from_db()
    assert consultation.state == ConsultationState.DRAFT and consultation.opened_at is None


def test_a_citizens_comment_is_audited_without_name_or_contact(cast, open_consultation):
    before = AuditEvent.objects.count()
    comment = actions.add_comment(open_consultation, text="Ý kiến", name="Nguyễn Văn A", contact="0912")
    row = one_new_row(before, open_consultation, Action.COMMENT_RECEIVED, None)
    assert row.changes == {"comment": comment.pk, "channel": "online"}
    assert "Nguyễn" not in str(row.changes) and "0912" not in str(row.changes)
    refused(lambda: actions.add_comment(open_consultation, text="  "))


def test_a_recorded_comment_names_the_clerk(cast, open_consultation):
    audited(open_consultation, Action.COMMENT_RECEIVED, cast.clerk_a,
            lambda: actions.add_comment(open_consultation, text="Ý kiến hòm thư", channel="box", by=cast.clerk_a))  # fmt: skip


def test_responding_and_hiding_are_audited(cast, open_consultation):
    comment = actions.add_comment(open_consultation, text="Ý kiến")
    audited(open_consultation, Action.COMMENT_RESPONDED, cast.clerk_a,
            lambda: actions.respond(comment, by=cast.clerk_a, kind="accepted", text="Tiếp thu"))  # fmt: skip
    refused(lambda: actions.respond(comment, by=cast.clerk_a, kind="accepted", text=""))
    audited(open_consultation, Action.COMMENT_HIDDEN, cast.clerk_a,
                  lambda: actions.hide_comment(comment, by=cast.clerk_a, reason="Trùng lặp"))  # fmt: skip
    refused(lambda: actions.hide_comment(comment, by=cast.clerk_a, reason=" "))


def test_the_closing_job_writes_one_row_per_consultation_by_the_system(cast, make_consultation):
    a = make_consultation(opened_on=dt.date(2024, 1, 2))
    b = make_consultation(opened_on=dt.date(2024, 1, 3))
    before = AuditEvent.objects.count()
    assert actions.close_due_consultations() == 2
    rows = list(AuditEvent.objects.order_by("pk")[before:])
    assert sorted(r.target_id for r in rows) == sorted([a.pk, b.pk])
    assert {(r.action, r.actor_id) for r in rows} == {(Action.CLOSED, None)}
    assert actions.close_due_consultations() == 0
    assert AuditEvent.objects.count() == before + 2


def test_publishing_results_writes_one_row_on_the_consultation(cast, open_consultation):
    comment = actions.add_comment(open_consultation, text="Ý kiến")
    closed(open_consultation)
    refused(lambda: actions.submit_results(open_consultation, by=cast.clerk_a, summary="Tổng hợp"))
    actions.respond(comment, by=cast.clerk_a, kind="accepted", text="Tiếp thu")
    consultation_rows = AuditEvent.objects.of(open_consultation).count()
    disclosure = actions.submit_results(
        open_consultation, by=cast.clerk_a, summary="Tổng hợp", result_number="5"
    )
    disclosure_actions.publish(disclosure, by=cast.approver_a)
    rows = list(AuditEvent.objects.of(open_consultation).order_by("pk")[consultation_rows:])
    assert [(r.action, r.actor) for r in rows] == [
        (Action.RESULTS_SUBMITTED, cast.clerk_a),
        (Action.RESULTS_PUBLISHED, cast.approver_a),
    ]
    assert rows[1].changes == {"result_number": "5", "disclosure": disclosure.pk}


# --- Meetings --------------------------------------------------------------------------------------


def meeting_fields(**extra):
    return {
        "title": "Hội nghị lấy ý kiến", "held_at": dt.datetime(2024, 2, 5, 14, tzinfo=HCM), "place": "Hội trường",
        "chair": "Ông A", "secretary": "Bà B", "expected": 50, "present": 40, **extra,
    }  # fmt: skip


def test_a_meeting_is_audited_on_its_consultation(cast, make_consultation):
    consultation = make_consultation(opened_on=dt.date(2024, 1, 30))
    audited(consultation, Action.MEETING_RECORDED, cast.clerk_a,
            lambda: record_meeting(owner=cast.a, by=cast.clerk_a, kind="conference", consultation=consultation,
                                   **meeting_fields()))  # fmt: skip
    refused(lambda: record_meeting(owner=cast.a, by=cast.clerk_a, kind="conference", consultation=consultation,
                                   **meeting_fields(present=60)))  # fmt: skip


def test_a_free_standing_meeting_is_audited_on_itself(cast):
    meeting = record_meeting(
        owner=cast.agency_a, by=cast.clerk_a, kind="staff_conference", **meeting_fields()
    )
    assert [(e.action, e.actor) for e in trail(meeting)] == [(Action.MEETING_RECORDED, cast.clerk_a)]


def test_a_stand_alone_meeting_is_audited_at_each_step(cast):
    """Convened, minutes recorded, files attached, the written report sent: one audit row each on the
    meeting; a refused step writes none. A scheduled one cancelled: one row with the reason."""
    schedule = {
        "owner": cast.village_a, "by": cast.clerk_a, "kind": "village_conference", "title": "Hội nghị cuối năm",
        "held_at": dt.datetime(2025, 12, 20, 8, tzinfo=HCM), "place": "Nhà văn hóa", "convened_by": "Trưởng thôn",
        "notice_on": dt.date(2025, 12, 10),
    }  # fmt: skip
    refused(lambda: actions.schedule_meeting(**{**schedule, "notice_on": dt.date(2025, 12, 18)}))
    meeting = actions.schedule_meeting(**schedule)
    assert [(e.action, e.actor) for e in trail(meeting)] == [(Action.CREATED, cast.clerk_a)]
    refused(
        lambda: actions.record_minutes(
            meeting, by=cast.clerk_a, chair="A", secretary="B", expected=10, present=11
        )
    )
    audited(meeting, Action.MEETING_RECORDED, cast.clerk_a,
            lambda: actions.record_minutes(meeting, by=cast.clerk_a, chair="A", secretary="B", expected=10, present=9))  # fmt: skip
    pdf = SimpleUploadedFile("danh-sach.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    audited(meeting, Action.DOCUMENTS_ADDED, cast.clerk_a,
            lambda: actions.attach_meeting_files(meeting, [check_upload(pdf)], by=cast.clerk_a))  # fmt: skip
    refused(lambda: actions.record_report(meeting, by=cast.clerk_a, report="", sent_on=dt.date(2025, 12, 22)))
    audited(meeting, Action.SENT, cast.clerk_a,
            lambda: actions.record_report(meeting, by=cast.clerk_a, report="Báo cáo", sent_on=dt.date(2025, 12, 22)))  # fmt: skip
    later = actions.schedule_meeting(**{**schedule, "held_at": dt.datetime(2026, 12, 20, 8, tzinfo=HCM),
                                        "notice_on": dt.date(2026, 12, 10)})  # fmt: skip
    refused(lambda: actions.cancel_meeting(later, by=cast.clerk_a, reason=" "))
    audited(
        later,
        Action.WITHDRAWN,
        cast.clerk_a,
        lambda: actions.cancel_meeting(later, by=cast.clerk_a, reason="Bão"),
    )


# --- Decisions ------------------------------------------------------------------------------------


def new_decision(cast, clause=3, method="meeting", owner=None):
    return actions.create_decision(
        owner=owner or cast.village_a,
        by=cast.clerk_a,
        item=item(15, clause),
        title="Đường thôn",
        method=method,
    )


def test_creating_a_decision_is_audited(cast):
    before = AuditEvent.objects.count()
    decision = new_decision(cast)
    one_new_row(before, decision, Action.CREATED, cast.clerk_a)
    refused(lambda: new_decision(cast, clause=3, method="online"))


def test_tallying_sending_and_recognising_are_audited(cast):
    decision = new_decision(cast)
    today = timezone.localdate()
    refused(lambda: actions.record_tally(decision, by=cast.clerk_a, decided_on=today, agree=500))
    audited(decision, Action.TALLIED, cast.clerk_a,
                  lambda: actions.record_tally(decision, by=cast.clerk_a, decided_on=today, agree=70, disagree=10))  # fmt: skip
    audited(
        decision,
        Action.SENT,
        cast.clerk_a,
        lambda: actions.mark_sent(decision, by=cast.clerk_a, sent_on=today),
    )
    refused(lambda: actions.mark_sent(decision, by=cast.clerk_a, sent_on=today))
    audited(decision, Action.RECOGNISED, cast.approver_a,
            lambda: actions.recognise(decision, by=cast.approver_a, on=today))  # fmt: skip
    refused(lambda: actions.recognise(decision, by=cast.approver_a, on=today))


def test_a_refusal_is_audited_with_its_reason(cast):
    decision = new_decision(cast)
    today = timezone.localdate()
    actions.record_tally(decision, by=cast.clerk_a, decided_on=today, agree=70)
    actions.mark_sent(decision, by=cast.clerk_a, sent_on=today)
    before = AuditEvent.objects.count()
    actions.recognise(decision, by=cast.approver_a, on=today, refuse_reason="Trái pháp luật")
    row = one_new_row(before, decision, Action.REFUSED, cast.approver_a)
    assert row.note == "Trái pháp luật"


def test_the_online_vote_is_audited_without_codes_households_or_choices(cast):
    decision = new_decision(cast, clause=6, method="online")
    households = [f"Hộ {n}" for n in range(120)]
    now = timezone.now()
    refused(lambda: actions.open_online_vote(decision, by=cast.clerk_a, households=households, consent=60,
                                             opens_at=now, closes_at=now + dt.timedelta(hours=1)))  # fmt: skip
    before = AuditEvent.objects.count()
    codes = actions.open_online_vote(
        decision, by=cast.clerk_a, households=households, consent=61,
        opens_at=now - dt.timedelta(minutes=1), closes_at=now + dt.timedelta(hours=1),
    )  # fmt: skip
    opened = one_new_row(before, decision, Action.VOTE_OPENED, cast.clerk_a)
    assert opened.changes["codes"] == 120
    text = str(opened.changes)
    assert not any(code in text for _h, code in codes) and "Hộ 0" not in text

    # A cast vote writes no row at all: the used code already says a household voted.
    before = AuditEvent.objects.count()
    actions.cast_vote(decision, code=codes[0][1], choice=Ballot.Choice.AGREE)
    assert AuditEvent.objects.count() == before
    refused(lambda: actions.cast_vote(decision, code=codes[0][1], choice=Ballot.Choice.AGREE))

    # Counting (by the job, after the vote closed) writes one row by the system with the totals.
    later = now + dt.timedelta(hours=2)
    assert actions.count_online_votes(now=later) == 1
    counted = one_new_row(before, decision, Action.VOTES_COUNTED, None)
    assert counted.changes["agree"] == 1 and counted.changes["present"] == 1
    assert actions.count_online_votes(now=later) == 0
    assert AuditEvent.objects.count() == before + 1


# --- Recommendations ---------------------------------------------------------------------------


def test_a_recommendation_and_its_answer_are_audited(cast):
    made = {
        "subject": "Chậm trả lời",
        "text": "Chi tiết",
        "addressed_to": "UBND xã",
        "made_on": timezone.localdate(),
    }
    before = AuditEvent.objects.count()
    recommendation = actions.make_recommendation(owner=cast.a, by=cast.inspector_a, **made)
    one_new_row(before, recommendation, Action.RECOMMENDED, cast.inspector_a)
    refused(lambda: actions.make_recommendation(owner=cast.a, by=cast.inspector_a, **{**made, "subject": ""}))
    audited(recommendation, Action.ANSWERED, cast.clerk_a,
            lambda: actions.answer_recommendation(recommendation, by=cast.clerk_a, answer="Đã xử lý",
                                                  on=timezone.localdate()))  # fmt: skip
    refused(lambda: actions.answer_recommendation(recommendation, by=cast.clerk_a, answer=" ",
                                                  on=timezone.localdate()))  # fmt: skip


# --- Where the trail is read ----------------------------------------------------------------------


def test_the_trail_is_on_the_staff_pages_and_in_the_read_only_admin(client, cast, make_consultation):
    consultation = make_consultation()
    decision = new_decision(cast)
    recommendation = actions.make_recommendation(
        owner=cast.a, by=cast.inspector_a, subject="Chậm", text="Chi tiết", addressed_to="UBND xã",
        made_on=timezone.localdate(),
    )  # fmt: skip
    client.force_login(cast.clerk_a)
    for name, obj, label in [
        ("staff_detail", consultation, "Tạo mới"),
        ("decision_detail", decision, "Tạo mới"),
        ("recommendation_detail", recommendation, "Gửi kiến nghị"),
    ]:
        page = client.get(reverse(f"consultations:{name}", args=[obj.pk])).content.decode()
        assert "Nhật ký" in page and label in page, name
    client.force_login(cast.admin)
    for model, obj in [
        ("consultation", consultation),
        ("decision", decision),
        ("recommendation", recommendation),
    ]:
        page = client.get(reverse(f"admin:consultations_{model}_change", args=[obj.pk]))
        assert page.status_code == 200, model
        assert "Tạo mới" in page.content.decode() or "Gửi kiến nghị" in page.content.decode()
        assert 'name="_save"' not in page.content.decode()  # read-only
        assert client.get(reverse(f"admin:consultations_{model}_changelist")).status_code == 200
    assert (
        "code_hash"
        not in client.get(reverse("admin:consultations_decision_change", args=[decision.pk])).content.decode()
    )


def test_posting_on_the_commune_board_and_withdrawing_are_one_row_each(cast, make_consultation):
    from tests.conftest import make_user
    from units.models import Role

    head = make_user("head_agency_a", Role.APPROVER, agency=cast.agency_a)
    consultation = make_consultation(cast.agency_a)
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        actions.post_on_board(consultation, by=head, decision="")
    assert AuditEvent.objects.count() == before  # refused: no row
    row = audited(
        consultation, Action.POSTED_ON_BOARD, head, lambda: actions.post_on_board(consultation, by=head, decision="Ý kiến chỉ đạo")
    )  # fmt: skip
    assert row is True
    assert AuditEvent.objects.of(consultation).get(action=Action.POSTED_ON_BOARD).note == "Ý kiến chỉ đạo"
    audited(
        consultation, Action.BOARD_POSTING_WITHDRAWN, head,
        lambda: actions.withdraw_from_board(consultation, by=head, reason="Nhầm nội dung"),
    )  # fmt: skip
    before = AuditEvent.objects.count()
    assert not actions.withdraw_from_board(
        consultation, by=head, reason="Lần nữa"
    )  # already withdrawn: nothing
    assert AuditEvent.objects.count() == before
