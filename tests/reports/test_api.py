"""The reports API: an area's compliance for its reviewers (the dashboard's numbers), one unit report for
those allowed, and nothing for anybody else."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports import actions
from reports.compliance import compliance, period_for
from tests.conftest import make_unit
from tests.disclosures import conftest as disclosure_fixtures
from tests.disclosures.conftest import HCM
from units.models import Level, ReportingRegime, UnitType

pytestmark = pytest.mark.django_db
make_disclosure = disclosure_fixtures.make_disclosure  # the fixture

d = dt.date


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content.decode()
    return response.json()


def submit(report, cast, when):
    report = actions.update_narrative(
        report, by=cast.clerk_a, results="Đã công khai đầy đủ.", shortcomings="Không.", proposals="Không."
    )
    actions.send_to_sign(report, by=cast.clerk_a)
    actions.sign_and_submit(report, by=cast.approver_a, signer_title="Chủ tịch UBND xã", now=when)
    report.refresh_from_db()
    return report


@pytest.fixture
def half_year(cast, make_disclosure, make_report):
    """2026-H1 in province 24: commune a posted on time and late and submitted its report late;
    commune b posted once and never submitted."""
    make_disclosure(cast.a, state="published", published_on=d(2026, 1, 12), decision_date=d(2026, 1, 8))
    make_disclosure(cast.a, state="published", published_on=d(2026, 3, 2), decision_date=d(2026, 1, 5))
    make_disclosure(cast.b, state="published", published_on=d(2026, 2, 3), decision_date=d(2026, 2, 2))
    make_disclosure(cast.c, state="published", published_on=d(2026, 2, 3), decision_date=d(2026, 2, 2))
    report = submit(make_report(cast.a, "2026-H1"), cast, dt.datetime(2026, 6, 25, 9, tzinfo=HCM))
    assert report.is_late
    return report


def test_the_reviewer_gets_every_unit_of_the_province_with_the_dashboards_numbers(cast, client, half_year):
    client.force_login(cast.reviewer_p)
    body = get(client, "/api/v1/units/24/compliance?period=2026-H1")
    period = ReportingRegime.for_unit(cast.province).period_for_key("2026-H1")
    expected = compliance(cast.province, period)

    assert body["area"] == {"code": "24", "name": "Tỉnh Bắc Ninh", "level": "province"}
    assert body["period"] == {
        "key": "2026-H1",
        "label": "6 tháng đầu năm 2026",
        "start": "2025-12-15",
        "end": "2026-06-14",
        "due": "2026-06-19",
        "due_explanation": period.due_explanation,
        "due_explanation_en": period.due_explanation_en,
    }
    assert body["count"] == 3 and body["page"] == 1
    rows = expected.sorted_rows("name")
    assert [r["code"] for r in body["results"]] == [r.code for r in rows]
    assert {r["code"]: r["kind"] for r in body["results"]} == {
        "07282": "unit",
        "07288": "unit",
        "UBND-07282": "agency",
    }
    for got, row in zip(body["results"], rows, strict=True):
        assert got["name"] == row.name and got["status"] == row.status
        assert list(got["indicators"]) == [i.key for i in row.indicators]
        for indicator in row.indicators:
            value = got["indicators"][indicator.key]
            assert (value["done"], value["total"], value["status"]) == (
                indicator.done,
                indicator.total,
                indicator.status,
            )
            assert value["rate"] == (None if indicator.rate is None else pytest.approx(float(indicator.rate)))
        assert got["report"]["status"] == row.report_status
    by_code = {r["code"]: r for r in body["results"]}
    assert by_code["07282"]["indicators"]["on_time"] == {
        "label": "Công khai đúng hạn",
        "done": 1,
        "total": 2,
        "rate": 0.5,
        "status": "bad",
    }
    assert by_code["07282"]["report"] == {
        "id": half_year.pk,
        "status": "late",
        "status_label": "Gửi muộn",
        "state": "submitted",
        "submitted_at": "2026-06-25T09:00:00+07:00",
        "is_late": True,
    }
    assert by_code["07288"]["report"]["status"] == "missing" and by_code["07288"]["report"]["id"] is None
    totals = {i.key: (i.done, i.total) for i in expected.indicators}
    assert {k: (v["done"], v["total"]) for k, v in body["indicators"].items()} == totals
    assert body["indicators"]["on_time"]["done"] == 2 and body["indicators"]["on_time"]["total"] == 3
    assert body["reports"]["late"] == 1 and body["reports"]["missing"] == 2


def test_the_list_is_paginated_and_sortable(cast, client, half_year):
    client.force_login(cast.reviewer_p)
    body = get(client, "/api/v1/units/24/compliance?period=2026-H1&page_size=2&sort=on_time")
    assert body["count"] == 3 and body["page_size"] == 2 and len(body["results"]) == 2
    assert body["results"][0]["code"] == "07282", "the worst on-time rate first (nothing due sorts last)"
    rest = get(client, "/api/v1/units/24/compliance?period=2026-H1&page_size=2&page=2")
    assert len(rest["results"]) == 1
    assert get(client, "/api/v1/units/24/compliance?period=2026-H1&page=9")["results"] == []


def test_the_default_period_is_the_last_half_year_that_ended(cast, client):
    client.force_login(cast.reviewer_p)
    body = get(client, "/api/v1/units/24/compliance")
    assert body["period"]["key"] == period_for(cast.province).key


def test_a_bad_period_is_a_400_in_vietnamese(cast, client):
    client.force_login(cast.reviewer_p)
    for bad in ("2026-H3", "26", "2026-H1x", "1999"):
        body = get(client, f"/api/v1/units/24/compliance?period={bad}", status=400)
        assert body["errors"][0]["parameter"] == "period", body
        assert "period" in body["detail"]
    body = get(client, "/api/v1/units/24/compliance?period=2026-H3", status=400)
    assert "Kỳ báo cáo «2026-H3» không hợp lệ: dùng dạng 2026-H1, 2026-H2 hoặc 2026." in body["detail"]
    body = get(client, "/api/v1/units/24/compliance?period=2026&sort=colour", status=400)
    assert body["errors"][0]["parameter"] == "sort" and "phải là một trong" in body["detail"]


def test_a_reviewer_of_another_province_and_the_units_people_get_404(cast, client, half_year):
    client.force_login(cast.reviewer_q)
    body = get(client, "/api/v1/units/24/compliance?period=2026-H1", status=404)
    assert body["detail"] == "Không có địa bàn mã “24” trong phạm vi bạn theo dõi."
    get(client, "/api/v1/units/07282/compliance?period=2026-H1", status=404)
    assert get(client, "/api/v1/units/99/compliance", status=404)["detail"].startswith("Không có địa bàn")
    assert get(client, "/api/v1/units/01/compliance?period=2026-H1")["count"] == 2  # commune c, agency c
    get(client, f"/api/v1/reports/{half_year.pk}", status=404)
    for user in (cast.clerk_a, cast.approver_a, cast.nobody):
        client.force_login(user)
        get(client, "/api/v1/units/24/compliance?period=2026-H1", status=404)
        get(client, "/api/v1/units/07282/compliance?period=2026-H1", status=404)


def test_a_reviewer_sees_a_single_commune_and_an_administrator_any_area(cast, client, half_year):
    client.force_login(cast.reviewer_p)
    body = get(client, "/api/v1/units/07282/compliance?period=2026-H1")
    assert body["area"]["level"] == "commune"
    assert [r["code"] for r in body["results"]] == ["07282", "UBND-07282"]
    client.force_login(cast.admin)
    assert get(client, "/api/v1/units/24/compliance?period=2026-H1")["count"] == 3
    assert get(client, "/api/v1/units/01/compliance?period=2026-H1")["count"] == 2


def test_anonymous_callers_get_401(cast, client, half_year):
    body = get(client, "/api/v1/units/24/compliance?period=2026-H1", status=401)
    assert body["detail"].startswith("Cần đăng nhập")
    get(client, "/api/v1/units/99/compliance", status=401)
    get(client, f"/api/v1/reports/{half_year.pk}", status=401)


def test_staff_who_must_pass_a_second_factor_get_401_until_they_do(cast, client, settings, half_year):
    settings.SECOND_FACTOR_ROLES = ["reviewer"]
    client.force_login(cast.reviewer_p)
    body = get(client, "/api/v1/units/24/compliance?period=2026-H1", status=401)
    assert "xác thực hai lớp" in body["detail"]
    client.force_login(cast.clerk_a)
    get(client, f"/api/v1/reports/{half_year.pk}")


def test_the_number_of_queries_does_not_grow_with_the_units(cast, client, make_disclosure):
    client.force_login(cast.reviewer_p)
    url = "/api/v1/units/24/compliance?period=2026-H1&page_size=500"
    get(client, url)  # caches (holidays of the year) warmed up

    def count():
        with CaptureQueriesContext(connection) as queries:
            get(client, url)
        return len(queries)

    before = count()
    for n in range(6):
        unit = make_unit(f"0730{n}", f"Xã Thử {n}", Level.COMMUNE, UnitType.XA, cast.province)
        make_disclosure(unit, state="published", published_on=d(2026, 2, 3), decision_date=d(2026, 2, 2))
        actions.ensure_report(unit, ReportingRegime().period_for_key("2026-H1"))
    assert get(client, url)["count"] == 9
    assert count() == before <= 16, before


def test_a_report_for_its_clerk_with_its_figures_narrative_and_links(cast, client, half_year):
    client.force_login(cast.clerk_a)
    body = get(client, f"/api/v1/reports/{half_year.pk}")
    pk = half_year.pk
    assert body["id"] == pk
    assert body["owner"] == {"kind": "unit", "code": "07282", "name": "Xã Đồng Kỳ", "unit": None}
    assert body["period"]["key"] == "2026-H1" and body["period"]["due"] == "2026-06-19"
    assert body["period"]["label"] == "6 tháng đầu năm 2026"
    assert (body["state"], body["status"], body["is_late"]) == ("submitted", "late", True)
    assert body["number"] == half_year.number and body["number"].endswith("/BC-UBND")
    assert body["submitted_at"] == "2026-06-25T09:00:00+07:00"
    assert body["signer_title"] == "Chủ tịch UBND xã"
    assert body["compiled_at"].endswith("+07:00")
    assert body["figures"] == half_year.figures
    assert body["figures"]["disclosures"]["published"] == 2
    assert body["narrative"] == {
        "results": "Đã công khai đầy đủ.",
        "shortcomings": "Không.",
        "proposals": "Không.",
    }
    assert body["links"] == {
        "page": f"http://testserver/staff/reports/{pk}/",
        "pdf": f"http://testserver/staff/reports/{pk}/pdf/",
        "xlsx": f"http://testserver/staff/reports/{pk}/xlsx/",
    }


def test_a_report_is_read_by_its_people_and_the_reviewers_above_only(cast, client, half_year, make_report):
    allowed = (cast.clerk_a, cast.approver_a, cast.inspector_a, cast.reviewer_p, cast.admin)
    for user in allowed:
        client.force_login(user)
        get(client, f"/api/v1/reports/{half_year.pk}")
    for user in (cast.clerk_b, cast.reviewer_q, cast.nobody, cast.staff_agency_a):
        client.force_login(user)
        body = get(client, f"/api/v1/reports/{half_year.pk}", status=404)
        assert body["detail"] == f"Không có báo cáo số {half_year.pk}."
    get(client, "/api/v1/reports/999999", status=404)
    agency_report = make_report(cast.agency_a, "2026-H1")
    client.force_login(cast.staff_agency_a)
    body = get(client, f"/api/v1/reports/{agency_report.pk}")
    assert body["owner"] == {
        "kind": "agency",
        "code": "UBND-07282",
        "name": cast.agency_a.name,
        "unit": "07282",
    }
    client.force_login(cast.clerk_a)
    get(client, f"/api/v1/reports/{agency_report.pk}", status=404)  # Art. 46: the agency's own


def test_the_endpoints_are_in_the_openapi_schema(client):
    paths = get(client, "/api/v1/openapi.json")["paths"]
    assert "/api/v1/units/{code}/compliance" in paths
    assert "/api/v1/reports/{report_id}" in paths
