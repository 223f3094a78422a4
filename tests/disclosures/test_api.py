"""The disclosures API: a commune's list and one disclosure, in the OpenAPI schema."""

import datetime as dt

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from disclosures import actions

from .conftest import attach

LIST_FIELDS = {
    "id", "title", "summary", "state", "item", "decision_number", "decision_date", "posting_deadline",
    "published_at", "window_end", "window_ends_at", "is_late", "url",
}  # fmt: skip


def recent(days=2):
    return timezone.localdate() - dt.timedelta(days=days)


@pytest.fixture
def publish(make_disclosure):
    def make(**fields):
        fields.setdefault("decision_date", recent(3))
        return make_disclosure(state="published", published_on=recent(), **fields)

    return make


def listing(client, query="", code="07282"):
    response = client.get(f"/api/v1/units/{code}/disclosures{query}")
    assert response.status_code == 200, response.content
    return response.json()


def titles(body):
    return {r["title"] for r in body["results"]}


def test_the_list_gives_the_posted_disclosures_with_their_dates_and_item(client, make_disclosure, publish):
    d = make_disclosure(state="published", published_on=dt.date(2024, 2, 8), title="Dự toán 2024")
    body = listing(client)
    assert body["count"] == 1 and body["page"] == 1
    result = body["results"][0]
    assert set(result) == LIST_FIELDS
    assert result["item"] == {
        "article": 11,
        "clause": 2,
        "label_vi": d.item.label_vi,
    }
    assert result["decision_date"] == "2024-02-07"
    assert result["posting_deadline"] == "2024-02-21"
    assert result["window_end"] == "2024-03-11"
    assert result["window_ends_at"] == "2024-03-11T23:59:59.999+07:00"
    assert result["published_at"] == "2024-02-08T09:00:00+07:00"
    assert result["is_late"] is False and result["state"] == "published"
    assert result["url"] == f"http://testserver/disclosures/{d.pk}/"


def test_the_list_filters_by_state_and_never_shows_drafts(client, cast, make_disclosure, publish):
    publish(title="Đang niêm yết")
    make_disclosure(state="closed", title="Đã kết thúc")
    withdrawn = publish(title="Đã thu hồi")
    actions.withdraw(withdrawn, by=cast.approver_a, reason="Nhầm số liệu")
    make_disclosure(title="Bản nháp")
    make_disclosure(state="submitted", title="Chờ duyệt")
    make_disclosure(cast.b, by=cast.clerk_b, state="closed", title="Của xã khác")
    assert titles(listing(client)) == {"Đang niêm yết"}
    assert titles(listing(client, "?state=published")) == {"Đang niêm yết"}
    assert titles(listing(client, "?state=closed")) == {"Đã kết thúc"}
    assert titles(listing(client, "?state=all")) == {"Đang niêm yết", "Đã kết thúc", "Đã thu hồi"}
    client.force_login(cast.clerk_a)  # even the clerk: the list is of what was made public
    assert titles(listing(client, "?state=all")) == {"Đang niêm yết", "Đã kết thúc", "Đã thu hồi"}


@pytest.mark.parametrize("query", ["?state=draft", "?state=", "?state=PUBLISHED", "?page=0"])
def test_bad_parameters_get_a_400_in_vietnamese(client, cast, query):
    response = client.get(f"/api/v1/units/07282/disclosures{query}")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Tham số không hợp lệ")


def test_an_unknown_unit_is_a_404_in_vietnamese(client, cast):
    response = client.get("/api/v1/units/99999/disclosures")
    assert response.status_code == 404
    assert "Không có đơn vị hành chính mã" in response.json()["detail"]


def test_the_list_is_paginated(client, publish):
    for n in range(3):
        publish(title=f"Thông tin {n}")
    body = listing(client, "?page_size=2&page=2")
    assert (body["count"], body["page"], body["page_size"], len(body["results"])) == (3, 2, 2, 1)


def test_one_disclosure_with_documents_answered_feedback_and_versions(client, cast, publish):
    old = publish(title="Dự toán ngân sách", forms=["a", "c"])
    attach(old, name="Dự toán 2024.pdf")
    answered = actions.add_feedback(old, text="Chi cho giáo dục là bao nhiêu?", name="Lê Thị Hoa")
    actions.answer_feedback(answered, by=cast.clerk_a, text="2,1 tỷ đồng.")
    actions.add_feedback(old, text="Câu hỏi chưa được trả lời")
    hidden = actions.add_feedback(old, text="Lời lẽ không phù hợp")
    actions.answer_feedback(hidden, by=cast.clerk_a, text="Đã nhận.")
    actions.hide_feedback(hidden, by=cast.clerk_a, reason="Xúc phạm")
    new = actions.start_correction(old, by=cast.clerk_a, reason="Sai số liệu tổng chi")

    body = client.get(f"/api/v1/disclosures/{old.pk}").json()
    assert set(body) >= LIST_FIELDS | {"body", "forms", "documents", "feedback", "versions"}
    assert body["body"] == old.body
    assert [f["code"] for f in body["forms"]] == ["a", "c"]
    assert "Niêm yết thông tin" in body["forms"][0]["label"]
    [doc] = body["documents"]
    assert doc["name"] == "Dự toán 2024.pdf" and doc["content_type"] == "application/pdf" and doc["size"] > 0
    assert doc["url"].startswith("http://testserver/documents/")
    assert body["feedback"] == [
        {
            "kind": "question",
            "text": "Chi cho giáo dục là bao nhiêu?",
            "received_at": body["feedback"][0]["received_at"],
            "answer": "2,1 tỷ đồng.",
            "answered_at": body["feedback"][0]["answered_at"],
        }
    ]
    assert body["pending_feedback"] == 1
    # The correction is still a draft: the public does not see it.
    assert body["versions"] == []
    client.force_login(cast.clerk_a)
    assert [v["id"] for v in client.get(f"/api/v1/disclosures/{old.pk}").json()["versions"]] == [new.pk]
    client.logout()

    attach(new)
    actions.submit(new, by=cast.clerk_a)
    actions.publish(new, by=cast.approver_a, late_reason="Đính chính")
    versions = client.get(f"/api/v1/disclosures/{old.pk}").json()["versions"]
    assert versions == [
        {
            "id": new.pk, "version": 2, "state": "published", "relation": "next",
            "correction_reason": "Sai số liệu tổng chi", "url": f"http://testserver/disclosures/{new.pk}/",
        }
    ]  # fmt: skip
    newer = client.get(f"/api/v1/disclosures/{new.pk}").json()
    assert newer["versions"][0]["relation"] == "previous" and newer["versions"][0]["state"] == "superseded"


def test_an_unknown_or_draft_disclosure_is_a_404(client, make_disclosure):
    draft = make_disclosure()
    for pk in (draft.pk, 999999):
        response = client.get(f"/api/v1/disclosures/{pk}")
        assert response.status_code == 404
        assert "Không có thông tin công khai số" in response.json()["detail"]


def _count(client, url):
    caches["public"].clear()  # a rendering each time (democracy/publiccache.py), the owner looked up again
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_runs_the_same_queries_for_3_or_40_disclosures(client, cast, publish):
    url = "/api/v1/units/07282/disclosures?state=all"
    for _ in range(3):
        publish()
    few = _count(client, url)
    for _ in range(37):
        publish()
    assert _count(client, url) == few <= 4
    client.force_login(cast.reviewer_p)
    assert _count(client, url) <= few + 4  # the session, the user, the roles


def test_the_detail_runs_the_same_queries_whatever_it_holds(client, cast, publish):
    d = publish()
    attach(d)
    few = _count(client, f"/api/v1/disclosures/{d.pk}")
    for n in range(10):
        attach(d, name=f"phu-luc-{n}.pdf")
        actions.answer_feedback(actions.add_feedback(d, text=f"Câu hỏi {n}"), by=cast.clerk_a, text="Trả lời")
    assert _count(client, f"/api/v1/disclosures/{d.pk}") == few <= 5


def test_the_endpoints_are_in_the_openapi_schema(client, cast):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/units/{code}/disclosures" in schema["paths"]
    assert "/api/v1/disclosures/{disclosure_id}" in schema["paths"]
    operation = schema["paths"]["/api/v1/units/{code}/disclosures"]["get"]
    assert operation["tags"] == ["disclosures"]
    assert any(p["name"] == "state" for p in operation["parameters"])


@pytest.mark.parametrize("page", [str(2**63), str(10**30), "4"])
@pytest.mark.parametrize("path", ["/api/v1/units/07282/disclosures", "/api/v1/catalogue"])
def test_a_page_past_the_last_one_is_empty_whatever_its_number(client, publish, path, page):
    """`?page=9223372036854775808` was a 500: the database's OFFSET is a 64-bit integer (issue 18 item 9)."""
    publish()
    response = client.get(f"{path}?page={page}&page_size=500")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["results"] == [] and body["count"] >= 1 and body["page"] == int(page)


def test_a_disclosure_explains_its_deadline_and_window_in_vietnamese_and_english(client, make_disclosure):
    d = make_disclosure(state="published", published_on=dt.date(2024, 2, 8))
    body = client.get(f"/api/v1/disclosures/{d.pk}").json()
    assert body["posting_deadline_explanation"].startswith("Quyết định ngày 07/02/2024 + 5 ngày làm việc")
    assert body["posting_deadline_explanation_en"].startswith("Decision of 07/02/2024 + 5 working days")
    assert body["window_explanation_en"].startswith("Posting of 30 days from 08/02/2024")
