"""Inspection-board recommendations through the pages: made by the board, answered by the commune,
overdue flagged, outsiders kept out."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consultations import actions
from consultations.models import Recommendation


def _new(client, user, code, **fields):
    client.force_login(user)
    data = {"subject": "Công khai quỹ đường", "text": "Đề nghị công khai thu chi", "addressed_to": "UBND xã",
            "made_on": timezone.localdate().strftime("%d/%m/%Y"), **fields}  # fmt: skip
    return client.post(reverse("consultations:recommendation_create", args=[code]), data)


def test_the_inspector_recommends_and_the_clerk_answers(client, cast):
    response = _new(client, cast.inspector_a, cast.a.code)
    r = Recommendation.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "consultations:recommendation_detail", args=[r.pk]
    )
    assert (r.unit, r.made_by) == (cast.a, cast.inspector_a)
    assert r.due_on >= r.made_on + dt.timedelta(days=15)
    url = reverse("consultations:recommendation_detail", args=[r.pk])
    page = client.get(url).content.decode()
    assert "Hạn trả lời" in page and r.due_explanation[:20] in page and "Trả lời kiến nghị" not in page
    assert (
        client.post(url, {"answer": "x", "answered_on": "01/01/2025"}).status_code == 403
    )  # board can't answer
    client.force_login(cast.clerk_a)
    answered = client.post(
        url, {"answer": "Đã niêm yết tại nhà văn hóa", "answered_on": r.made_on.strftime("%d/%m/%Y")}
    )
    assert answered.status_code == 302
    r.refresh_from_db()
    assert (r.answer, r.answered_by) == ("Đã niêm yết tại nhà văn hóa", cast.clerk_a)
    listing = client.get(reverse("consultations:recommendations", args=[cast.a.code])).content.decode()
    assert "Công khai quỹ đường" in listing and "Đã trả lời" in listing and "Quá hạn" not in listing


def test_only_the_board_or_an_administrator_may_recommend(client, cast):
    url = reverse("consultations:recommendation_create", args=[cast.a.code])
    client.force_login(cast.clerk_a)
    assert client.get(url).status_code == 403
    assert _new(client, cast.clerk_a, cast.a.code).status_code == 403
    assert _new(client, cast.admin, cast.a.code).status_code == 302
    client.force_login(cast.clerk_a)
    listing = client.get(reverse("consultations:recommendations", args=[cast.a.code])).content.decode()
    assert "Ghi kiến nghị mới" not in listing
    client.force_login(cast.inspector_a)
    listing = client.get(reverse("consultations:recommendations", args=[cast.a.code])).content.decode()
    assert "Ghi kiến nghị mới" in listing


def test_outsiders_get_404(client, cast):
    r = actions.make_recommendation(owner=cast.a, by=cast.inspector_a, subject="S", text="T",
                                    addressed_to="UBND xã", made_on=timezone.localdate())  # fmt: skip
    client.force_login(cast.clerk_b)
    assert client.get(reverse("consultations:recommendations", args=[cast.a.code])).status_code == 404
    assert client.get(reverse("consultations:recommendation_create", args=[cast.a.code])).status_code == 404
    assert client.get(reverse("consultations:recommendation_detail", args=[r.pk])).status_code == 404
    assert (
        client.post(
            reverse("consultations:recommendation_detail", args=[r.pk]),
            {"answer": "x", "answered_on": "01/01/2025"},
        ).status_code
        == 404
    )
    client.logout()
    assert client.get(reverse("consultations:recommendations", args=[cast.a.code])).status_code == 302


def test_overdue_is_flagged_to_the_board_and_the_reviewer_with_constant_queries(client, cast):
    old = timezone.localdate() - dt.timedelta(days=60)
    late = actions.make_recommendation(owner=cast.a, by=cast.inspector_a, subject="Quá hạn rồi", text="T",
                                       addressed_to="UBND xã", made_on=old)  # fmt: skip
    url = reverse("consultations:recommendations", args=[cast.a.code])
    for user in (cast.inspector_a, cast.reviewer_p):
        client.force_login(user)
        listing = client.get(url).content.decode()
        assert "Quá hạn" in listing and "1 kiến nghị đã quá hạn trả lời" in listing
        detail = client.get(reverse("consultations:recommendation_detail", args=[late.pk])).content.decode()
        assert "Quá hạn trả lời" in detail
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(10):
        actions.make_recommendation(owner=cast.a, by=cast.inspector_a, subject=f"K{i}", text="T",
                                    addressed_to="UBND xã", made_on=old)  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_agency_recommendations(client, cast):
    url = reverse("consultations:recommendations_for_agency", args=[cast.agency_a.code])
    client.force_login(cast.staff_agency_a)
    assert client.get(url).status_code == 200
    assert (
        client.get(
            reverse("consultations:recommendation_create_for_agency", args=[cast.agency_a.code])
        ).status_code
        == 403
    )
    client.force_login(cast.clerk_a)
    assert client.get(url).status_code == 404
    client.force_login(cast.admin)
    response = client.post(
        reverse("consultations:recommendation_create_for_agency", args=[cast.agency_a.code]),
        {
            "subject": "Quy chế",
            "text": "T",
            "addressed_to": "Thủ trưởng",
            "made_on": timezone.localdate().strftime("%d/%m/%Y"),
        },
    )
    assert response.status_code == 302
    assert Recommendation.objects.get().agency == cast.agency_a
