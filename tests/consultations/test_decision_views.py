"""Decisions through the pages: creating, tallying at the law's boundaries, commune-wide votes by village,
deadlines, the online vote end to end (secret ballot), the public board and the API."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from consultations import actions
from consultations.models import Decision, DecisionState, VoteCode
from units.models import AdministrativeUnit, Level, UnitType

from .conftest import item

CHOICE_WORDS = ("Tán thành", "Không tán thành", "agree", "disagree")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the rate limit counts per client in the cache
    yield
    cache.clear()


def _create(client, cast, clause=1, *, unit=None, method="meeting", title="Hương ước thôn"):
    client.force_login(cast.clerk_a)
    unit = unit or cast.village_a
    response = client.post(
        reverse("consultations:decision_create", args=[unit.code]),
        {"item": item(15, clause).pk, "title": title, "method": method, "description": ""},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return Decision.objects.latest("pk")


def _tally(client, decision, **fields):
    data = {"decided_on": timezone.localdate().strftime("%d/%m/%Y"), **fields}
    return client.post(reverse("consultations:decision_tally", args=[decision.pk]), data)


def _step(step, decision):
    return reverse(f"consultations:decision_{step}", args=[decision.pk])


def test_create_form_offers_only_the_allowed_methods_and_takes_the_households(client, cast):
    client.force_login(cast.clerk_a)
    page = client.get(reverse("consultations:decision_create", args=[cast.village_a.code])).content.decode()
    assert 'value="online"' in page and 'value="staff_conference"' not in page
    commune_page = client.get(reverse("consultations:decision_create", args=[cast.a.code])).content.decode()
    assert 'value="online"' not in commune_page
    d = _create(client, cast)
    assert (d.electorate, d.unit, d.created_by) == (120, cast.village_a, cast.clerk_a)
    detail = client.get(reverse("consultations:decision_detail", args=[d.pk])).content.decode()
    assert "Cần từ 2/3 tổng số hộ" in detail and "120" in detail


def test_online_is_refused_outside_item_6(client, cast):
    client.force_login(cast.clerk_a)
    response = client.post(
        reverse("consultations:decision_create", args=[cast.village_a.code]),
        {"item": item(15, 3).pk, "title": "Hương ước", "method": "online"},
    )
    assert response.status_code == 200 and "khoản 6 Điều 15" in response.content.decode()
    assert not Decision.objects.exists()


def test_outsiders_and_readers_cannot_create(client, cast):
    url = reverse("consultations:decision_create", args=[cast.village_a.code])
    client.force_login(cast.clerk_b)
    assert client.get(url).status_code == 404
    client.force_login(cast.inspector_a)
    assert client.get(url).status_code == 403


def test_item_1_passes_at_exactly_two_thirds(client, cast):
    d = _create(client, cast, 1)
    response = _tally(client, d, present=100, agree=80, disagree=20, other=0)
    assert response.status_code == 302
    d.refresh_from_db()
    assert (d.outcome, d.state) == ("passed", DecisionState.TALLIED)
    page = client.get(reverse("consultations:decision_detail", args=[d.pk])).content.decode()
    assert "Được thông qua" in page and "80/120" in page


def test_item_1_fails_just_below_two_thirds(client, cast):
    d = _create(client, cast, 1)
    _tally(client, d, present=100, agree=79, disagree=21)
    d.refresh_from_db()
    assert d.outcome == "failed"


def test_item_3_fails_at_exactly_half_and_passes_above(client, cast):
    d = _create(client, cast, 3)
    _tally(client, d, present=120, agree=60, disagree=60)
    d.refresh_from_db()
    assert d.outcome == "failed"
    above = _create(client, cast, 3)
    _tally(client, above, present=120, agree=61, disagree=59)
    above.refresh_from_db()
    assert above.outcome == "passed"


def test_tally_errors_are_shown_on_the_form(client, cast):
    d = _create(client, cast, 3)
    response = _tally(client, d, agree=100, disagree=30)
    assert response.status_code == 200 and "vượt quá tổng số" in response.content.decode()
    response = _tally(client, d, decided_on="31/02/2024", agree=1)
    assert "nn/tt/nnnn" in response.content.decode()
    d.refresh_from_db()
    assert d.outcome == ""


def test_commune_wide_items_1_2_are_tallied_by_village(client, cast):
    second = AdministrativeUnit.objects.create(
        code="07282-02",
        name="Thôn Đông",
        level=Level.VILLAGE,
        type=UnitType.THON,
        parent=cast.a,
        households=60,
    )
    d = _create(client, cast, 1, unit=cast.a, title="Chủ trương làm đường liên thôn")
    assert d.electorate == 2
    page = client.get(reverse("consultations:decision_detail", args=[d.pk])).content.decode()
    assert f"village_{second.pk}" in page and "2/3 số thôn" in page
    response = _tally(client, d, **{f"village_{cast.village_a.pk}": 80, f"village_{second.pk}": 61})
    assert "Vượt quá số hộ của thôn" in response.content.decode()
    _tally(client, d, **{f"village_{cast.village_a.pk}": 80, f"village_{second.pk}": 39})
    d.refresh_from_db()
    assert (d.agree, d.outcome) == (1, "failed")
    passing = _create(client, cast, 1, unit=cast.a, title="Chủ trương làm đường liên thôn")
    _tally(client, passing, **{f"village_{cast.village_a.pk}": 80, f"village_{second.pk}": 40})
    passing.refresh_from_db()
    assert (passing.agree, passing.outcome) == (2, "passed")
    assert passing.village_results.count() == 2


def test_deadlines_are_flagged_when_missed(client, cast):
    d = _create(client, cast, 3)
    _tally(client, d, decided_on="01/03/2024", agree=70, disagree=50)
    d.refresh_from_db()
    assert d.send_deadline == dt.date(2024, 3, 8)
    url = reverse("consultations:decision_detail", args=[d.pk])
    assert "Quá hạn gửi" in client.get(url).content.decode()  # today is long after
    client.post(_step("send", d), {"sent_on": "07/03/2024"})
    d.refresh_from_db()
    assert d.state == DecisionState.SENT and d.recognition_deadline == dt.date(2024, 3, 14)
    page = client.get(url).content.decode()
    assert "Quá hạn gửi" not in page and "Quá hạn công nhận" in page
    # The clerk may not recognise; the approver may.
    assert client.post(_step("recognise", d), {"on": "20/03/2024"}).status_code == 403
    client.force_login(cast.approver_a)
    client.post(_step("recognise", d), {"on": "20/03/2024", "refuse_reason": ""})
    d.refresh_from_db()
    assert (d.state, d.recognised_on) == (DecisionState.RECOGNISED, dt.date(2024, 3, 20))
    assert "Quá hạn công nhận" in client.get(url).content.decode()  # recognised late, still flagged


def test_recognition_on_time_is_not_flagged_and_refusal_needs_reasons_shown(client, cast):
    d = _create(client, cast, 3)
    _tally(client, d, decided_on="01/03/2024", agree=70, disagree=50)
    url = reverse("consultations:decision_detail", args=[d.pk])
    client.post(_step("send", d), {"sent_on": "04/03/2024"})
    client.force_login(cast.approver_a)
    client.post(_step("recognise", d), {"on": "05/03/2024", "refuse_reason": "Trái pháp luật"})
    d.refresh_from_db()
    assert d.state == DecisionState.REFUSED
    page = client.get(url).content.decode()
    assert "Quá hạn" not in page and "Trái pháp luật" in page


def _local(moment):
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


def test_the_online_vote_end_to_end_keeps_the_ballot_secret(client, cast):
    d = _create(client, cast, 6, method="online", title="Làm đèn đường")
    households = [f"Hộ ông Nguyễn Văn {i:03d}" for i in range(120)]
    now = timezone.now()
    start, end = now - dt.timedelta(hours=1), now + dt.timedelta(hours=2)
    url = reverse("consultations:vote_open", args=[d.pk])
    data = {"opens_at": _local(start), "closes_at": _local(end), "households": "\n".join(households)}
    responses = []

    refused = client.post(url, {**data, "consent": 60})
    assert refused.status_code == 200 and "Cần trên 1/2 tổng số hộ" in refused.content.decode()
    assert not VoteCode.objects.exists()

    opened = client.post(url, {**data, "consent": 61})
    page = opened.content.decode()
    codes = re.findall(r'<td class="code">([0-9A-F-]+)</td>', page)
    assert len(codes) == 120 and "In danh sách" in page and households[0] in page
    assert "no-store" in opened["Cache-Control"]
    responses.append(opened)
    again = client.get(url)
    assert codes[0] not in again.content.decode() and households[0] not in again.content.decode()
    assert not any(VoteCode.objects.filter(code_hash__contains=c) for c in codes[:3])

    voter = client_class_for(client)
    vote_url = reverse("consultations:vote", args=[d.pk])
    form = voter.get(vote_url)
    assert form.status_code == 200 and "Gửi biểu quyết" in form.content.decode()
    voted = voter.post(vote_url, {"code": codes[0].lower(), "choice": "agree"})
    receipt = re.search(r"<strong[^>]*>([0-9A-F]{12})</strong>", voted.content.decode()).group(1)
    responses.append(voted)
    voter.post(vote_url, {"code": codes[1], "choice": "other", "other_text": "Nên làm sớm"})
    twice = voter.post(vote_url, {"code": codes[0], "choice": "disagree"})
    assert twice.status_code == 400 and "đã được dùng" in twice.content.decode()

    # Before the end: the staff page shows how many codes were used, never the choices.
    staff = client.get(reverse("consultations:decision_detail", args=[d.pk])).content.decode()
    assert "Đã dùng 2/120 mã" in staff and "Nên làm sớm" not in staff
    receipt_url = reverse("consultations:vote_receipt", args=[d.pk])
    check = voter.post(receipt_url, {"receipt": receipt.lower()})
    body = check.content.decode()
    assert "Phiếu của hộ đã được ghi nhận" in body and "Tán thành: 1" not in body
    assert voter.post(receipt_url, {"receipt": "000000000000"}).status_code == 404

    assert actions.count_online_votes(now=end + dt.timedelta(minutes=1)) == 1
    d.refresh_from_db()
    assert (d.agree, d.other, d.state) == (1, 1, DecisionState.TALLIED)
    after = voter.post(receipt_url, {"receipt": receipt})
    assert "Phiếu của hộ đã được ghi nhận" in after.content.decode()
    assert "Tán thành: 1; không tán thành: 0; ý kiến khác: 1" in after.content.decode()
    responses += [check, after, staff, voter.get(reverse("consultations:decision_public", args=[d.pk]))]
    responses.append(client.get(reverse("consultations:decision_detail", args=[d.pk])))
    responses.append(voter.get(f"/api/v1/units/{cast.a.code}/decisions"))
    responses.append(client.get(f"/api/v1/units/{cast.village_a.code}/decisions"))
    for response in responses:
        text = response if isinstance(response, str) else response.content.decode()
        has_household = any(h in text for h in households)
        has_choice = any(w in text for w in CHOICE_WORDS) or "Nên làm sớm" in text
        assert not (has_household and has_choice)


def client_class_for(client):
    from django.test import Client

    return Client()


def test_the_vote_page_is_rate_limited(client, cast, settings):
    d = _create(client, cast, 6, method="online")
    now = timezone.now()
    actions.open_online_vote(
        d, by=cast.clerk_a, households=[f"Hộ {i}" for i in range(120)], consent=61,
        opens_at=now - dt.timedelta(hours=1), closes_at=now + dt.timedelta(hours=1),
    )  # fmt: skip
    voter = client_class_for(client)
    url = reverse("consultations:vote", args=[d.pk])
    statuses = [voter.post(url, {"code": "XXXX", "choice": "agree"}).status_code for _ in range(31)]
    assert statuses[:30] == [400] * 30 and statuses[30] == 429


def test_a_draft_vote_page_does_not_exist(client, cast):
    d = _create(client, cast, 6, method="online")
    assert client_class_for(client).get(reverse("consultations:vote", args=[d.pk])).status_code == 404


def test_board_and_public_page_show_tallied_decisions_only(client, cast):
    tallied = _create(client, cast, 3, title="Quy ước giữ vệ sinh")
    _tally(client, tallied, agree=70, disagree=50)
    draft = _create(client, cast, 3, title="Bản nháp chưa biểu quyết")
    public = client_class_for(client)
    board = public.get(reverse("consultations:decisions_board", args=[cast.a.code])).content.decode()
    assert "Quy ước giữ vệ sinh" in board and "Bản nháp chưa biểu quyết" not in board
    assert "Thôn Đồng Bông" in board and "Được thông qua" in board and "Chưa công nhận" in board
    assert public.get(reverse("consultations:decision_public", args=[tallied.pk])).status_code == 200
    assert public.get(reverse("consultations:decision_public", args=[draft.pk])).status_code == 404
    assert public.get(reverse("consultations:decision_detail", args=[tallied.pk])).status_code == 302  # login


def test_api_lists_visible_decisions_with_totals_only(client, cast):
    tallied = _create(client, cast, 3, title="Quy ước giữ vệ sinh")
    _tally(client, tallied, agree=70, disagree=50, present=120)
    _create(client, cast, 3, title="Bản nháp")
    public = client_class_for(client)
    body = public.get(f"/api/v1/units/{cast.a.code}/decisions").json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["unit"] == {"code": cast.village_a.code, "name": cast.village_a.name}
    assert row["item"] == {"article": 15, "clause": 3}
    assert (row["agree"], row["disagree"], row["present"], row["electorate"], row["outcome"]) == (
        70, 50, 120, 120, "passed",
    )  # fmt: skip
    assert client.get(f"/api/v1/units/{cast.a.code}/decisions").json()["count"] == 2  # the clerk sees drafts
    assert public.get("/api/v1/units/99999/decisions").status_code == 404


def test_agency_decisions_are_internal(client, cast):
    client.force_login(cast.clerk_a)
    url = reverse("consultations:decision_create_for_agency", args=[cast.agency_a.code])
    assert client.get(url).status_code == 404  # the commune's clerk is not the agency's
    client.force_login(cast.admin)
    page = client.get(url).content.decode()
    assert 'value="staff_conference"' in page and 'value="meeting"' not in page
    response = client.post(
        url,
        {"item": item(49, 1, "agency").pk, "title": "Quy chế chi tiêu nội bộ", "method": "staff_conference"},
    )
    assert response.status_code == 302
    d = Decision.objects.get(agency=cast.agency_a)
    assert d.electorate == 28
    _tally(client, d, present=19, agree=10, disagree=9)
    d.refresh_from_db()
    assert d.outcome == "passed"
    public = reverse("consultations:decision_public", args=[d.pk])
    for user in (None, cast.clerk_b, cast.clerk_a, cast.reviewer_q):
        other = client_class_for(client)
        if user:
            other.force_login(user)
        assert other.get(public).status_code == 404
        assert other.get(reverse("consultations:decision_detail", args=[d.pk])).status_code in (302, 404)
        assert other.get(f"/api/v1/units/{cast.a.code}/decisions").json()["count"] == 0
    insider = client_class_for(client)
    insider.force_login(cast.staff_agency_a)
    assert insider.get(public).status_code == 200
    assert insider.get(f"/api/v1/units/{cast.a.code}/decisions").json()["count"] == 1
    assert (
        insider.get(reverse("consultations:decisions_board", args=[cast.a.code]))
        .content.decode()
        .count("Quy chế chi tiêu nội bộ")
        == 0
    )
