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
    with pytest.raises(ValidationError, match="trên 50%"):
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
        owner=cast.village_a, by=cast.clerk_a, item=item(15, 1), title="Đóng góp làm đường", method="meeting"
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
