"""Every act by the right person, and nothing published changes in place (issue 18 items 1, 4, 5; issue 14
item 6): a tally typed in by hand applies once, to meetings and household ballots only."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations import actions
from consultations.models import Decision, DecisionState
from democracy.models import Action, AuditEvent

from .conftest import item

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
    ballot = _decision(cast, method="ballot")
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
