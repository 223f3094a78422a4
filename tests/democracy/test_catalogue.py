"""The legal catalogue loaded by democracy/migrations/0002_catalogue_items.py, its admin and its API.

The numbers checked here are the ones a commune clerk would notice first (Law 10/2022/QH15)."""

import datetime
from typing import get_args

import pytest
from django.contrib.auth import get_user_model

from democracy.catalogue_api import KindName, ScopeName
from democracy.models import CalendarOverride, CatalogueItem, Kind, Scope

pytestmark = pytest.mark.django_db

API = "/api/v1/catalogue"


def item(scope, article, clause):
    return CatalogueItem.objects.get(scope=scope, article=article, clause=clause)


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser(username="quantri", password="matkhau-thu-nghiem")


# ── The data ────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("scope", "kind", "article", "count"),
    [
        ("commune", "disclose", 11, 14),
        ("commune", "decide", 15, 6),
        ("commune", "comment", 25, 9),
        ("commune", "supervise", 30, 2),
        ("agency", "disclose", 46, 12),
        ("agency", "decide", 49, 4),
        ("agency", "comment", 53, 11),
        ("agency", "supervise", 56, 2),
    ],
)
def test_it_loads_every_item_of_each_article(scope, kind, article, count):
    items = CatalogueItem.objects.filter(article=article)
    assert items.count() == count
    assert set(items.values_list("scope", "kind").distinct()) == {(scope, kind)}
    assert sorted(items.values_list("clause", flat=True)) == list(range(1, count + 1))


def test_it_loads_sixty_active_items_with_labels_and_a_legal_basis():
    assert CatalogueItem.objects.active().count() == 60
    for row in CatalogueItem.objects.all():
        assert row.label_vi and row.label_en
        assert f"Điều {row.article} khoản {row.clause}" in row.legal_basis
        assert "10/2022/QH15" in row.legal_basis


def test_it_spells_out_abbreviations_in_the_vietnamese_labels():
    labels = " ".join(CatalogueItem.objects.values_list("label_vi", flat=True))
    for abbreviation in ("KT-XH", "HĐND", "UBND", "CBCCVC", "NLĐ", "TDP", "NSNN", "BHYT", "CAND", "TTHC"):
        assert abbreviation not in labels
    assert "kinh tế - xã hội" in item("commune", 11, 1).label_vi
    assert "Hội đồng nhân dân xã" in item("commune", 11, 2).label_vi
    assert "cán bộ, công chức, viên chức, người lao động" in item("agency", 46, 10).label_vi


def test_it_gives_every_commune_disclosure_five_working_days():
    commune = CatalogueItem.objects.filter(article=11)
    assert set(commune.values_list("disclosure_deadline_working_days", flat=True)) == {5}


def test_it_posts_art_11_item_2_for_thirty_days():
    budget = item("commune", 11, 2)
    assert budget.posting_days == 30
    assert budget.is_permanent is False
    assert budget.radio_days is None


def test_it_posts_art_11_items_4_and_13_permanently():
    for clause in (4, 13):
        permanent = item("commune", 11, clause)
        assert permanent.is_permanent is True
        assert permanent.posting_days is None


def test_it_leaves_art_11_item_14_without_a_posting_rule_and_says_so():
    other = item("commune", 11, 14)
    assert other.posting_days is None
    assert other.is_permanent is False
    assert "không quy định" in other.legal_basis


def test_it_broadcasts_art_11_items_7_to_12_on_radio_for_three_days():
    radio = dict(CatalogueItem.objects.filter(article=11).values_list("clause", "radio_days"))
    assert radio == {clause: (3 if 7 <= clause <= 12 else None) for clause in range(1, 15)}
    assert item("commune", 11, 7).radio_days == 3


def test_it_posts_every_art_46_item_for_twenty_days_within_five_working_days():
    agency = CatalogueItem.objects.filter(article=46)
    assert set(agency.values_list("posting_days", "disclosure_deadline_working_days")) == {(20, 5)}


def test_it_passes_art_15_item_1_with_two_thirds_inclusive():
    contributions = item("commune", 15, 1)
    assert (contributions.threshold_numerator, contributions.threshold_denominator) == (2, 3)
    assert contributions.threshold_inclusive is True
    assert item("commune", 15, 2).threshold_inclusive is True


def test_it_passes_art_15_item_3_with_more_than_half_not_inclusive():
    code = item("commune", 15, 3)
    assert (code.threshold_numerator, code.threshold_denominator) == (1, 2)
    assert code.threshold_inclusive is False


def test_it_allows_online_votes_only_for_art_15_item_6():
    online = CatalogueItem.objects.filter(online_vote_allowed=True)
    assert list(online.values_list("scope", "article", "clause")) == [("commune", 15, 6)]


def test_it_recognises_community_decisions_within_five_working_days():
    decisions = CatalogueItem.objects.filter(article=15)
    assert set(decisions.values_list("recognition_working_days", flat=True)) == {5}


def test_it_needs_a_two_thirds_quorum_and_more_than_half_of_those_present_in_agencies():
    rules = set(
        CatalogueItem.objects.filter(article=49).values_list(
            "threshold_numerator",
            "threshold_denominator",
            "threshold_inclusive",
            "quorum_numerator",
            "quorum_denominator",
            "online_vote_allowed",
        )
    )
    assert rules == {(1, 2, False, 2, 3, False)}


def test_it_consults_communes_for_twenty_days_and_sets_no_minimum_for_agencies():
    assert set(CatalogueItem.objects.filter(article=25).values_list("consultation_days", flat=True)) == {20}
    assert set(CatalogueItem.objects.filter(article=53).values_list("consultation_days", flat=True)) == {None}


def test_it_answers_inspection_board_recommendations_within_fifteen_days():
    supervise = CatalogueItem.objects.filter(kind=Kind.SUPERVISE)
    assert supervise.count() == 4
    assert set(supervise.values_list("answer_days", flat=True)) == {15}


def test_it_keeps_rule_fields_empty_outside_their_kind():
    for kind, field in [
        (Kind.DISCLOSE, "posting_days"),
        (Kind.COMMENT, "consultation_days"),
        (Kind.DECIDE, "threshold_numerator"),
        (Kind.SUPERVISE, "answer_days"),
    ]:
        assert not CatalogueItem.objects.exclude(kind=kind).filter(**{f"{field}__isnull": False}).exists()


def test_it_records_the_loaded_catalogue_in_the_history():
    budget = item("commune", 11, 2)
    assert budget.history.count() == 1
    assert budget.history.get().history_type == "+"


# ── The API ─────────────────────────────────────────────────────────────────────────────────────────


def test_it_lists_the_fourteen_commune_disclosure_items(client):
    response = client.get(API, {"scope": "commune", "article": 11})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 14
    assert body["page"] == 1
    assert [row["clause"] for row in body["results"]] == list(range(1, 15))


def test_it_lists_the_twelve_agency_disclosure_items(client):
    body = client.get(API, {"scope": "agency", "article": 46}).json()
    assert body["count"] == 12
    assert {row["posting_days"] for row in body["results"]} == {20}


def test_it_returns_every_rule_field_of_an_item(client):
    body = client.get(API, {"scope": "commune", "article": 11}).json()
    radio_item = next(row for row in body["results"] if row["clause"] == 7)
    assert set(radio_item) == {
        "id",
        "article",
        "clause",
        "scope",
        "kind",
        "label_vi",
        "label_en",
        "legal_basis",
        "disclosure_deadline_working_days",
        "posting_days",
        "is_permanent",
        "radio_days",
        "consultation_days",
        "threshold_numerator",
        "threshold_denominator",
        "threshold_inclusive",
        "quorum_numerator",
        "quorum_denominator",
        "online_vote_allowed",
        "recognition_working_days",
        "answer_days",
    }
    assert radio_item["radio_days"] == 3
    assert radio_item["posting_days"] == 30
    assert radio_item["disclosure_deadline_working_days"] == 5


def test_it_filters_by_kind(client):
    body = client.get(API, {"kind": "decide"}).json()
    assert body["count"] == 10
    assert {(row["scope"], row["article"]) for row in body["results"]} == {("commune", 15), ("agency", 49)}
    assert client.get(API, {"kind": "comment", "scope": "agency"}).json()["count"] == 11


def test_it_lists_everything_without_filters_and_pages_it(client):
    body = client.get(API, {"page_size": 50}).json()
    assert body["count"] == 60
    assert len(body["results"]) == 50
    assert len(client.get(API, {"page": 2, "page_size": 50}).json()["results"]) == 10


def test_it_hides_inactive_items(client):
    CatalogueItem.objects.filter(scope="commune", article=11, clause=14).update(is_active=False)
    hidden = item("commune", 11, 14)
    assert client.get(API, {"scope": "commune", "article": 11}).json()["count"] == 13
    assert client.get(f"{API}/{hidden.pk}").status_code == 404


def test_it_rejects_an_unknown_scope_with_a_message(client):
    response = client.get(API, {"scope": "province"})
    assert response.status_code == 400
    body = response.json()
    assert "scope" in body["detail"]
    assert body["errors"][0]["parameter"] == "scope"
    assert body["errors"][0]["message"]


def test_it_rejects_an_unknown_kind(client):
    response = client.get(API, {"kind": "vote"})
    assert response.status_code == 400
    assert "kind" in response.json()["detail"]


def test_it_rejects_a_non_integer_article(client):
    response = client.get(API, {"article": "mười một"})
    assert response.status_code == 400
    assert "article" in response.json()["detail"]


def test_it_returns_one_item_by_id(client):
    online = item("commune", 15, 6)
    response = client.get(f"{API}/{online.pk}")
    assert response.status_code == 200
    body = response.json()
    assert (body["article"], body["clause"], body["online_vote_allowed"]) == (15, 6, True)
    threshold = (body["threshold_numerator"], body["threshold_denominator"], body["threshold_inclusive"])
    assert threshold == (1, 2, False)


def test_it_answers_404_for_a_missing_item(client):
    response = client.get(f"{API}/999999")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_it_describes_the_catalogue_in_the_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/catalogue" in schema["paths"]
    assert "/api/v1/catalogue/{item_id}" in schema["paths"]
    listing = schema["paths"]["/api/v1/catalogue"]["get"]
    assert listing["tags"] == ["catalogue"]
    assert listing["description"]
    parameters = {parameter["name"] for parameter in listing["parameters"]}
    assert {"scope", "article", "kind", "page", "page_size"} <= parameters


def test_it_keeps_the_api_choices_in_step_with_the_model():
    assert set(get_args(ScopeName)) == set(Scope.values)
    assert set(get_args(KindName)) == set(Kind.values)


# ── The admin ───────────────────────────────────────────────────────────────────────────────────────


def change_form_data(catalogue_item, **changes):
    """The change form as the admin posts it (scope, kind, article and clause are read-only on change)."""
    data = {}
    for name in (
        "label_vi",
        "label_en",
        "legal_basis",
        "disclosure_deadline_working_days",
        "posting_days",
        "radio_days",
        "consultation_days",
        "threshold_numerator",
        "threshold_denominator",
        "quorum_numerator",
        "quorum_denominator",
        "recognition_working_days",
        "answer_days",
    ):
        value = getattr(catalogue_item, name)
        data[name] = "" if value is None else value
    for name in ("is_permanent", "threshold_inclusive", "online_vote_allowed", "is_active"):
        if getattr(catalogue_item, name):
            data[name] = "on"
    data.update(changes)
    return data


def test_it_records_an_admin_change_in_the_history(client, superuser):
    budget = item("commune", 11, 2)
    before = budget.history.count()
    client.force_login(superuser)
    url = f"/admin/democracy/catalogueitem/{budget.pk}/change/"
    response = client.post(url, change_form_data(budget, posting_days=31))
    assert response.status_code == 302, response.content.decode()[:2000]
    budget.refresh_from_db()
    assert budget.posting_days == 31
    assert budget.history.count() == before + 1
    latest = budget.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == superuser
    assert client.get(f"/admin/democracy/catalogueitem/{budget.pk}/history/").status_code == 200


def test_it_keeps_the_article_and_clause_of_an_item_fixed_in_the_admin(client, superuser):
    budget = item("commune", 11, 2)
    client.force_login(superuser)
    url = f"/admin/democracy/catalogueitem/{budget.pk}/change/"
    client.post(url, change_form_data(budget, article=99, clause=7, scope="agency"))
    budget.refresh_from_db()
    assert (budget.scope, budget.article, budget.clause) == ("commune", 11, 2)


def test_it_does_not_let_the_admin_delete_an_item(client, superuser):
    budget = item("commune", 11, 2)
    client.force_login(superuser)
    assert client.get(f"/admin/democracy/catalogueitem/{budget.pk}/delete/").status_code == 403
    assert CatalogueItem.objects.filter(pk=budget.pk).exists()


def test_it_lists_filters_and_searches_the_catalogue_in_the_admin(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/democracy/catalogueitem/", {"scope": "commune", "article": 11})
    assert response.status_code == 200
    assert "Điều 11 khoản 14" in response.content.decode()
    found = client.get("/admin/democracy/catalogueitem/", {"q": "hương ước"})
    assert "Điều 15 khoản 3" in found.content.decode()


def test_it_records_who_added_a_calendar_override(client, superuser):
    client.force_login(superuser)
    response = client.post(
        "/admin/democracy/calendaroverride/add/",
        {
            "date": "02/01/2023",
            "kind": "day_off",
            "reason": "Nghỉ bù Tết Dương lịch",
            "legal_reference": "Thông báo số 5155/TB-LĐTBXH",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    override = CalendarOverride.objects.get()
    assert override.date == datetime.date(2023, 1, 2)
    assert override.created_by == superuser
    assert override.history.count() == 1
