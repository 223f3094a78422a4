import datetime as dt

import pytest

from tests.conftest import make_unit
from units.loader import load_units
from units.models import Level, UnitType


@pytest.fixture
def national(db):
    load_units()


@pytest.mark.slow
def test_the_api_reports_34_provinces_and_3321_commune_level_units(client, national):
    assert client.get("/api/v1/units?level=province").json()["count"] == 34
    body = client.get("/api/v1/units?level=commune&page_size=1").json()
    assert body["count"] == 3321
    assert set(body["results"][0]) >= {"code", "name", "level", "type", "parent"}


@pytest.mark.slow
def test_units_are_listed_under_their_parent(client, national):
    body = client.get("/api/v1/units?parent=24&page_size=500").json()
    assert body["count"] == 99
    assert {r["parent"] for r in body["results"]} == {"24"}


@pytest.mark.slow
@pytest.mark.parametrize("q", ["dong ky", "ĐỒNG KỲ", "Đồng Kỳ"])
def test_the_api_searches_names_ignoring_case_and_diacritics(client, national, q):
    names = [r["name"] for r in client.get("/api/v1/units", {"q": q}).json()["results"]]
    assert "Xã Đồng Kỳ" in names


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("level=hamlet", "level"),
        ("page=0", "page"),
        ("page_size=abc", "page_size"),
        ("parent=99999", "parent"),
        ("on=2024-02-30", "on"),
    ],
)
def test_bad_parameters_get_a_400_with_a_clear_message(client, cast, query, parameter):
    response = client.get(f"/api/v1/units?{query}")
    assert response.status_code == 400
    assert parameter in response.json()["detail"]


def test_history_is_hidden_by_default_and_shown_on_request(client, cast):
    make_unit(
        "07273", "Xã Đông Sơn", Level.COMMUNE, UnitType.XA, cast.province, valid_to=dt.date(2025, 6, 30)
    )

    def codes(query):
        return {r["code"] for r in client.get(f"/api/v1/units?level=commune&{query}").json()["results"]}

    assert "07273" not in codes("")
    assert "07273" in codes("history=true")
    assert "07273" in codes("on=2025-06-30")


def test_a_unit_detail_gives_ancestors_and_successors(client, cast):
    old = make_unit(
        "07273", "Xã Đông Sơn", Level.COMMUNE, UnitType.XA, cast.province, valid_to=dt.date(2025, 6, 30)
    )
    old.successors.add(cast.a)
    body = client.get("/api/v1/units/07273").json()
    assert [a["code"] for a in body["ancestors"]] == ["24"]
    assert [s["code"] for s in body["successors"]] == ["07282"]
    assert client.get("/api/v1/units/nope").status_code == 404


@pytest.mark.slow
def test_the_unit_list_does_a_constant_number_of_queries(client, national, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get("/api/v1/units?level=commune&page_size=500")


def test_the_openapi_schema_describes_the_endpoints(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/units", "/api/v1/catalogue", "/api/v1/calendar/working-days"} <= set(paths)
