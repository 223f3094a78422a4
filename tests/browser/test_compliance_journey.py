"""After `make run`'s demo data, the province reviewer opens the compliance dashboard, sees which
communes are late, drills into one late disclosure, and downloads the province roll-up as PDF and
XLSX: both in Vietnamese and with the dashboard's numbers."""

import io
import re

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from reports.compliance import compliance, period_for
from tests.conftest import ensure_catalogue
from units.models import AdministrativeUnit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def demo():
    ensure_catalogue()
    for command in (
        "load_units",
        "load_demo",
        "load_demo_disclosures",
        "load_demo_consultations",
        "load_demo_reports",
    ):
        call_command(command, stdout=io.StringIO())


def test_the_reviewer_finds_the_late_communes_and_downloads_the_rollup(page, screenshot):
    demo()
    province = AdministrativeUnit.objects.get(code="24")
    area = compliance(province, period_for(province))
    totals = {i.key: i for i in area.indicators}
    yen_the = next(r for r in area.rows if r.code == "07288")

    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("reviewer")
    page.get_by_label("Mật khẩu").fill("demo-dan-chu-2026")
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    page.get_by_role("link", name="Theo dõi thực hiện").click()

    # The province's dashboard for the last half-year that ended.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tỉnh Bắc Ninh")
    expect(page.get_by_role("heading", level=1)).to_contain_text(area.period.label)
    yen_the_row = page.locator("tr", has=page.get_by_role("link", name="Xã Yên Thế", exact=True))
    expect(yen_the_row).to_contain_text("Gửi muộn")
    expect(yen_the_row).to_contain_text("1/3")  # postings on time
    expect(page.locator("tr", has=page.get_by_role("link", name="Xã Bố Hạ", exact=True))).to_contain_text(
        "Chưa gửi (quá hạn)"
    )
    expect(page.locator("tr", has=page.get_by_role("link", name="Xã Đồng Kỳ", exact=True))).to_contain_text(
        "Đã gửi đúng hạn"
    )
    on_time = totals["on_time"]
    expect(page.locator("#totals-title").locator("..")).to_contain_text(f"{on_time.done}/{on_time.total}")
    screenshot("compliance-province")

    # Drill down to the commune, then to the single late posting.
    page.get_by_role("link", name="Xã Yên Thế", exact=True).click()
    expect(page.get_by_role("heading", name="Những việc chưa đạt trong kỳ")).to_be_visible()
    page.get_by_role("link", name="Quyết toán ngân sách xã năm trước").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Quyết toán ngân sách xã năm trước")
    expect(page.locator("main")).to_contain_text("Chờ ký văn bản gốc")  # the late reason
    screenshot("compliance-late-disclosure")

    # The roll-up of the province, compiled by a task; the page shows its progress, then the files.
    page.go_back()
    page.go_back()
    page.get_by_role("button", name="Lập báo cáo tổng hợp (PDF, XLSX)").click()
    page.get_by_role("link", name="Xem báo cáo tổng hợp").click()
    pdf_link = page.get_by_role("link", name="Tải báo cáo (PDF)")
    xlsx_link = page.get_by_role("link", name="Tải số liệu (XLSX)")
    screenshot("compliance-rollup")

    response = page.request.get(pdf_link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    text = re.sub(r"\s+", " ", text)
    assert "BÁO CÁO" in text and "TỈNH BẮC NINH" in text and "dân chủ ở cơ sở" in text
    assert "Xã Yên Thế" in text and "Xã Bố Hạ" in text
    assert f"{on_time.done}/{on_time.total}" in text

    response = page.request.get(xlsx_link.get_attribute("href"))
    assert response.ok
    book = load_workbook(io.BytesIO(response.body()))
    units = book["Đơn vị"]
    header = [c.value for c in units[1]]
    rows = {row[2]: row for row in units.iter_rows(min_row=2, values_only=True)}
    on_time_done = header.index(
        next(h for h in header if h.startswith("Công khai đúng hạn") and h.endswith("đạt"))
    )
    assert rows["Xã Yên Thế"][on_time_done : on_time_done + 2] == (
        yen_the.indicator["on_time"].done,
        yen_the.indicator["on_time"].total,
    )
    assert rows["Toàn địa bàn"][on_time_done : on_time_done + 2] == (on_time.done, on_time.total)
    assert rows["Xã Yên Thế"][header.index("Tình trạng báo cáo")] == "Gửi muộn"
    assert rows["Xã Bố Hạ"][header.index("Tình trạng báo cáo")] == "Chưa gửi (quá hạn)"
