"""GET /api/v1/units/{code}/consultations and GET /api/v1/consultations/{id}."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations import actions
from consultations.models import CommentChannel

from .conftest import publish_results


def _ended_with_comments(make_consultation, cast, n=2):
    c = make_consultation(opened_on=timezone.localdate() - dt.timedelta(days=40))
    during = c.opened_at + dt.timedelta(days=1)
    for i in range(n):
        comment = actions.add_comment(
            c, text=f"Ý kiến {i}", received_at=during, name="Nguyễn Văn Bình", contact="0912 345 678"
        )
        actions.respond(comment, by=cast.clerk_a, kind="accepted", text=f"Tiếp thu {i}")
    actions.add_comment(
        c,
        text="Hội nghị",
        channel=CommentChannel.CONFERENCE,
        people_count=28,
        received_at=during,
        by=cast.clerk_a,
    )
    hidden = actions.add_comment(c, text="Ý kiến bị ẩn", received_at=during)
    actions.hide_comment(hidden, by=cast.clerk_a, reason="Xúc phạm")
    actions.close_due_consultations()
    c.refresh_from_db()
    return c


def test_the_list_of_a_commune_shows_published_consultations_with_counts(client, cast, make_consultation):
    running = make_consultation(
        opened_on=timezone.localdate() - dt.timedelta(days=1), title="Đang lấy ý kiến"
    )
    ended = _ended_with_comments(make_consultation, cast)
    make_consultation(title="Kế hoạch chưa công bố")
    body = client.get(f"/api/v1/units/{cast.a.code}/consultations").json()
    assert body["count"] == 2
    by_id = {r["id"]: r for r in body["results"]}
    assert set(by_id) == {running.pk, ended.pk}
    row = by_id[ended.pk]
    assert row["item"] == {"article": 25, "clause": 7, "label_vi": ended.item.label_vi}
    assert row["state"] == "closed" and row["comments_count"] == 3
    assert row["ends_at"].endswith("+07:00") and row["url"].endswith(f"/consultations/{ended.pk}/")
    open_only = client.get(f"/api/v1/units/{cast.a.code}/consultations?state=open").json()
    assert [r["id"] for r in open_only["results"]] == [running.pk]


def test_the_detail_gives_comments_and_responses_only_after_the_period_and_never_names(
    client, cast, make_consultation
):
    running = make_consultation(opened_on=timezone.localdate() - dt.timedelta(days=1))
    actions.add_comment(running, text="Đang chạy")
    body = client.get(f"/api/v1/consultations/{running.pk}").json()
    assert body["comments"] is None and body["forms"][0]["code"] == "a" and body["unit"] == cast.a.code

    ended = _ended_with_comments(make_consultation, cast)
    response = client.get(f"/api/v1/consultations/{ended.pk}")
    assert response.status_code == 200
    body = response.json()
    assert [c["text"] for c in body["comments"]] == ["Ý kiến 0", "Ý kiến 1", "Hội nghị"]
    assert body["comments"][0]["response"] == "Tiếp thu 0" and body["comments"][2]["people_count"] == 28
    assert "Nguyễn Văn Bình" not in response.content.decode() and "0912" not in response.content.decode()
    assert body["result_disclosure"] is None and body["period_explanation"]


def test_the_detail_links_the_result_disclosure(client, cast, make_consultation):
    ended = _ended_with_comments(make_consultation, cast, n=1)
    comment = ended.comments.get(channel=CommentChannel.CONFERENCE)
    actions.respond(comment, by=cast.clerk_a, kind="explained", text="Giải trình")
    disclosure = publish_results(ended, cast, summary="Thống nhất.", result_number="35/BC")
    body = client.get(f"/api/v1/consultations/{ended.pk}").json()
    assert body["state"] == "results_published" and body["result_disclosure"] == disclosure.pk
    assert body["result_summary"] == "Thống nhất."


def test_agency_consultations_and_drafts_exist_only_for_those_allowed(client, cast, make_consultation):
    internal = make_consultation(cast.agency_a, opened_on=timezone.localdate() - dt.timedelta(days=1))
    draft = make_consultation()
    for user in (None, cast.nobody, cast.clerk_b, cast.reviewer_q):
        if user:
            client.force_login(user)
        for pk in (internal.pk, draft.pk):
            assert client.get(f"/api/v1/consultations/{pk}").status_code == 404
        assert client.get(f"/api/v1/units/{cast.a.code}/consultations").json()["count"] == 0
    client.force_login(cast.staff_agency_a)
    assert client.get(f"/api/v1/consultations/{internal.pk}").status_code == 200
    assert client.get(f"/api/v1/consultations/{draft.pk}").status_code == 404
    ids = [r["id"] for r in client.get(f"/api/v1/units/{cast.a.code}/consultations").json()["results"]]
    assert ids == [internal.pk]
    client.force_login(cast.clerk_a)
    assert client.get(f"/api/v1/consultations/{draft.pk}").status_code == 200


def test_bad_parameters_get_a_400_and_unknown_units_a_404(client, cast):
    for query in ("page=0", "page_size=1000", "state=maybe", "page=x"):
        response = client.get(f"/api/v1/units/{cast.a.code}/consultations?{query}")
        assert response.status_code == 400, query
        assert response.json()["detail"].startswith("Tham số không hợp lệ")
    assert client.get("/api/v1/units/99999/consultations").status_code == 404
    assert client.get("/api/v1/consultations/999999").status_code == 404


def test_the_api_runs_the_same_queries_whatever_the_number_of_rows(client, cast, make_consultation):
    def count(path):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    small = _ended_with_comments(make_consultation, cast, n=2)
    list_small, detail_small = (
        count(f"/api/v1/units/{cast.a.code}/consultations"),
        count(f"/api/v1/consultations/{small.pk}"),
    )
    big = _ended_with_comments(make_consultation, cast, n=30)
    for _ in range(5):
        make_consultation(opened_on=timezone.localdate() - dt.timedelta(days=1))
    assert count(f"/api/v1/units/{cast.a.code}/consultations") == list_small
    assert count(f"/api/v1/consultations/{big.pk}") == detail_small


def test_the_detail_pages_its_comments(client, cast, make_consultation):
    ended = _ended_with_comments(make_consultation, cast, n=5)  # 6 public comments (one hidden)
    url = f"/api/v1/consultations/{ended.pk}"
    first = client.get(url, {"comments_page_size": 4}).json()
    assert first["comments_count"] == 6 and first["comments_page"] == 1 and first["comments_page_size"] == 4
    assert [c["text"] for c in first["comments"]] == ["Ý kiến 0", "Ý kiến 1", "Ý kiến 2", "Ý kiến 3"]
    second = client.get(url, {"comments_page_size": 4, "comments_page": 2}).json()
    assert [c["text"] for c in second["comments"]] == ["Ý kiến 4", "Hội nghị"]
    assert client.get(url, {"comments_page": 99}).json()["comments"] == []
    assert client.get(url, {"comments_page_size": 501}).status_code in (400, 422)
