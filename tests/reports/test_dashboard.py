"""The reviewer's compliance dashboard: the numbers of an area and its units, sorting, the drill-down to
the single late items, the coverage of the catalogue, the trend chart, the XLSX, who sees what, and a
constant number of queries whatever the number of units."""

import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from consultations.models import (
    Consultation,
    ConsultationState,
    Decision,
    DecisionState,
    Outcome,
    Recommendation,
)
from disclosures import actions as disclosure_actions
from disclosures.models import Disclosure, State
from reports import actions
from reports.compliance import compliance, period_for
from tests.conftest import make_unit
from tests.disclosures import conftest as disclosure_fixtures
from tests.disclosures.conftest import HCM, item
from units.models import Level, ReportingRegime, UnitType

pytestmark = pytest.mark.django_db
make_disclosure = disclosure_fixtures.make_disclosure  # the fixture

d = dt.date
H1 = "2026-H1"


def area_url(code, **query):
    url = reverse("reports:area", args=[code])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def period():
    return ReportingRegime().period_for_key(H1)


@pytest.fixture
def half_year(cast, make_disclosure, make_report):
    """2026-H1 in province 24. Commune a: posted on time twice (one withdrawn before its window ended,
    one with a question left unanswered), once late; a consultation closed without published
    results; a decision recognised after its deadline; an overdue recommendation; its report submitted
    late. Commune b: posted once on time (another item), never submitted. Commune c (province 01)
    posted once."""
    on_time = make_disclosure(
        cast.a, state="published", published_on=d(2026, 1, 12), decision_date=d(2026, 1, 8)
    )
    late = make_disclosure(
        cast.a,
        state="published",
        published_on=d(2026, 3, 2),
        decision_date=d(2026, 1, 5),
        title="Quyết toán ngân sách xã năm 2025",
    )
    withdrawn = make_disclosure(
        cast.a,
        state="published",
        published_on=d(2026, 2, 10),
        decision_date=d(2026, 2, 9),
        title="Kế hoạch sử dụng đất năm 2026",
        clause=1,
    )
    Disclosure.objects.filter(pk=withdrawn.pk).update(
        state=State.WITHDRAWN,
        closed_at=withdrawn.published_at + dt.timedelta(days=5),
        withdrawn_reason="Văn bản bị thay thế",
    )
    disclosure_actions.add_feedback(
        on_time,
        text="Khoản chi sửa đường thôn là bao nhiêu?",
        received_at=on_time.published_at + dt.timedelta(days=1),
    )
    make_disclosure(
        cast.b, state="published", published_on=d(2026, 2, 3), decision_date=d(2026, 2, 2), clause=3
    )
    make_disclosure(cast.c, state="published", published_on=d(2026, 2, 3), decision_date=d(2026, 2, 2))
    consultation = Consultation.objects.create(
        unit=cast.village_a,
        item=item(25, 7),
        title="Dự thảo hương ước thôn Đồng Bông",
        content="Lấy ý kiến dự thảo hương ước.",
        forms=["a"],
        period_days=20,
        state=ConsultationState.CLOSED,
        opened_at=dt.datetime(2026, 3, 1, 8, tzinfo=HCM),
        ends_on=d(2026, 3, 20),
        closed_at=dt.datetime(2026, 3, 21, tzinfo=HCM),
    )
    decision = Decision.objects.create(
        unit=cast.a,
        item=item(15, 3),
        title="Sửa đổi quy ước thôn",
        method="meeting",
        recognised_by="committee",
        state=DecisionState.RECOGNISED,
        electorate=200,
        outcome=Outcome.PASSED,
        decided_on=d(2026, 3, 10),
        send_deadline=d(2026, 3, 13),
        sent_on=d(2026, 3, 12),
        recognition_deadline=d(2026, 3, 19),
        recognised_on=d(2026, 3, 30),
    )
    recommendation = Recommendation.objects.create(
        unit=cast.a,
        subject="Công khai quỹ phòng, chống thiên tai",
        text="Đề nghị công khai.",
        addressed_to="UBND xã Đồng Kỳ",
        made_on=d(2026, 4, 1),
        due_on=d(2026, 4, 16),
    )
    report = make_report(cast.a, H1)
    report = actions.update_narrative(
        report, by=cast.clerk_a, results="Đạt.", shortcomings="Không.", proposals="Không."
    )
    actions.send_to_sign(report, by=cast.clerk_a)
    actions.sign_and_submit(
        report, by=cast.approver_a, signer_title="Chủ tịch", now=dt.datetime(2026, 6, 25, 9, tzinfo=HCM)
    )
    return {
        "late": late,
        "withdrawn": withdrawn,
        "on_time": on_time,
        "consultation": consultation,
        "decision": decision,
        "recommendation": recommendation,
    }


def test_the_province_page_shows_the_numbers_compliance_computes(cast, client, half_year):
    client.force_login(cast.reviewer_p)
    response = client.get(area_url("24", period=H1))
    assert response.status_code == 200
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    expected = compliance(cast.province, period())
    page = response.context["result"]
    assert [(r.code, [(i.done, i.total) for i in r.indicators]) for r in page.rows] == [
        (r.code, [(i.done, i.total) for i in r.indicators]) for r in expected.rows
    ]
    a = next(r for r in page.rows if r.code == "07282")
    # The core indicators; the registered families' (reports/families.py) follow them, with nothing here.
    assert [(i.key, i.done, i.total) for i in a.indicators][:6] == [
        ("on_time", 2, 3),
        ("windows", 2, 3),
        ("feedback", 0, 1),
        ("consultations", 0, 1),
        ("decisions", 0, 1),
        ("recommendations", 0, 1),
    ]
    assert a.report_status == "late"
    html = response.content.decode()
    assert "Xã Đồng Kỳ" in html and "Xã Yên Thế" in html and "Văn phòng UBND xã Đồng Kỳ" in html
    assert "Phường Hoàn Kiếm" not in html
    # The area totals (3 of 4 postings on time) and the report counts: a late, b and the agency missing.
    totals = {i.key: i for i in response.context["totals"]}
    assert (totals["on_time"].done, totals["on_time"].total) == (3, 4)
    assert "75%" in html and "3/4" in html
    assert response.context["report_counts"] == {"on_time": 0, "late": 1, "missing": 2, "other": 0}
    assert response.context["units_count"] == 2 and response.context["agencies_count"] == 1
    # Status is never colour alone: each cell carries an icon and a word for screen readers.
    assert "Chưa đạt" in html and "ind-icon" in html


def test_the_table_sorts_by_each_column_and_filters_the_units_needing_attention(cast, client, half_year):
    client.force_login(cast.reviewer_p)

    def order(**query):
        response = client.get(area_url("24", period=H1, **query))
        return [line.row.code for line in response.context["unit_lines"]]

    assert order(sort="on_time") == ["07282", "07288"]  # 66.7 % before 100 %
    assert order(sort="on_time", desc=1) == ["07288", "07282"]
    assert order(sort="nonsense") == order(sort="status")
    response = client.get(area_url("24", period=H1, sort="on_time"))
    header = next(c for c in response.context["columns"] if c["key"] == "on_time")
    assert header["aria_sort"] == "ascending" and "desc=1" in header["url"]
    # Both communes fall short (a: late postings; b: its report is missing).
    assert sorted(order(attention=1)) == ["07282", "07288"]


def test_the_commune_drill_down_lists_every_single_item_behind_the_shortfalls(cast, client, half_year):
    client.force_login(cast.reviewer_p)
    response = client.get(area_url("07282", period=H1))
    assert response.status_code == 200
    html = response.content.decode()
    sections = {s.key: s for s in response.context["sections"]}
    # Exactly the shortfalls the indicators count.
    for section in sections.values():
        assert section.count == section.indicator.total - section.indicator.done, section.key
    late = half_year["late"]
    assert [i["title"] for i in sections["on_time"].items] == ["Quyết toán ngân sách xã năm 2025"]
    assert reverse("disclosures:staff_detail", args=[late.pk]) in html
    assert "Thử nghiệm" in html  # the late reason
    assert late.posting_deadline.strftime("%d/%m/%Y") in html
    assert sections["feedback"].items[0]["url"].split("?")[0] == reverse(
        "disclosures:staff_detail", args=[half_year["on_time"].pk]
    )
    assert "Thôn Đồng Bông" in html  # the village's consultation counts for its commune
    # Breadcrumbs: dashboard › province › commune.
    assert area_url("24", period=H1) in html
    # The reviewer can open every page the drill-down links to.
    links = [item["url"].split("?")[0] for s in sections.values() for item in s.items]
    assert reverse("consultations:staff_detail", args=[half_year["consultation"].pk]) in links
    assert reverse("consultations:decision_detail", args=[half_year["decision"].pk]) in links
    assert reverse("consultations:recommendation_detail", args=[half_year["recommendation"].pk]) in links
    for url in links:
        assert client.get(url).status_code == 200, url


def test_the_window_broken_by_an_early_withdrawal_is_listed(cast, client, half_year):
    """A window that ended in the period: the withdrawn posting's 30 days ended on 12/03/2026."""
    client.force_login(cast.reviewer_p)
    response = client.get(area_url("07282", period=H1))
    sections = {s.key: s for s in response.context["sections"]}
    # Windows are counted in the period their end falls in: all three ended in 2026-H1 here.
    windows = response.context["row"].indicator["windows"]
    assert (windows.done, windows.total) == (2, 3)
    assert [i["title"] for i in sections["windows"].items] == ["Kế hoạch sử dụng đất năm 2026"]
    assert "Văn bản bị thay thế" in response.content.decode()


def test_an_agency_row_drills_down_to_the_agency_page(cast, client, half_year):
    client.force_login(cast.reviewer_p)
    response = client.get(area_url("24", period=H1))
    url = reverse("reports:agency_area", args=["UBND-07282"])
    assert url in response.content.decode()
    response = client.get(url + "?period=" + H1)
    assert response.status_code == 200
    assert response.context["row"].code == "UBND-07282"
    client.force_login(cast.staff_agency_a)  # the agency's own staff: not a reviewer
    assert client.get(url).status_code == 404


def test_coverage_lists_the_units_that_did_and_did_not_disclose_an_item(cast, client, half_year):
    client.force_login(cast.reviewer_p)
    budget = item(11, 2)
    response = client.get(reverse("reports:coverage", args=["24"]) + f"?period={H1}&item={budget.pk}")
    assert response.status_code == 200
    assert [e["owner"].code for e in response.context["did"]] == ["07282"]
    assert [e["owner"].code for e in response.context["did_not"]] == ["07288"]
    communes = {entry["item"].pk: entry for entry in response.context["groups"][0][1]}
    assert (communes[budget.pk]["indicator"].done, communes[budget.pk]["indicator"].total) == (1, 2)
    assert communes[budget.pk]["postings"] == 2
    # The bar is an SVG rectangle, not a style="" the page's Content-Security-Policy would refuse.
    assert (
        '<svg class="bar" aria-hidden="true" focusable="false"><rect height="100%" width="50.0%"/></svg>'
        in response.content.decode()
    )
    assert communes[item(11, 3).pk]["indicator"].done == 1
    # An unknown item: a Vietnamese message, not an error.
    response = client.get(reverse("reports:coverage", args=["24"]) + f"?period={H1}&item=99999")
    assert response.status_code == 200
    assert "Không có nội dung" in response.content.decode()


def test_the_trend_chart_is_an_svg_picture_with_its_numbers_as_a_table(cast, client, half_year):
    client.force_login(cast.reviewer_p)
    response = client.get(reverse("reports:trend", args=["24"]) + f"?period={H1}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert response["Cache-Control"].startswith("private")
    svg = response.content.decode()
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "Công khai đúng hạn" in svg and "6 tháng đầu" in svg
    assert "75%" in svg  # the marker's tooltip of 2026-H1
    page = client.get(reverse("reports:area", args=["24"]) + f"?period={H1}").content.decode()
    assert 'src="/staff/compliance/24/trend.svg?period=2026-H1"' in page
    assert re.search(r'<img src="[^"]*trend.svg[^"]*"[^>]*alt="Biểu đồ', page)
    table = client.get(reverse("reports:trend_table", args=["24"]) + f"?period={H1}")
    assert table.status_code == 200
    keys = ["2023-H2", "2024-H1", "2024-H2", "2025-H1", "2025-H2", "2026-H1"]
    assert [row["period"].key for row in table.context["rows"]] == keys  # the six half-years up to the page's
    last = table.context["rows"][-1]
    assert last["period"].key == H1
    assert (last["cells"][0][1].done, last["cells"][0][1].total) == (3, 4)


def test_the_xlsx_holds_the_same_numbers_as_the_page(cast, client, half_year):
    client.force_login(cast.reviewer_p)
    page = client.get(area_url("24", period=H1)).context["result"]
    response = client.get(reverse("reports:area_xlsx", args=["24"]) + f"?period={H1}")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Mã", "Tên đơn vị", "Loại", "Công khai đúng hạn: đạt")
    by_code = {r[0]: r for r in rows[1:] if r[0]}
    for row in page.rows:
        cells = by_code[row.code]
        numbers = []
        for i in row.indicators:
            numbers += [i.done, i.total, i.percent]
        assert list(cells[3:-2]) == numbers, row.code
        assert cells[-2] == str(row.report_status_label)
    assert by_code["07282"][3:6] == (2, 3, 66.7)
    assert by_code["07282"][2] == "Xã"
    assert by_code["UBND-07282"][2] == "Cơ quan, đơn vị"
    totals = rows[-1]
    assert totals[1] == "Tổng cộng toàn địa bàn" and totals[3:6] == (3, 4, 75.0)


def test_a_bad_period_gives_a_vietnamese_message_and_the_default_period(cast, client, half_year):
    client.force_login(cast.reviewer_p)
    for bad in ("2026-H3", "hôm qua", "2026-Q1"):
        response = client.get(area_url("24", period=bad))
        assert response.status_code == 200
        assert response.context["period"] == period_for(cast.province)
        assert response.context["period_error"]
        assert 'role="alert"' in response.content.decode()
    for view in ("reports:area_xlsx", "reports:trend", "reports:coverage"):
        assert client.get(reverse(view, args=["24"]) + "?period=xyz").status_code == 200


def test_the_dashboard_sends_a_reviewer_to_their_area_and_lists_areas_for_a_national_admin(cast, client):
    client.force_login(cast.reviewer_p)
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 302
    assert response["Location"] == area_url("24", period=period_for(cast.province).key)
    client.force_login(cast.admin)
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert area_url("VN") in html and area_url("24") in html and area_url("01") in html


@pytest.mark.parametrize("user", ["clerk_a", "approver_a", "inspector_a", "staff_agency_a", "nobody"])
def test_people_who_review_nothing_get_404_on_the_dashboard(cast, client, user):
    client.force_login(getattr(cast, user))
    assert client.get(reverse("reports:dashboard")).status_code == 404
    assert client.get(area_url("07282")).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(cast, client):
    response = client.get(area_url("24"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_reviewer_sees_only_their_province(cast, client, half_year):
    client.force_login(cast.reviewer_p)
    for url in (
        area_url("24"),
        area_url("07282"),
        area_url("07288"),
        reverse("reports:agency_area", args=["UBND-07282"]),
    ):
        assert client.get(url).status_code == 200, url
    assert client.get(area_url("01")).status_code == 404
    assert client.get(area_url("00070")).status_code == 404
    assert client.get(area_url("VN")).status_code == 404
    client.force_login(cast.reviewer_q)
    for url in (
        area_url("24"),
        area_url("07282"),
        reverse("reports:area_xlsx", args=["24"]),
        reverse("reports:coverage", args=["24"]),
        reverse("reports:trend", args=["24"]),
        reverse("reports:trend_table", args=["24"]),
        reverse("reports:agency_area", args=["UBND-07282"]),
        reverse("reports:area_xlsx", args=["07282"]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.get(area_url("01")).status_code == 200
    assert client.get(area_url("00070")).status_code == 200


def test_a_national_admin_sees_every_commune_of_the_country(cast, client, half_year):
    client.force_login(cast.admin)
    response = client.get(area_url("VN", period=H1))
    assert response.status_code == 200
    assert sorted(r.code for r in response.context["result"].rows) == ["00070", "07282", "07288"]
    totals = {i.key: i for i in response.context["totals"]}
    assert (totals["on_time"].done, totals["on_time"].total) == (4, 5)
    assert "Tỉnh Bắc Ninh" in response.content.decode()  # each commune's province
    assert client.get(reverse("reports:area_xlsx", args=["VN"]) + f"?period={H1}").status_code == 200
    assert client.get(reverse("reports:trend", args=["VN"])).status_code == 200
    assert client.get(reverse("reports:coverage", args=["VN"])).status_code == 200


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


COUNTING = 3


def cold_and_warm(client, url) -> tuple[int, int]:
    """The queries of a page whose figures are (partly) counted now, then of the same page read from the
    stored figures (reports.stored): counting the missing owners adds at most `COUNTING` queries (the
    counting statement, the duties the meetings family reads, the upsert of the rows)."""
    return queries(client, url), queries(client, url)


def test_the_number_of_queries_does_not_grow_with_the_number_of_units(
    cast, client, half_year, make_disclosure
):
    client.force_login(cast.reviewer_p)
    urls = [
        area_url("24", period=H1),
        area_url("24", period=H1, sort="feedback", desc=1),
        reverse("reports:area_xlsx", args=["24"]) + f"?period={H1}",
        reverse("reports:coverage", args=["24"]) + f"?period={H1}&item={item(11, 2).pk}",
    ]
    queries(client, area_url("24", period="2025-H2"))  # the caches of the first request, another period
    few = [cold_and_warm(client, url) for url in urls]
    client.force_login(cast.admin)
    country_few = cold_and_warm(client, area_url("VN", period=H1))
    drill_few = cold_and_warm(client, area_url("07282", period=H1))
    for cold, warm in [*few, country_few, drill_few]:
        assert warm <= cold <= warm + COUNTING, (few, country_few, drill_few)

    for n in range(12):
        unit = make_unit(f"0729{n:02d}", f"Xã Thử Nghiệm {n}", Level.COMMUNE, UnitType.XA, cast.province)
        make_disclosure(unit, state="published", published_on=d(2026, 3, 2), decision_date=d(2026, 1, 5))
    for _n in range(3):  # more late items behind the commune's shortfalls
        make_disclosure(cast.a, state="published", published_on=d(2026, 4, 6), decision_date=d(2026, 3, 2))

    client.force_login(cast.reviewer_p)
    for url, (cold, warm) in zip(urls, few, strict=True):
        assert queries(client, url) <= cold  # the 12 new communes counted now
        assert queries(client, url) == warm
    client.force_login(cast.admin)
    assert queries(client, area_url("VN", period=H1)) == country_few[1]  # stored by the province's page
    assert queries(client, area_url("07282", period=H1)) == drill_few[1]


def test_names_in_the_table_are_escaped(cast, client, half_year):
    cast.b.name = 'Xã <script>alert("x")</script> & Co'
    cast.b.save()
    client.force_login(cast.reviewer_p)
    html = client.get(area_url("24", period=H1)).content.decode()
    assert "<script>alert" not in html
    assert "Xã &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html
    # The row still carries its indicator cells, report status and overall status in words.
    row = html[html.index("&lt;script&gt;") :].split("</tr>")[0]
    assert "ind-icon" in row and "Chưa gửi (quá hạn)" in row and "Chưa đạt" in row


def test_the_attention_link_and_the_xlsx_link_really_filter(cast, client, half_year):
    """The link used to send `attention=True` while the view tested "1": it did nothing."""
    client.force_login(cast.reviewer_p)
    quiet = make_unit("07299", "Xã Yên Lặng", Level.COMMUNE, UnitType.XA, cast.province)
    html = client.get(area_url("24", period=H1)).content.decode()
    link = re.search(r'<a href="([^"]+)">Chỉ hiện các đơn vị cần chú ý</a>', html).group(1)
    assert "attention=1" in link.replace("&amp;", "&")
    filtered = client.get(link.replace("&amp;", "&"))
    assert filtered.context["attention"] is True
    assert "Đang chỉ hiện các đơn vị cần chú ý" in filtered.content.decode()
    # The XLSX link of the filtered page carries the same filter, and the file holds the same units.
    xlsx_url = filtered.context["xlsx_url"]
    assert "attention=1" in xlsx_url
    sheet = load_workbook(io.BytesIO(b"".join(client.get(xlsx_url).streaming_content))).active
    codes = {r[0] for r in list(sheet.iter_rows(values_only=True))[1:] if r[0]}
    shown = {
        line.row.code
        for key in ("unit_lines", "agency_lines", "idle_lines")
        for line in filtered.context[key]
    }
    assert codes == shown
    assert quiet.code not in codes or quiet.code in shown


def test_the_name_filter_finds_a_unit_with_or_without_diacritics(cast, client, half_year):
    client.force_login(cast.reviewer_p)
    for q in ("Đồng Kỳ", "dong ky", "DONG  KY"):
        response = client.get(area_url("24", period=H1, q=q))
        assert [line.row.code for line in response.context["unit_lines"]] == ["07282"], q
    nothing = client.get(area_url("24", period=H1, q="khong co ten nay"))
    assert "Không có đơn vị nào khớp bộ lọc." in nothing.content.decode()
    # The sort links, the period picker and the XLSX keep the filter.
    response = client.get(area_url("24", period=H1, q="dong ky"))
    assert all("q=dong+ky" in c["url"] for c in response.context["columns"])
    assert ("q", "dong ky") in response.context["keep_fields"]
    assert "q=dong+ky" in response.context["xlsx_url"]


def test_units_with_no_activity_yet_are_grouped_after_the_others(cast, client, half_year):
    from consultations.duties.models import Duty

    # The yearly duties make every commune owe something each year (a missed one is a shortfall, not
    # idleness): left out here, where the units have nothing due.
    Duty.objects.update(active=False)
    client.force_login(cast.reviewer_p)
    for n in range(5):
        make_unit(f"0739{n:02d}", f"Xã An Tĩnh {n}", Level.COMMUNE, UnitType.XA, cast.province)
    response = client.get(area_url("24", period=H1))
    active = [line.row.code for line in response.context["unit_lines"]]
    idle = [line.row.code for line in response.context["idle_lines"]]
    assert sorted(active) == ["07282", "07288"]  # the units with data come first, whatever their status
    assert sorted(idle) == [f"0739{n:02d}" for n in range(5)]
    html = response.content.decode()
    assert "Chưa có hoạt động trong kỳ: 5 xã, phường" in html
    assert html.index("Xã Đồng Kỳ") < html.index("Xã An Tĩnh 0")


def test_a_reviewer_who_opens_a_late_item_has_breadcrumbs_back_to_the_drill_down(cast, client, half_year):
    client.force_login(cast.reviewer_p)
    drill = client.get(area_url("07282", period=H1))
    late = half_year["late"]
    links = [item["url"] for s in drill.context["sections"] for item in s.items]
    link = next(u for u in links if u.startswith(reverse("disclosures:staff_detail", args=[late.pk])))
    assert "tu=" in link
    html = client.get(link).content.decode()
    back = area_url("07282", period=H1)
    assert f'<li><a href="{back}">Xã Đồng Kỳ</a></li>' in html.replace("&amp;", "&")
    assert 'aria-label="Quay lại theo dõi thực hiện"' in html
    for url in links:  # every item's page carries the way back
        assert f'href="{back}"' in client.get(url).content.decode().replace("&amp;", "&"), url
    # Only this site's dashboard is followed.
    for bad in ("https://lua-dao.example/", "//lua-dao.example/x", "/staff/reports/"):
        page = client.get(reverse("disclosures:staff_detail", args=[late.pk]), {"tu": bad}).content.decode()
        assert 'aria-label="Quay lại theo dõi thực hiện"' not in page and 'href="https://lua-dao' not in page
