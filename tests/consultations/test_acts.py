"""Every act by the right person, and nothing published changes in place (issue 18 items 1, 4, 5; issue 14
item 6): a tally typed in by hand applies once, to meetings and household ballots only."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from consultations import actions
from consultations.models import ConsultationState, Decision, DecisionState, Recommendation
from democracy.models import Action, AuditEvent, CatalogueItem, Kind
from disclosures import actions as disclosure_actions
from disclosures.models import Disclosure, State

from .conftest import item, publish_results

# --- Item 1: the tally ---------------------------------------------------------------------------


def _decision(cast, clause=3, method="meeting"):
    return actions.create_decision(
        owner=cast.village_a, by=cast.clerk_a, item=item(15, clause), title="Đường thôn", method=method
    )


def _running_vote(cast):
    decision = _decision(cast, clause=6, method="online")
    now = timezone.now()
    actions.open_online_vote(
        decision, by=cast.clerk_a, households=[f"Hộ {n}" for n in range(120)], consent=61,
        opens_at=now - dt.timedelta(hours=1), closes_at=now + dt.timedelta(hours=1),
    )  # fmt: skip
    return decision


def _tally_url(decision):
    return reverse("consultations:decision_tally", args=[decision.pk])


def _tally_data(**fields):
    return {"decided_on": timezone.localdate().strftime("%d/%m/%Y"), **fields}


def test_a_clerk_cannot_tally_a_running_online_vote_by_hand(client, cast):
    decision = _running_vote(cast)
    before = AuditEvent.objects.count()
    client.force_login(cast.clerk_a)
    response = client.post(_tally_url(decision), _tally_data(present=97, agree=97))
    page = response.content.decode()
    assert response.status_code == 200 and "chỉ được kiểm phiếu tự động" in page
    assert 'action="' + _tally_url(decision) not in page  # the form is not offered
    decision.refresh_from_db()
    assert (decision.state, decision.agree, decision.outcome) == (DecisionState.VOTING, None, "")
    assert AuditEvent.objects.count() == before
    with pytest.raises(Exception, match="kiểm phiếu tự động"):
        actions.record_tally(decision, by=cast.clerk_a, decided_on=timezone.localdate(), agree=97)
    # Households can still vote, and the job counts the box when the time is over.
    code_page = client.get(reverse("consultations:decision_detail", args=[decision.pk])).content.decode()
    assert "Đã dùng 0/120" in code_page


def test_a_counted_online_vote_cannot_be_rewritten_by_hand(client, cast):
    decision = _running_vote(cast)
    assert actions.count_online_votes(now=timezone.now() + dt.timedelta(hours=2)) == 1
    decision.refresh_from_db()
    counted = (decision.state, decision.agree, decision.present, decision.outcome)
    client.force_login(cast.clerk_a)
    response = client.post(_tally_url(decision), _tally_data(present=97, agree=97))
    assert response.status_code == 200 and "kiểm phiếu tự động" in response.content.decode()
    decision.refresh_from_db()
    assert (decision.state, decision.agree, decision.present, decision.outcome) == counted


def test_a_meeting_is_tallied_once_and_a_correction_is_a_new_vote(client, cast):
    decision = _decision(cast)
    client.force_login(cast.clerk_a)
    assert (
        client.post(_tally_url(decision), _tally_data(present=120, agree=60, disagree=60)).status_code == 302
    )
    decision.refresh_from_db()
    assert (decision.agree, decision.outcome) == (60, "failed")
    page = client.get(reverse("consultations:decision_detail", args=[decision.pk])).content.decode()
    assert 'action="' + _tally_url(decision) not in page
    before = AuditEvent.objects.count()
    response = client.post(_tally_url(decision), _tally_data(present=120, agree=97, disagree=23))
    assert response.status_code == 200 and "biểu quyết lại bằng một nội dung mới" in response.content.decode()
    decision.refresh_from_db()
    assert (decision.agree, decision.outcome, decision.state) == (60, "failed", DecisionState.TALLIED)
    assert AuditEvent.objects.count() == before
    assert list(
        AuditEvent.objects.of(decision).filter(action=Action.TALLIED).values_list("changes__agree", flat=True)
    ) == [60]


def test_a_household_ballot_and_a_staff_conference_are_tallied_by_hand(cast):
    ballot = _decision(cast, clause=6, method="ballot")  # items 3–5 only at a meeting (Art. 17(2))
    actions.record_tally(ballot, by=cast.clerk_a, decided_on=timezone.localdate(), agree=61, disagree=59)
    staff = actions.create_decision(
        owner=cast.agency_a,
        by=cast.admin,
        item=item(49, 1, "agency"),
        title="Quy chế",
        method="staff_conference",
    )
    actions.record_tally(
        staff, by=cast.admin, decided_on=timezone.localdate(), agree=10, disagree=9, present=19
    )
    assert Decision.objects.filter(pk__in=[ballot.pk, staff.pk], state=DecisionState.TALLIED).count() == 2


# --- Issue 14 item 6, issue 18 item 4: a recommendation's receipt and its answer --------------------


def _recommend(cast, made_on, received_on=None, owner=None):
    return actions.make_recommendation(
        owner=owner or cast.a, by=cast.inspector_a, subject="Công khai quỹ", text="Đề nghị công khai thu chi",
        addressed_to="UBND xã", made_on=made_on, received_on=received_on,
    )  # fmt: skip


def test_the_answer_is_due_fifteen_days_from_receipt_not_from_the_making(cast):
    # Made Monday 02/12/2024, received Friday 06/12/2024: 15 days from the receipt end Saturday
    # 21/12/2024, a day off, so (communes extend to the next working day) Monday 23/12/2024.
    r = _recommend(cast, dt.date(2024, 12, 2), dt.date(2024, 12, 6))
    assert (r.received_on, r.due_on) == (dt.date(2024, 12, 6), dt.date(2024, 12, 23))
    assert "06/12/2024" in r.due_explanation
    same_day = _recommend(cast, dt.date(2024, 12, 6))
    assert same_day.received_on == dt.date(2024, 12, 6) and same_day.due_on == dt.date(2024, 12, 23)


def test_the_days_to_answer_come_from_the_catalogue(cast):
    CatalogueItem.objects.filter(kind=Kind.SUPERVISE, scope="commune").update(answer_days=10)
    r = _recommend(cast, dt.date(2024, 12, 2), dt.date(2024, 12, 6))
    assert r.due_on == dt.date(2024, 12, 16)  # Monday: 10 days from Friday 06/12
    agency = _recommend(cast, dt.date(2024, 12, 2), dt.date(2024, 12, 6), owner=cast.agency_a)
    assert agency.due_on >= dt.date(2024, 12, 21)  # the agencies' items still say 15


def test_the_receipt_cannot_precede_the_making_nor_lie_in_the_future(cast):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as early:
        _recommend(cast, today - dt.timedelta(days=3), today - dt.timedelta(days=4))
    assert "received_on" in early.value.error_dict
    with pytest.raises(ValidationError) as future:
        _recommend(cast, today, today + dt.timedelta(days=1))
    assert "received_on" in future.value.error_dict
    assert not Recommendation.objects.exists()


def test_the_receipt_is_recorded_through_the_form(client, cast):
    client.force_login(cast.inspector_a)
    page = client.get(reverse("consultations:recommendation_create", args=[cast.a.code])).content.decode()
    assert "trong 15 ngày kể từ ngày nhận" in page
    response = client.post(
        reverse("consultations:recommendation_create", args=[cast.a.code]),
        {"subject": "Công khai quỹ", "text": "Chi tiết", "addressed_to": "UBND xã", "made_on": "02/12/2024",
         "received_on": "06/12/2024"},
    )  # fmt: skip
    assert response.status_code == 302
    assert Recommendation.objects.get().due_on == dt.date(2024, 12, 23)


def test_an_answer_cannot_be_back_dated_before_the_receipt_nor_dated_in_the_future(cast):
    r = _recommend(cast, dt.date(2024, 12, 2), dt.date(2024, 12, 6))
    before = AuditEvent.objects.count()
    for day in (dt.date(2020, 1, 1), dt.date(2024, 12, 5), timezone.localdate() + dt.timedelta(days=1)):
        with pytest.raises(ValidationError) as refused:
            actions.answer_recommendation(r, by=cast.clerk_a, answer="Đã xử lý", on=day)
        assert "answered_on" in refused.value.error_dict
    assert AuditEvent.objects.count() == before
    actions.answer_recommendation(r, by=cast.clerk_a, answer="Đã xử lý", on=dt.date(2024, 12, 6))


def test_a_given_answer_is_corrected_only_with_a_reason_and_the_earlier_one_stays(client, cast):
    r = _recommend(cast, dt.date(2024, 12, 2), dt.date(2024, 12, 6))
    actions.answer_recommendation(r, by=cast.clerk_a, answer="Đã niêm yết.", on=dt.date(2024, 12, 10))
    with pytest.raises(ValidationError) as refused:
        actions.answer_recommendation(r, by=cast.clerk_a, answer="Chưa niêm yết.", on=dt.date(2024, 12, 11))
    assert "reason" in refused.value.error_dict
    r.refresh_from_db()
    assert (r.answer, r.answered_on) == ("Đã niêm yết.", dt.date(2024, 12, 10))
    client.force_login(cast.clerk_a)
    url = reverse("consultations:recommendation_detail", args=[r.pk])
    response = client.post(
        url, {"answer": "Đã niêm yết 30 ngày.", "answered_on": "11/12/2024", "reason": "Ghi thiếu thời gian"}
    )
    assert response.status_code == 302
    r.refresh_from_db()
    assert (r.answer, r.answered_on) == ("Đã niêm yết 30 ngày.", dt.date(2024, 12, 11))
    revision = r.revisions.get()
    assert (revision.text, revision.given_on, revision.reason, revision.revised_by) == (
        "Đã niêm yết.", dt.date(2024, 12, 10), "Ghi thiếu thời gian", cast.clerk_a,
    )  # fmt: skip
    row = AuditEvent.objects.of(r).last()
    assert (row.action, row.note, row.changes["previous_answer"]) == (
        Action.ANSWER_CORRECTED, "Ghi thiếu thời gian", "Đã niêm yết.",
    )  # fmt: skip
    page = client.get(url).content.decode()
    assert "lý do: Ghi thiếu thời gian" in page and "Đã niêm yết." in page and "Đã niêm yết 30 ngày." in page


# --- Item 5: the results are published by the approver; item 4: responses and hides after that ------


@pytest.fixture
def ended(make_consultation, cast):
    """Opened 40 days ago, two comments received during the period, then closed by the job."""
    c = make_consultation(opened_on=timezone.localdate() - dt.timedelta(days=40))
    during = c.opened_at + dt.timedelta(days=1)
    actions.add_comment(c, text="Ý kiến thứ nhất", received_at=during)
    actions.add_comment(c, text="Ý kiến thứ hai", received_at=during)
    actions.close_due_consultations()
    c.refresh_from_db()
    return c


def _answer_all(consultation, cast):
    for n, comment in enumerate(consultation.comments.all()):
        actions.respond(comment, by=cast.clerk_a, kind="explained", text=f"Trả lời số {n}")


def test_a_clerk_alone_does_not_publish_the_results(client, cast, ended):
    _answer_all(ended, cast)
    client.force_login(cast.clerk_a)
    response = client.post(
        reverse("consultations:publish_results", args=[ended.pk]),
        {"summary": "Thống nhất.", "result_number": "35/BC"},
    )
    assert response.status_code == 302
    ended.refresh_from_db()
    disclosure = ended.result_disclosure
    assert (ended.state, ended.results_published_at) == (ConsultationState.CLOSED, None)
    assert disclosure.state == State.SUBMITTED and disclosure.published_at is None
    assert not AuditEvent.objects.of(disclosure).filter(action=Action.PUBLISHED).exists()
    # A second submission creates nothing more; the clerk cannot publish the disclosure.
    again = client.post(reverse("consultations:publish_results", args=[ended.pk]), {"summary": "Lần hai"})
    assert again.status_code == 400 and "đã được trình phê duyệt" in again.content.decode()
    assert Disclosure.objects.filter(title__startswith="Kết quả lấy ý kiến").count() == 1
    assert client.post(reverse("disclosures:publish", args=[disclosure.pk])).status_code == 403
    ended.refresh_from_db()
    assert ended.state == ConsultationState.CLOSED


def test_the_results_are_published_when_the_approver_publishes_after_a_return(cast, ended):
    _answer_all(ended, cast)
    disclosure = actions.submit_results(ended, by=cast.clerk_a, summary="Thống nhất.", result_number="35/BC")
    disclosure_actions.return_submission(disclosure, by=cast.approver_a, reason="Ghi rõ số ý kiến")
    disclosure_actions.update_draft(disclosure, by=cast.clerk_a, body="Thống nhất; 2 ý kiến được giải trình.")
    disclosure_actions.submit(disclosure, by=cast.clerk_a)
    ended.refresh_from_db()
    assert ended.state == ConsultationState.CLOSED
    assert disclosure_actions.publish(disclosure, by=cast.approver_a)
    ended.refresh_from_db()
    assert ended.state == ConsultationState.RESULTS_PUBLISHED
    assert ended.result_summary == "Thống nhất; 2 ý kiến được giải trình."
    row = AuditEvent.objects.of(ended).last()
    assert (row.action, row.actor) == (Action.RESULTS_PUBLISHED, cast.approver_a)


def test_a_published_response_is_corrected_only_with_a_reason_and_the_earlier_stays_visible(
    client, cast, ended
):
    _answer_all(ended, cast)
    publish_results(ended, cast, summary="Thống nhất.")
    comment = ended.comments.first()
    with pytest.raises(ValidationError) as refused:
        actions.respond(comment, by=cast.clerk_a, kind="accepted", text="Viết lại")
    assert "reason" in refused.value.error_dict
    comment.refresh_from_db()
    assert comment.response == "Trả lời số 0"
    client.force_login(cast.clerk_a)
    respond_url = reverse("consultations:comment_respond", args=[ended.pk, comment.pk])
    refused_page = client.post(respond_url, {"kind": "accepted", "response": "Viết lại"})
    assert refused_page.status_code == 400 and "phải nêu lý do" in refused_page.content.decode()
    done = client.post(
        respond_url, {"kind": "accepted", "response": "Đã tiếp thu vào Điều 5.", "reason": "Sai hình thức"}
    )
    assert done.status_code == 302
    comment.refresh_from_db()
    assert (comment.response_kind, comment.response) == ("accepted", "Đã tiếp thu vào Điều 5.")
    revision = comment.revisions.get()
    assert (revision.kind, revision.text, revision.reason, revision.revised_by) == (
        "explained", "Trả lời số 0", "Sai hình thức", cast.clerk_a,
    )  # fmt: skip
    row = AuditEvent.objects.of(ended).last()
    assert (row.action, row.note, row.changes["previous_response"]) == (
        Action.RESPONSE_CORRECTED, "Sai hình thức", "Trả lời số 0",
    )  # fmt: skip
    client.logout()
    public = client.get(reverse("consultations:detail", args=[ended.pk])).content.decode()
    assert (
        "Đã tiếp thu vào Điều 5." in public and "lý do: Sai hình thức" in public and "Trả lời số 0" in public
    )


def test_a_hide_is_never_rewritten_and_nothing_is_hidden_after_the_results(cast, ended):
    first, second = ended.comments.all()
    actions.hide_comment(first, by=cast.clerk_a, reason="Trùng lặp")
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match="đã được ẩn"):
        actions.hide_comment(first, by=cast.approver_a, reason="Lý do khác")
    first.refresh_from_db()
    assert (first.hidden_reason, first.hidden_by) == ("Trùng lặp", cast.clerk_a)
    actions.respond(second, by=cast.clerk_a, kind="explained", text="Giải trình")
    publish_results(ended, cast, summary="Thống nhất.")
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match="không ẩn được nữa"):
        actions.hide_comment(second, by=cast.clerk_a, reason="Xúc phạm")
    second.refresh_from_db()
    assert not second.is_hidden and AuditEvent.objects.count() == before


def test_sending_and_recognition_dates_cannot_precede_what_they_answer_nor_lie_in_the_future(cast):
    decision = _decision(cast)
    actions.record_tally(decision, by=cast.clerk_a, decided_on=dt.date(2024, 3, 1), agree=70, disagree=50)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    for day in (dt.date(2024, 2, 29), tomorrow):
        with pytest.raises(ValidationError) as refused:
            actions.mark_sent(decision, by=cast.clerk_a, sent_on=day)
        assert "sent_on" in refused.value.error_dict
    actions.mark_sent(decision, by=cast.clerk_a, sent_on=dt.date(2024, 3, 4))
    for day in (dt.date(2024, 3, 3), tomorrow):
        with pytest.raises(ValidationError) as refused:
            actions.recognise(decision, by=cast.approver_a, on=day)
        assert "on" in refused.value.error_dict
    actions.recognise(decision, by=cast.approver_a, on=dt.date(2024, 3, 5))
    decision.refresh_from_db()
    assert (decision.sent_on, decision.recognised_on) == (dt.date(2024, 3, 4), dt.date(2024, 3, 5))


def test_a_submitted_report_is_not_in_the_api_until_the_approver_publishes_it(client, cast, ended):
    _answer_all(ended, cast)
    disclosure = actions.submit_results(
        ended, by=cast.clerk_a, summary="Bản chưa duyệt.", result_number="35/BC"
    )
    body = client.get(f"/api/v1/consultations/{ended.pk}").json()
    assert (body["state"], body["result_summary"], body["result_number"], body["result_disclosure"]) == (
        "closed", "", "", None,
    )  # fmt: skip
    disclosure_actions.publish(disclosure, by=cast.approver_a)
    body = client.get(f"/api/v1/consultations/{ended.pk}").json()
    assert (body["state"], body["result_summary"], body["result_number"], body["result_disclosure"]) == (
        "results_published", "Bản chưa duyệt.", "35/BC", disclosure.pk,
    )  # fmt: skip
