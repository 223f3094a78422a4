"""The quarterly register of disclosed items (Art. 13(2)): page, PDF and XLSX, public for a commune,
internal for an agency."""

import datetime as dt
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from democracy.pdf import place_date
from democracy.periods import Period
from democracy.xlsx import safe_cell, write_csv, write_sheet
from disclosures import actions
from disclosures.register import Quarter, register_rows
from units.models import RegisterQuarters, ReportingRegime

from .conftest import HCM

FORMULA_TITLE = '=HYPERLINK("http://lua-dao.example","Bấm vào đây")'
Q1_2026 = "Quý I năm 2026 (từ 15/12/2025 đến 14/03/2026)"  # quarters cut off on the 14th
Q1_2026_CALENDAR = "Quý I năm 2026 (từ 01/01/2026 đến 31/03/2026)"  # the default (issue 14 item 7)
FOURTEENTH = {"cutoff_day": 14, "year_end_month": 12}


def url(name, owner, year=2026, quarter=1):
    return reverse(f"disclosures:{name}", args=[owner.code, year, quarter])


def titles(rows):
    return [row.title for row in rows]


def cutoff_quarters(cast):
    """Bắc Ninh (commune A's and B's province) chose, for the register itself, quarters cut off on the
    14th (quarter I 2026: 15/12/2025 → 14/03/2026)."""
    return RegisterQuarters.objects.create(
        province=cast.province, cutoff_day=14, basis="Quyết định số 1/QĐ-UBND (thử nghiệm)"
    )


def calendar_quarters(cast):
    """Bắc Ninh withdraws its choice: the register is back to calendar quarters."""
    RegisterQuarters.objects.filter(province=cast.province).delete()
    return RegisterQuarters.for_owner(cast.a)


@pytest.fixture
def quarter_of_a(cast, make_disclosure):
    """Commune A's disclosures around quarter I 2026 (15/12/2025 → 14/03/2026: the province chose
    quarters cut off on the 14th), and others that must stay out of its register."""
    cutoff_quarters(cast)
    return {
        # Closed first: the closing run would also close the others. Posted on the cut-off day.
        "fees": make_disclosure(
            state="closed", published_on=dt.date(2026, 3, 14), clause=12, title="Mức thu phí chợ năm 2026"
        ),
        "procedures": make_disclosure(
            state="published",
            published_on=dt.date(2025, 12, 20),
            clause=13,
            title="Thủ tục hành chính cấp xã",
            decision_date=dt.date(2025, 12, 15),
            window_days=None,
        ),  # fmt: skip
        "budget": make_disclosure(
            state="published",
            published_on=dt.date(2026, 2, 9),
            title="Dự toán ngân sách xã năm 2026",
            decision_date=dt.date(2026, 2, 6),
        ),
        "formula": make_disclosure(
            state="published",
            published_on=dt.date(2026, 2, 10),
            clause=5,
            title=FORMULA_TITLE,
            decision_date=dt.date(2026, 2, 6),
        ),
        "before": make_disclosure(
            state="published", published_on=dt.date(2025, 12, 14), title="Niêm yết ngày 14/12/2025"
        ),
        "after": make_disclosure(
            state="published", published_on=dt.date(2026, 3, 15), title="Niêm yết ngày 15/03/2026"
        ),
        "draft": make_disclosure(state="draft", title="Bản nháp chưa công khai"),
        "submitted": make_disclosure(state="submitted", title="Đang chờ phê duyệt"),
        "other_commune": make_disclosure(
            owner=cast.b, by=cast.clerk_b, state="draft", title="Xã khác"
        ),  # a draft: publishing needs B's approver; the query filter is what matters
        "agency": make_disclosure(
            owner=cast.agency_a, state="published", published_on=dt.date(2026, 2, 9), title="Nội bộ cơ quan"
        ),
    }


# --- Quarters of the register -------------------------------------------------------------------------


def test_without_a_choice_of_the_province_the_register_has_calendar_quarters():
    first = Quarter.of(2026, 1)

    assert (first.start, first.end) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert first.full_label == Q1_2026_CALENDAR
    assert [(q.start, q.end) for q in (Quarter.of(2026, 2), Quarter.of(2026, 3), Quarter.of(2026, 4))] == [
        (dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
        (dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
        (dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
    ]
    assert Quarter.containing(dt.date(2025, 12, 31)) == Quarter.of(2025, 4)
    assert Quarter.containing(dt.date(2026, 1, 1)) == first
    assert Quarter.containing(dt.date(2026, 3, 31)) == first
    assert Quarter.containing(dt.date(2026, 4, 1)) == Quarter.of(2026, 2)


def test_a_quarter_cut_off_on_the_14th_runs_from_the_15th_before_it_to_the_14th_of_its_last_month():
    first = Quarter.of(2026, 1, **FOURTEENTH)

    assert (first.start, first.end) == (dt.date(2025, 12, 15), dt.date(2026, 3, 14))
    assert first.full_label == Q1_2026
    later = [Quarter.of(2026, n, **FOURTEENTH) for n in (2, 3, 4)]
    assert [(q.start, q.end) for q in later] == [
        (dt.date(2026, 3, 15), dt.date(2026, 6, 14)),
        (dt.date(2026, 6, 15), dt.date(2026, 9, 14)),
        (dt.date(2026, 9, 15), dt.date(2026, 12, 14)),
    ]
    assert first.previous() == Quarter.of(2025, 4, **FOURTEENTH)
    assert first.previous().end == dt.date(2025, 12, 14)
    assert first.next() == Quarter.of(2026, 2, **FOURTEENTH)
    assert Quarter.containing(dt.date(2025, 12, 20), **FOURTEENTH) == first
    assert Quarter.containing(dt.date(2025, 12, 14), **FOURTEENTH) == Quarter.of(2025, 4, **FOURTEENTH)
    assert Quarter.containing(dt.date(2026, 3, 14), **FOURTEENTH) == first
    assert Quarter.containing(dt.date(2026, 3, 15), **FOURTEENTH) == Quarter.of(2026, 2, **FOURTEENTH)
    start, end = first.bounds()
    assert (start.date(), end.date()) == (dt.date(2025, 12, 15), dt.date(2026, 3, 15))
    # A period of democracy.periods, with the register's wording.
    assert isinstance(first, Period) and first.key == "2026-Q1" and first.label == "Quý I năm 2026"
    assert Quarter.of(2099, 4).next() is None and Quarter.of(1995, 1).previous() is None


def test_the_reporting_regimes_cut_off_does_not_move_the_registers_quarters(cast):
    ReportingRegime.objects.create(authority=cast.province, cutoff_day=14, year_end_month=10)

    assert RegisterQuarters.for_owner(cast.a).pk is None
    assert Quarter.of(2026, 1, RegisterQuarters.for_owner(cast.a)) == Quarter.of(2026, 1)
    assert Quarter.of(2026, 1).full_label == Q1_2026_CALENDAR


def test_a_province_can_choose_other_quarters_for_the_register_itself(cast):
    cutoff_quarters(cast)
    choice = RegisterQuarters.for_owner(cast.agency_a)  # an agency follows its commune's province
    first = Quarter.of(2026, 1, choice)

    assert (first.start, first.end) == (dt.date(2025, 12, 15), dt.date(2026, 3, 14))
    assert Quarter.containing(dt.date(2025, 12, 20), choice) == first
    assert RegisterQuarters.for_owner(cast.c).pk is None  # another province: calendar quarters
    assert Quarter.of(2026, 1, RegisterQuarters.for_owner(cast.c)).full_label == Q1_2026_CALENDAR


# --- The rows ---------------------------------------------------------------------------------------


def test_a_quarters_register_lists_exactly_the_commune_disclosures_posted_in_that_quarter(
    cast, quarter_of_a, make_disclosure
):
    other = make_disclosure(owner=cast.b, by=cast.clerk_b, title="Xã Yên Thế công khai")
    actions.submit(other, by=cast.clerk_b)
    actions.publish(other, by=cast.admin, now=dt.datetime(2026, 2, 9, 9, tzinfo=HCM), late_reason="x")

    rows = register_rows(cast.a, Quarter.of(2026, 1, **FOURTEENTH))

    assert titles(rows) == [
        "Thủ tục hành chính cấp xã",  # 20/12/2025: quarter I 2026 by the national convention
        "Dự toán ngân sách xã năm 2026",
        FORMULA_TITLE,
        "Mức thu phí chợ năm 2026",  # 14/03/2026, the cut-off day
    ]
    assert [row.number for row in rows] == [1, 2, 3, 4]
    procedures, budget = rows[0], rows[1]
    assert procedures.posted_on == dt.date(2025, 12, 20)
    assert procedures.window_text == "Thường xuyên"
    assert budget.reference == "Điều 11 khoản 2"
    assert budget.item_label.startswith("Dự toán, kế hoạch tài chính")
    assert budget.posted_on == dt.date(2026, 2, 9)
    assert budget.window_end == quarter_of_a["budget"].window_end
    assert budget.forms == ["a) Niêm yết thông tin", "b) Đăng trên cổng/trang thông tin điện tử của xã"]
    assert rows[3].is_late and rows[3].late_reason == "Thử nghiệm"
    assert rows[3].state_label == "Đã kết thúc niêm yết"
    assert titles(register_rows(cast.a, Quarter.of(2025, 4, **FOURTEENTH))) == ["Niêm yết ngày 14/12/2025"]
    assert titles(register_rows(cast.a, Quarter.of(2026, 2, **FOURTEENTH))) == ["Niêm yết ngày 15/03/2026"]


def test_with_calendar_quarters_the_register_follows_the_calendar(cast, quarter_of_a):
    regime = calendar_quarters(cast)

    assert titles(register_rows(cast.a, Quarter.of(2025, 4, regime))) == [
        "Niêm yết ngày 14/12/2025",
        "Thủ tục hành chính cấp xã",
    ]
    assert titles(register_rows(cast.a, Quarter.of(2026, 1, regime))) == [
        "Dự toán ngân sách xã năm 2026",
        FORMULA_TITLE,
        "Mức thu phí chợ năm 2026",
        "Niêm yết ngày 15/03/2026",
    ]


def test_a_posting_on_the_cut_off_day_belongs_to_the_quarter_that_ends_that_day(cast, make_disclosure):
    for title, when in [
        ("Niêm yết 14/03 lúc 23 giờ 30", dt.datetime(2026, 3, 14, 23, 30, tzinfo=HCM)),
        # 15/03/2026 00:30 in Vietnam is still 14/03 in UTC: the local date counts.
        ("Niêm yết 15/03 lúc 0 giờ 30", dt.datetime(2026, 3, 15, 0, 30, tzinfo=HCM)),
    ]:
        disclosure = make_disclosure(title=title)
        actions.submit(disclosure, by=cast.clerk_a)
        actions.publish(disclosure, by=cast.approver_a, now=when, late_reason="x")

    assert titles(register_rows(cast.a, Quarter.of(2026, 1, **FOURTEENTH))) == [
        "Niêm yết 14/03 lúc 23 giờ 30"
    ]
    assert titles(register_rows(cast.a, Quarter.of(2026, 2, **FOURTEENTH))) == ["Niêm yết 15/03 lúc 0 giờ 30"]


def test_withdrawn_disclosures_stay_in_the_register_of_the_quarter_they_were_posted(cast, quarter_of_a):
    actions.withdraw(quarter_of_a["budget"], by=cast.approver_a, reason="Sai số liệu")

    rows = register_rows(cast.a, Quarter.of(2026, 1, **FOURTEENTH))

    assert "Đã thu hồi" in [row.state_label for row in rows if row.title == "Dự toán ngân sách xã năm 2026"]


# --- The page, the picker, the PDF and the XLSX -----------------------------------------------------


def test_the_register_page_is_public_names_its_days_and_links_to_the_pdf_and_the_xlsx(
    client, cast, quarter_of_a
):
    response = client.get(url("register", cast.a))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Danh sách các nội dung đã công khai" in page
    assert Q1_2026 in page
    assert "Thủ tục hành chính cấp xã" in page and "Mức thu phí chợ năm 2026" in page
    for outside in ("Niêm yết ngày 14/12/2025", "Niêm yết ngày 15/03/2026", "Bản nháp chưa công khai"):
        assert outside not in page
    assert "Nội bộ cơ quan" not in page
    assert url("register_pdf", cast.a) in page
    assert url("register_xlsx", cast.a) in page
    assert reverse("disclosures:register", args=[cast.a.code, 2025, 4]) in page  # previous quarter


def test_without_the_provinces_choice_the_register_page_has_calendar_quarters(client, cast, quarter_of_a):
    calendar_quarters(cast)

    page = client.get(url("register", cast.a)).content.decode()

    assert "Quý I năm 2026 (từ 01/01/2026 đến 31/03/2026)" in page
    assert "Niêm yết ngày 15/03/2026" in page
    assert "Thủ tục hành chính cấp xã" not in page  # 20/12/2025: quarter IV 2025 now


def test_the_quarter_picker_redirects_to_the_chosen_quarter(client, cast):
    response = client.get(
        reverse("disclosures:register_pick", args=[cast.a.code]), {"year": 2024, "quarter": 3}
    )

    assert response.status_code == 302
    assert response["Location"] == url("register", cast.a, 2024, 3)


def test_the_current_quarter_is_the_one_of_the_provinces_quarters_that_contains_today(
    client, cast, monkeypatch
):
    cutoff_quarters(cast)
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2025, 12, 20, 10, tzinfo=HCM))
    pick = reverse("disclosures:register_pick", args=[cast.a.code])

    assert client.get(pick)["Location"] == url("register", cast.a, 2026, 1)
    page = client.get(url("register", cast.a, 2025, 4)).content.decode()
    assert url("register", cast.a, 2026, 1) in page  # the next quarter has begun: it is linked
    assert '<option value="2026" selected>' not in page and '<option value="2026">' in page

    calendar_quarters(cast)

    assert client.get(pick)["Location"] == url("register", cast.a, 2025, 4)
    page = client.get(url("register", cast.a, 2025, 4)).content.decode()
    assert url("register", cast.a, 2026, 1) not in page


@pytest.mark.parametrize("quarter", [0, 5, 12])
def test_a_quarter_outside_one_to_four_is_not_found(client, cast, quarter):
    assert client.get(url("register", cast.a, 2024, quarter)).status_code == 404
    assert client.get(url("register_xlsx", cast.a, 2024, quarter)).status_code == 404


def test_only_communes_have_a_public_register(client, cast):
    assert client.get(url("register", cast.province)).status_code == 404
    assert client.get(url("register", cast.village_a)).status_code == 404


def test_the_xlsx_opens_with_its_days_typed_dates_and_a_formula_title_stored_as_text(
    client, cast, quarter_of_a
):
    response = client.get(url("register_xlsx", cast.a))

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Danh sách các nội dung đã công khai – Xã Đồng Kỳ"
    assert rows[1][0] == Q1_2026
    header, body = rows[2], rows[3:]
    assert header[:4] == ("STT", "Nội dung (điều, khoản)", "Tên nội dung", "Tiêu đề")
    assert [row[3] for row in body] == [
        "Thủ tục hành chính cấp xã",
        "Dự toán ngân sách xã năm 2026",
        "'" + FORMULA_TITLE,
        "Mức thu phí chợ năm 2026",
    ]
    budget = body[1]
    assert budget[1] == "Điều 11 khoản 2"
    assert budget[5].date() == dt.date(2026, 2, 6)  # decision date, a real date cell
    assert budget[7].date() == dt.date(2026, 2, 9)  # posted
    assert budget[8].date() == quarter_of_a["budget"].window_end
    assert body[0][8] == "Thường xuyên"
    formula_cell = sheet.cell(row=6, column=4)
    assert formula_cell.data_type == "s"
    assert sheet.cell(row=5, column=8).number_format == "DD/MM/YYYY"
    assert sheet.freeze_panes == "A4"
    assert sheet.column_dimensions["D"].width > 20


def test_the_pdf_has_the_title_the_days_of_the_quarter_and_every_disclosure(client, cast, quarter_of_a):
    response = client.get(url("register_pdf", cast.a))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(BytesIO(response.getvalue())).pages
    )
    assert "DANH SÁCH CÁC NỘI DUNG ĐÃ CÔNG KHAI" in text
    assert "QUÝ I NĂM 2026" in text
    assert "từ ngày 15/12/2025 đến ngày 14/03/2026" in text
    # The one issuer heading of every document (issue 15): the authority above, the issuer, the number
    # left for the office to write in, the date line as Decree 30/2020/NĐ-CP writes it.
    assert text.startswith(
        "UBND TỈNH BẮC NINH ỦY BAN NHÂN DÂN XÃ ĐỒNG KỲ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM "
        "Độc lập - Tự do - Hạnh phúc Số: /DS-UBND " + place_date("Đồng Kỳ", timezone.localdate())
    )
    assert "CHỦ TỊCH" in text and "NGƯỜI LẬP" in text
    for title in ["Thủ tục hành chính cấp xã", "Dự toán ngân sách xã năm 2026", "Mức thu phí chợ năm 2026"]:
        assert title in text
    assert "Nội bộ cơ quan" not in text and "Niêm yết ngày 15/03/2026" not in text


def test_an_agency_register_is_for_its_staff_only(client, cast, quarter_of_a):
    for user in (cast.clerk_a, cast.clerk_b, cast.nobody):  # the commune's clerk is an outsider too (Art. 46)
        client.force_login(user)
        for name in ("agency_register", "agency_register_pdf", "agency_register_xlsx"):
            assert client.get(url(name, cast.agency_a)).status_code == 404, (user, name)

    client.force_login(cast.staff_agency_a)
    response = client.get(url("agency_register", cast.agency_a))

    assert response.status_code == 200
    assert "Nội bộ cơ quan" in response.content.decode()
    assert Q1_2026 in response.content.decode()
    assert "Dự toán ngân sách xã năm 2026" not in response.content.decode()
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert client.get(url("agency_register_xlsx", cast.agency_a)).status_code == 200


def test_an_agency_register_asks_an_anonymous_visitor_to_log_in(client, cast):
    response = client.get(url("agency_register", cast.agency_a))

    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_a_reviewer_of_the_province_reads_the_agency_register(client, cast, quarter_of_a):
    client.force_login(cast.reviewer_p)

    assert client.get(url("agency_register", cast.agency_a)).status_code == 200


def test_the_register_takes_the_same_number_of_queries_whatever_its_length(client, cast, make_disclosure):
    def count(name, owner, login=None):
        client.logout()
        if login:
            client.force_login(login)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(name, owner)).status_code == 200
        return len(queries)

    make_disclosure(state="published", published_on=dt.date(2026, 2, 9))
    make_disclosure(owner=cast.agency_a, state="published", published_on=dt.date(2026, 2, 9))
    one = [count("register", cast.a), count("register_xlsx", cast.a)]
    one.append(count("agency_register", cast.agency_a, login=cast.staff_agency_a))
    for day in (9, 10, 11, 12, 13):
        make_disclosure(state="published", published_on=dt.date(2026, 3, day), clause=day - 6)
        make_disclosure(owner=cast.agency_a, state="published", published_on=dt.date(2026, 3, day))

    many = [count("register", cast.a), count("register_xlsx", cast.a)]
    many.append(count("agency_register", cast.agency_a, login=cast.staff_agency_a))

    assert one == many
    assert one[0] <= 3


# --- The shared spreadsheet helpers -----------------------------------------------------------------


@pytest.mark.parametrize("text", ["=1+1", "+33", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_a_string_a_spreadsheet_would_read_as_a_formula_gets_an_apostrophe(text):
    assert safe_cell(text) == "'" + text


def test_other_values_are_written_as_they_are():
    assert safe_cell("Dự toán = 12 tỷ") == "Dự toán = 12 tỷ"
    assert safe_cell(-2) == -2
    assert safe_cell(dt.date(2024, 2, 8)) == dt.date(2024, 2, 8)


def test_write_sheet_and_write_csv_never_carry_a_formula():
    sheet = load_workbook(BytesIO(write_sheet(["a"], [["=1+1"], ["ok\x01"]]))).active
    assert sheet["A2"].value == "'=1+1" and sheet["A2"].data_type == "s"
    assert sheet["A3"].value == "ok"  # a control character XML cannot hold is dropped

    assert write_csv(["a", "b"], [["=1+1", dt.date(2024, 2, 8)]]).decode("utf-8-sig").splitlines() == [
        "a,b",
        "'=1+1,08/02/2024",
    ]


def test_the_admin_records_a_provinces_choice_of_register_quarters(client, cast):
    admin_client = client
    admin_client.force_login(cast.admin)
    response = admin_client.post(
        "/admin/units/registerquarters/add/",
        {
            "province": cast.province.pk,
            "basis": "Quyết định số 2/QĐ-UBND",
            "cutoff_day": 14,
            "year_end_month": 12,
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    choice = RegisterQuarters.objects.get(province=cast.province)
    assert Quarter.of(2026, 1, RegisterQuarters.for_owner(cast.a)).start == dt.date(2025, 12, 15)
    page = admin_client.get(f"/admin/units/registerquarters/{choice.pk}/change/").content.decode()
    assert "quý I" in page and "14/03/" in page
