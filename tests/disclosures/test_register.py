"""The quarterly register of disclosed items (Art. 13(2)): page, PDF and XLSX, public for a commune,
internal for an agency."""

import datetime as dt
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from disclosures import actions
from disclosures.register import Quarter, register_rows
from disclosures.xlsx import safe_cell, write_csv, write_sheet

from .conftest import HCM

FORMULA_TITLE = '=HYPERLINK("http://lua-dao.example","Bấm vào đây")'


def url(name, owner, year=2024, quarter=1):
    return reverse(f"disclosures:{name}", args=[owner.code, year, quarter])


@pytest.fixture
def quarter_of_a(cast, make_disclosure):
    """Commune A's disclosures around Q1 2024, and others that must stay out of its register."""
    return {
        # Closed first: the closing run would also close the others.
        "fees": make_disclosure(
            state="closed", published_on=dt.date(2024, 3, 20), clause=12, title="Mức thu phí chợ năm 2024"
        ),
        "budget": make_disclosure(state="published", published_on=dt.date(2024, 2, 8)),
        "formula": make_disclosure(
            state="published", published_on=dt.date(2024, 2, 9), clause=5, title=FORMULA_TITLE
        ),
        "procedures": make_disclosure(
            state="published",
            published_on=dt.date(2024, 1, 15),
            clause=13,
            title="Thủ tục hành chính cấp xã",
            decision_date=dt.date(2024, 1, 10),
            window_days=None,
        ),  # fmt: skip
        "april": make_disclosure(
            state="published", published_on=dt.date(2024, 4, 2), title="Niêm yết tháng Tư"
        ),
        "draft": make_disclosure(state="draft", title="Bản nháp chưa công khai"),
        "submitted": make_disclosure(state="submitted", title="Đang chờ phê duyệt"),
        "other_commune": make_disclosure(
            owner=cast.b, by=cast.clerk_b, state="draft", title="Xã khác"
        ),  # a draft: publishing needs B's approver; the query filter is what matters
        "agency": make_disclosure(
            owner=cast.agency_a, state="published", published_on=dt.date(2024, 2, 8), title="Nội bộ cơ quan"
        ),
    }


def test_a_quarters_register_lists_exactly_the_commune_disclosures_posted_in_that_quarter(
    cast, quarter_of_a, make_disclosure
):
    other = make_disclosure(owner=cast.b, by=cast.clerk_b, title="Xã Yên Thế công khai")
    actions.submit(other, by=cast.clerk_b)
    actions.publish(other, by=cast.admin, now=dt.datetime(2024, 2, 8, 9, tzinfo=HCM), late_reason="x")

    rows = register_rows(cast.a, Quarter(2024, 1))

    assert [row.title for row in rows] == [
        "Thủ tục hành chính cấp xã",
        "Dự toán ngân sách xã năm 2024",
        FORMULA_TITLE,
        "Mức thu phí chợ năm 2024",
    ]
    assert [row.number for row in rows] == [1, 2, 3, 4]
    budget = rows[1]
    assert budget.reference == "Điều 11 khoản 2"
    assert budget.item_label.startswith("Dự toán, kế hoạch tài chính")
    assert budget.posted_on == dt.date(2024, 2, 8)
    assert budget.window_end == dt.date(2024, 3, 11)
    assert budget.forms == ["a) Niêm yết thông tin", "b) Đăng trên cổng/trang thông tin điện tử của xã"]
    assert rows[0].window_text == "Thường xuyên"
    assert rows[3].is_late and rows[3].late_reason == "Thử nghiệm"
    assert rows[3].state_label == "Đã kết thúc niêm yết"


def test_a_disclosure_belongs_to_the_quarter_of_its_local_posting_date(cast, make_disclosure):
    late_night = make_disclosure(title="Niêm yết sau nửa đêm")
    actions.submit(late_night, by=cast.clerk_a)
    # 01/04/2024 00:30 in Vietnam is still 31/03 in UTC.
    actions.publish(
        late_night, by=cast.approver_a, now=dt.datetime(2024, 4, 1, 0, 30, tzinfo=HCM), late_reason="x"
    )

    assert register_rows(cast.a, Quarter(2024, 1)) == []
    assert [row.title for row in register_rows(cast.a, Quarter(2024, 2))] == ["Niêm yết sau nửa đêm"]


def test_withdrawn_disclosures_stay_in_the_register_of_the_quarter_they_were_posted(cast, quarter_of_a):
    actions.withdraw(quarter_of_a["budget"], by=cast.approver_a, reason="Sai số liệu")

    rows = register_rows(cast.a, Quarter(2024, 1))

    assert "Đã thu hồi" in [row.state_label for row in rows if row.title == "Dự toán ngân sách xã năm 2024"]


def test_the_register_page_is_public_and_links_to_the_pdf_and_the_xlsx(client, cast, quarter_of_a):
    response = client.get(url("register", cast.a))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Danh sách các nội dung đã công khai" in page
    assert "Quý I năm 2024" in page
    assert "Mức thu phí chợ năm 2024" in page
    assert (
        "Niêm yết tháng Tư" not in page
        and "Bản nháp chưa công khai" not in page
        and "Nội bộ cơ quan" not in page
    )
    assert url("register_pdf", cast.a) in page
    assert url("register_xlsx", cast.a) in page
    assert reverse("disclosures:register", args=[cast.a.code, 2023, 4]) in page  # previous quarter


def test_the_quarter_picker_redirects_to_the_chosen_quarter(client, cast):
    response = client.get(
        reverse("disclosures:register_pick", args=[cast.a.code]), {"year": 2024, "quarter": 3}
    )

    assert response.status_code == 302
    assert response["Location"] == url("register", cast.a, 2024, 3)


@pytest.mark.parametrize("quarter", [0, 5, 12])
def test_a_quarter_outside_one_to_four_is_not_found(client, cast, quarter):
    assert client.get(url("register", cast.a, 2024, quarter)).status_code == 404
    assert client.get(url("register_xlsx", cast.a, 2024, quarter)).status_code == 404


def test_only_communes_have_a_public_register(client, cast):
    assert client.get(url("register", cast.province)).status_code == 404
    assert client.get(url("register", cast.village_a)).status_code == 404


def test_the_xlsx_opens_with_typed_dates_and_a_formula_title_stored_as_text(client, cast, quarter_of_a):
    response = client.get(url("register_xlsx", cast.a))

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[:4] == ("STT", "Nội dung (điều, khoản)", "Tên nội dung", "Tiêu đề")
    assert [row[3] for row in body] == [
        "Thủ tục hành chính cấp xã",
        "Dự toán ngân sách xã năm 2024",
        "'" + FORMULA_TITLE,
        "Mức thu phí chợ năm 2024",
    ]
    budget = body[1]
    assert budget[1] == "Điều 11 khoản 2"
    assert budget[5].date() == dt.date(2024, 2, 7)  # decision date, a real date cell
    assert budget[7].date() == dt.date(2024, 2, 8)  # posted
    assert budget[8].date() == dt.date(2024, 3, 11)  # window end
    assert body[0][8] == "Thường xuyên"
    formula_cell = sheet.cell(row=4, column=4)
    assert formula_cell.data_type == "s"
    assert sheet.cell(row=3, column=8).number_format == "DD/MM/YYYY"
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["D"].width > 20


def test_the_pdf_has_the_title_and_every_disclosure(client, cast, quarter_of_a):
    response = client.get(url("register_pdf", cast.a))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(BytesIO(response.content)).pages
    )
    assert "DANH SÁCH CÁC NỘI DUNG ĐÃ CÔNG KHAI" in text
    assert "QUÝ I NĂM 2024" in text
    assert "ỦY BAN NHÂN DÂN XÃ ĐỒNG KỲ" in text
    assert "CHỦ TỊCH" in text and "NGƯỜI LẬP" in text
    for title in ["Thủ tục hành chính cấp xã", "Dự toán ngân sách xã năm 2024", "Mức thu phí chợ năm 2024"]:
        assert title in text
    assert "Nội bộ cơ quan" not in text


def test_an_agency_register_is_for_its_staff_only(client, cast, quarter_of_a):
    for user in (cast.clerk_a, cast.clerk_b, cast.nobody):  # the commune's clerk is an outsider too (Art. 46)
        client.force_login(user)
        for name in ("agency_register", "agency_register_pdf", "agency_register_xlsx"):
            assert client.get(url(name, cast.agency_a)).status_code == 404, (user, name)

    client.force_login(cast.staff_agency_a)
    response = client.get(url("agency_register", cast.agency_a))

    assert response.status_code == 200
    assert "Nội bộ cơ quan" in response.content.decode()
    assert "Dự toán ngân sách xã năm 2024" not in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
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

    make_disclosure(state="published", published_on=dt.date(2024, 2, 8))
    make_disclosure(owner=cast.agency_a, state="published", published_on=dt.date(2024, 2, 8))
    one = [count("register", cast.a), count("register_xlsx", cast.a)]
    one.append(count("agency_register", cast.agency_a, login=cast.staff_agency_a))
    for day in (9, 10, 11, 12, 13):
        make_disclosure(state="published", published_on=dt.date(2024, 3, day), clause=day - 6)
        make_disclosure(owner=cast.agency_a, state="published", published_on=dt.date(2024, 3, day))

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
