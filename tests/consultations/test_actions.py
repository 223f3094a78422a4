import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from consultations import actions
from consultations.models import Ballot, ConsultationState, DecisionState, PendingBallot, VoteCode
from disclosures.models import State

from .conftest import HCM, item, publish_results


def test_the_dong_son_cycle_closes_with_no_comments_and_publishes_its_result(make_consultation, cast):
    c = make_consultation(opened_on=dt.date(2024, 2, 5))
    assert c.ends_on == dt.date(2024, 2, 26)  # 06/02 → 25/02 (a Sunday) → end of Monday 26/02
    assert actions.close_due_consultations(now=dt.datetime(2024, 2, 26, 23, tzinfo=HCM)) == 0
    assert actions.close_due_consultations(now=dt.datetime(2024, 2, 27, 8, tzinfo=HCM)) == 1
    assert actions.close_due_consultations(now=dt.datetime(2024, 2, 27, 9, tzinfo=HCM)) == 0
    c.refresh_from_db()
    disclosure = publish_results(c, cast, summary="Không có ý kiến đóng góp; thống nhất 100%.", result_number="164/BC-UBND",
        now=dt.datetime(2024, 2, 27, 10, tzinfo=HCM),
    )  # fmt: skip
    c.refresh_from_db()
    assert c.state == ConsultationState.RESULTS_PUBLISHED and c.result_disclosure == disclosure
    assert disclosure.consultation == c
    assert (disclosure.item.article, disclosure.item.clause, disclosure.state) == (11, 11, State.PUBLISHED)


def test_a_period_shorter_than_20_days_is_refused(make_consultation):
    with pytest.raises(ValidationError, match="không được ít hơn 20 ngày"):
        make_consultation(period_days=15)


def test_results_wait_for_a_response_to_every_comment(make_consultation, cast):
    c = make_consultation(opened_on=dt.date(2024, 2, 5))
    comment = actions.add_comment(
        c, text="Đề nghị bổ sung Điều 5", section="Điều 5", received_at=dt.datetime(2024, 2, 6, tzinfo=HCM)
    )
    actions.add_comment(c, text="Ý kiến tại hội nghị", channel="conference", people_count=28, by=cast.clerk_a,
                        received_at=dt.datetime(2024, 2, 7, tzinfo=HCM))  # fmt: skip
    actions.close_due_consultations(now=dt.datetime(2024, 3, 1, tzinfo=HCM))
    c.refresh_from_db()
    with pytest.raises(ValidationError, match="Còn 2 ý kiến chưa được giải trình"):
        publish_results(c, cast, summary="Tổng hợp")
    actions.respond(comment, by=cast.clerk_a, kind="accepted", text="Đã bổ sung.")
    actions.hide_comment(c.comments.last(), by=cast.clerk_a, reason="Trùng lặp")
    assert publish_results(c, cast, summary="Tổng hợp")


def test_online_comments_close_with_the_period(make_consultation):
    c = make_consultation(opened_on=dt.date(2024, 2, 5))
    with pytest.raises(ValidationError, match="đã kết thúc"):
        actions.add_comment(c, text="Muộn", received_at=dt.datetime(2024, 2, 27, 8, tzinfo=HCM))


def test_an_online_vote_needs_more_than_half_of_households_to_opt_in(cast):
    village = cast.village_a  # 120 households
    decision = actions.create_decision(
        owner=village, by=cast.clerk_a, item=item(15, 6), title="Làm đèn đường", method="online"
    )
    households = [f"Hộ {i}" for i in range(120)]
    start, end = dt.datetime(2024, 3, 1, tzinfo=HCM), dt.datetime(2024, 3, 3, tzinfo=HCM)
    with pytest.raises(ValidationError, match="trên 1/2 tổng số hộ"):
        actions.open_online_vote(
            decision, by=cast.clerk_a, households=households, consent=60, opens_at=start, closes_at=end
        )
    codes = actions.open_online_vote(
        decision, by=cast.clerk_a, households=households, consent=61, opens_at=start, closes_at=end
    )
    assert (
        len(codes) == 120 and not VoteCode.objects.filter(code_hash=codes[0][1]).exists()
    )  # only hashes stored
    during = dt.datetime(2024, 3, 2, tzinfo=HCM)
    receipts = [actions.cast_vote(decision, code=code, choice="agree", now=during) for _, code in codes[:61]]
    with pytest.raises(ValidationError, match="đã được dùng"):
        actions.cast_vote(decision, code=codes[0][1], choice="disagree", now=during)
    # In the ballot box until the count, then counted ballots; neither has a link to the code or a time.
    assert len(set(receipts)) == 61 and PendingBallot.objects.count() == 61 and not Ballot.objects.exists()
    assert VoteCode.objects.filter(used=True).count() == 61
    assert actions.count_online_votes(now=during) == 0  # not revealed before the end
    assert actions.count_online_votes(now=end + dt.timedelta(minutes=1)) == 1
    assert not PendingBallot.objects.exists() and Ballot.objects.count() == 61
    assert {b.receipt for b in Ballot.objects.all()} == set(receipts)
    for model in (Ballot, PendingBallot):
        fields = {f.name for f in model._meta.concrete_fields}
        assert fields == {"id", "decision", "choice", "other_text", "receipt"}
    decision.refresh_from_db()
    assert (decision.agree, decision.outcome, decision.state) == (61, "passed", DecisionState.TALLIED)


def test_online_votes_only_for_item_6(cast):
    with pytest.raises(ValidationError, match="khoản 6"):
        actions.create_decision(
            owner=cast.village_a, by=cast.clerk_a, item=item(15, 3), title="Hương ước", method="online"
        )


def test_deadlines_to_send_and_to_recognise_are_tracked(cast):
    d = actions.create_decision(
        owner=cast.village_a, by=cast.clerk_a, item=item(15, 3), title="Sửa hương ước", method="meeting"
    )
    actions.record_tally(
        d, by=cast.clerk_a, decided_on=dt.date(2024, 2, 7), agree=80, disagree=30, present=110
    )
    assert d.outcome == "passed" and d.send_deadline == dt.date(2024, 2, 21)
    actions.mark_sent(d, by=cast.clerk_a, sent_on=dt.date(2024, 2, 20))
    assert d.recognition_deadline == dt.date(2024, 2, 27)
    actions.recognise(d, by=cast.approver_a, on=dt.date(2024, 2, 23))
    assert d.state == DecisionState.RECOGNISED


def test_a_recommendation_is_due_within_15_days(cast):
    r = actions.make_recommendation(owner=cast.a, by=cast.inspector_a, subject="Công khai quỹ", text="Đề nghị công khai",
                                    addressed_to="UBND xã", made_on=dt.date(2024, 3, 1))  # fmt: skip
    assert r.due_on == dt.date(2024, 3, 18)  # 16/03 is a Saturday → end of Monday 18/03
    assert r.is_overdue(dt.date(2024, 3, 19)) and not r.is_overdue(dt.date(2024, 3, 18))


def test_the_public_page_shows_the_comments_a_hundred_at_a_time(client, make_consultation):
    from consultations.models import Comment

    c = make_consultation(opened_on=dt.date(2024, 2, 5))
    Comment.objects.bulk_create(
        Comment(
            consultation=c,
            text=f"Ý kiến số {i}",
            received_at=dt.datetime(2024, 2, 6, tzinfo=HCM),
            response="Tiếp thu",
        )
        for i in range(150)
    )
    actions.close_due_consultations(now=dt.datetime(2024, 3, 1, tzinfo=HCM))
    first = client.get(f"/consultations/{c.pk}/").content.decode()
    second = client.get(f"/consultations/{c.pk}/?page=2").content.decode()
    assert "Ý kiến số 99<" in first and "Ý kiến số 100<" not in first
    assert "Ý kiến số 149<" in second and "Trang 2/2" in second


# --- The law's rules for decisions, read from the catalogue (issue 14, items 2–4 and 9) --------------


def test_only_items_3_to_5_wait_for_recognition_and_by_the_body_the_law_names(cast):
    """Art. 21(2): items 3–4 by the commune People's Committee, item 5 by the commune Front; items 1, 2 and
    6 take effect on the vote."""
    today = dt.date(2024, 3, 4)
    expected = {1: "", 2: "", 3: "committee", 4: "committee", 5: "front", 6: ""}
    for clause, by in expected.items():
        d = actions.create_decision(
            owner=cast.village_a,
            by=cast.clerk_a,
            item=item(15, clause),
            title=f"Khoản {clause}",
            method="meeting",
        )
        actions.record_tally(d, by=cast.clerk_a, decided_on=today, agree=120, present=120)
        actions.mark_sent(d, by=cast.clerk_a, sent_on=dt.date(2024, 3, 5))
        assert d.recognised_by == by, clause
        if by:  # 5 working days from Tuesday 05/03
            assert d.recognition_deadline == dt.date(2024, 3, 12) and d.in_effect_on is None
        else:
            assert d.recognition_deadline is None and d.in_effect_on == today
            with pytest.raises(ValidationError, match="không cần công nhận"):
                actions.recognise(d, by=cast.approver_a, on=dt.date(2024, 3, 6))


def test_items_3_to_5_are_decided_at_a_meeting_and_a_ballot_only_replaces_one_too_few_attended(cast):
    """Art. 17(2) and 19(1)(b)."""
    with pytest.raises(ValidationError, match="phải quyết định tại cuộc họp"):
        actions.create_decision(
            owner=cast.village_a, by=cast.clerk_a, item=item(15, 4), title="Bầu trưởng thôn", method="ballot"
        )
    meeting = actions.create_decision(
        owner=cast.village_a, by=cast.clerk_a, item=item(15, 4), title="Bầu trưởng thôn", method="meeting"
    )
    # 61 of 120 households present could have passed it (> 1/2): not a reason for a ballot.
    actions.record_tally(meeting, by=cast.clerk_a, decided_on=dt.date(2024, 2, 7), agree=30, present=61)
    assert not actions.attendance_too_low(meeting)
    with pytest.raises(ValidationError, match="không đủ số hộ dự"):
        actions.create_decision(
            owner=cast.village_a, by=cast.clerk_a, item=item(15, 4), title="Bầu trưởng thôn", method="ballot",
            follows=meeting,
        )  # fmt: skip
    thin = actions.create_decision(
        owner=cast.village_a, by=cast.clerk_a, item=item(15, 4), title="Bầu trưởng thôn", method="meeting"
    )
    actions.record_tally(thin, by=cast.clerk_a, decided_on=dt.date(2024, 2, 8), agree=60, present=60)
    assert actions.attendance_too_low(thin)  # 60/120 cannot be more than half
    ballot = actions.create_decision(
        owner=cast.village_a, by=cast.clerk_a, item=item(15, 4), title="Bầu trưởng thôn", method="ballot",
        follows=thin,
    )  # fmt: skip
    assert ballot.follows == thin
    with pytest.raises(ValidationError, match="Chỉ biểu quyết trực tuyến với khoản 6"):
        actions.create_decision(
            owner=cast.village_a, by=cast.clerk_a, item=item(15, 5), title="Bầu Ban TTND", method="online"
        )


def test_a_commune_wide_decision_counts_villages_only_for_items_1_and_2(cast):
    """Art. 21(1)(b) counts villages (≥ 2/3) for items 1–2; items 3–6 count all the commune's household
    representatives (> 1/2, Art. 21(1)(c)), never villages."""
    from tests.conftest import make_unit
    from units.models import Level, UnitType

    make_unit(
        "07282-02", "Thôn Hai", Level.VILLAGE, UnitType.THON, cast.a, households=80
    )  # 120 + 80 households
    contribution = actions.create_decision(
        owner=cast.a, by=cast.clerk_a, item=item(15, 1), title="Đóng góp đường liên thôn", method="meeting"
    )
    assert contribution.electorate == 2

    def convention(agree):
        d = actions.create_decision(
            owner=cast.a, by=cast.clerk_a, item=item(15, 6), title="Giờ sinh hoạt chung", method="meeting"
        )
        assert d.electorate == 200
        return actions.record_tally(
            d, by=cast.clerk_a, decided_on=dt.date(2024, 2, 7), agree=agree, present=150
        )

    assert convention(100).outcome == "failed"  # 100/200 is not more than half
    passed = convention(101)
    assert passed.outcome == "passed" and "101/200 hộ" in passed.outcome_explanation


def test_the_decision_numbers_come_from_the_catalogue(cast):
    """Change the catalogue and the deadlines and the online-vote consent move with it."""
    from democracy.models import CatalogueItem

    CatalogueItem.objects.filter(article=15, clause=3).update(
        send_working_days=3, recognition_working_days=10
    )
    CatalogueItem.objects.filter(article=15, clause=6).update(
        online_consent_numerator=2, online_consent_denominator=3
    )
    d = actions.create_decision(
        owner=cast.village_a, by=cast.clerk_a, item=item(15, 3), title="Sửa hương ước", method="meeting"
    )
    actions.record_tally(d, by=cast.clerk_a, decided_on=dt.date(2024, 2, 7), agree=61, present=100)
    assert d.send_deadline == dt.date(2024, 2, 19)  # 3 working days (Tết 2024: 08–14/02 off)
    actions.mark_sent(d, by=cast.clerk_a, sent_on=dt.date(2024, 2, 20))
    assert d.recognition_deadline == dt.date(2024, 3, 5)  # 10 working days
    online = actions.create_decision(
        owner=cast.village_a, by=cast.clerk_a, item=item(15, 6), title="Đèn đường", method="online"
    )
    start = dt.datetime(2024, 3, 1, tzinfo=HCM)
    with pytest.raises(ValidationError, match="trên 2/3"):
        actions.open_online_vote(
            online, by=cast.clerk_a, households=[f"Hộ {i}" for i in range(120)], consent=80,
            opens_at=start, closes_at=start + dt.timedelta(days=1),
        )  # fmt: skip


def test_a_delegate_conference_counts_its_quorum_and_majority_on_the_delegates_convened(cast):
    """Art. 51(2)(b)–(c): an agency of 100 staff or more may convene delegates; a smaller one only with a
    reason (dispersed, cannot leave their posts). Quorum ≥ 2/3 and majority > 1/2 of the delegates."""
    agency_item = item(49, 1, "agency")
    with pytest.raises(ValidationError, match="hãy ghi lý do"):  # 28 staff, no reason
        actions.create_decision(
            owner=cast.agency_a, by=cast.clerk_a, item=agency_item, title="Quy chế", method="delegate_conference",
            delegates=15,
        )  # fmt: skip
    cast.agency_a.staff_count = 150
    cast.agency_a.save()
    with pytest.raises(ValidationError, match="không được vượt quá tổng số 150"):
        actions.create_decision(
            owner=cast.agency_a, by=cast.clerk_a, item=agency_item, title="Quy chế", method="delegate_conference",
            delegates=151,
        )  # fmt: skip
    d = actions.create_decision(
        owner=cast.agency_a, by=cast.clerk_a, item=agency_item, title="Quy chế", method="delegate_conference",
        delegates=60,
    )  # fmt: skip
    assert (d.electorate, d.staff_total) == (60, 150)
    actions.record_tally(d, by=cast.clerk_a, decided_on=dt.date(2024, 3, 4), agree=30, present=39)
    assert d.outcome == "no_quorum"  # 39 < 2/3 of 60 delegates
    d2 = actions.create_decision(
        owner=cast.agency_a, by=cast.clerk_a, item=agency_item, title="Quy chế", method="delegate_conference",
        delegates=60,
    )  # fmt: skip
    actions.record_tally(d2, by=cast.clerk_a, decided_on=dt.date(2024, 3, 4), agree=21, present=40)
    assert d2.outcome == "passed"  # 40 present ≥ 2/3 of 60; 21 > 1/2 of 40
