"""The province reviewer plans a check of two communes, records the conclusions at Đồng Kỳ with two fixes
(one already overdue), the commune's clerk answers one; the conclusions PDF is read back; the annual
grading page and its XLSX show the commune with its fixes counted."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from reports.checks import grading
from reports.checks.models import CheckFix, CheckVisit, FixState
from tests.conftest import ensure_catalogue
from units.models import AdministrativeUnit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "demo-dan-chu-2026"


def log_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()


def log_out(page):
    page.get_by_role("button", name="Đăng xuất").click()


def test_a_check_with_two_fixes_answered_by_the_commune_and_the_grading(page, screenshot):
    ensure_catalogue()
    for command in ("load_units", "load_demo"):
        call_command(command, stdout=io.StringIO())
    today = timezone.localdate()
    day = lambda n: (today + dt.timedelta(days=n)).strftime("%d/%m/%Y")  # noqa: E731

    log_in(page, "reviewer")
    page.get_by_role("link", name="Kiểm tra", exact=True).click()
    page.get_by_role("link", name="Lập kế hoạch kiểm tra tại Tỉnh Bắc Ninh").click()
    page.get_by_label("Tên đợt kiểm tra").fill("Kiểm tra thực hiện dân chủ ở cơ sở năm nay")
    page.get_by_label("Số kế hoạch").fill("145/KH-SNV")
    page.get_by_label("Nội dung kiểm tra").fill(
        "Công khai thông tin; trả lời kiến nghị của Ban Thanh tra nhân dân."
    )
    page.get_by_label("Trưởng đoàn kiểm tra").fill("Vũ Thị Thanh, Phó Giám đốc Sở Nội vụ")
    page.get_by_label("Thành viên đoàn kiểm tra").fill("Hoàng Thị Mai, chuyên viên")
    # Dates out of order first: refused with the reason, nothing saved.
    page.get_by_label("Từ ngày").fill(day(-20))
    page.get_by_label("Đến ngày").fill(day(-30))
    page.get_by_label("Xã Đồng Kỳ", exact=True).check()
    page.get_by_label("Xã Yên Thế", exact=True).check()
    page.get_by_role("button", name="Lập kế hoạch").click()
    expect(page.locator(".field-error")).to_contain_text("phải từ ngày bắt đầu")
    page.get_by_label("Đến ngày").fill(day(-5))
    page.get_by_role("button", name="Lập kế hoạch").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kiểm tra thực hiện dân chủ ở cơ sở năm nay")

    page.get_by_role("link", name="Xã Đồng Kỳ", exact=True).click()
    page.get_by_role("link", name="Ghi biên bản và kết luận").click()
    page.get_by_label("Ngày kiểm tra").fill(day(-15))
    page.get_by_label("Số văn bản kết luận").fill("18/KL-ĐKT")
    page.get_by_label("Biên bản làm việc").fill(
        "Đoàn làm việc với Ủy ban nhân dân xã; xem sổ theo dõi công khai."
    )
    page.get_by_label("Kết luận kiểm tra").fill("Xã công khai đủ nội dung; còn chậm trả lời kiến nghị.")
    page.get_by_label("Yêu cầu khắc phục 1", exact=True).fill(
        "Trả lời các kiến nghị còn tồn của Ban Thanh tra nhân dân"
    )
    page.get_by_label("Hạn khắc phục 1", exact=True).fill(day(-2))
    page.get_by_label("Yêu cầu khắc phục 2", exact=True).fill(
        "Niêm yết bổ sung kế hoạch sử dụng đất tại các thôn"
    )
    page.get_by_label("Hạn khắc phục 2", exact=True).fill(day(-16))  # before the visit: refused
    page.get_by_role("button", name="Ghi kết luận").click()
    expect(page.locator(".field-error").first).to_contain_text("Hạn khắc phục phải sau ngày kiểm tra")
    page.get_by_label("Hạn khắc phục 2", exact=True).fill(day(10))
    page.get_by_role("button", name="Ghi kết luận").click()
    expect(page.locator(".detail-head")).to_contain_text("1 yêu cầu quá hạn")
    screenshot("checks-visit-reviewer")
    visit = CheckVisit.objects.get(unit__code="07282")
    log_out(page)

    # The commune's clerk answers the second fix from the staff home's waiting line.
    log_in(page, "clerk")
    page.goto("/staff/")
    page.get_by_role("link", name="Yêu cầu khắc phục sau kiểm tra chờ trả lời").click()
    page.get_by_role("link", name="Kiểm tra thực hiện dân chủ ở cơ sở năm nay").click()
    second = page.locator("li.feedback").nth(1)
    second.get_by_label("Kết quả khắc phục").fill("Đã niêm yết bổ sung tại nhà văn hóa các thôn.")
    second.get_by_role("button", name="Gửi kết quả khắc phục").click()
    expect(page.locator("li.feedback").nth(1)).to_contain_text("Trả lời đúng hạn")
    expect(page.locator("li.feedback").nth(0)).to_contain_text("Quá hạn, chưa trả lời")
    screenshot("checks-visit-commune")
    assert [f.state for f in CheckFix.objects.filter(visit=visit).order_by("position")] == [
        FixState.OPEN,
        FixState.ANSWERED,
    ]

    response = page.request.get(
        page.get_by_role("link", name="Tải kết luận kiểm tra (PDF)").get_attribute("href")
    )
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages).split())
    for expected in (
        "KẾT LUẬN KIỂM TRA",
        "Số: 18/KL-ĐKT",
        "xã Đồng Kỳ",
        "Niêm yết bổ sung kế hoạch",
        day(10),
    ):
        assert expected in text, expected
    log_out(page)

    # The annual grading of the province: the commune's fixes counted (1 of 2 due on time: 0 of 1 so far).
    log_in(page, "reviewer")
    page.get_by_role("link", name="Kiểm tra", exact=True).click()
    page.get_by_role("link", name="Chấm điểm hằng năm: Tỉnh Bắc Ninh").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Chấm điểm")
    row = page.locator("#unit-07282")
    row.get_by_text("Xem cách tính").click()
    expect(row).to_contain_text("Khắc phục sau kiểm tra đúng hạn")
    screenshot("checks-grading")
    xlsx = page.request.get(
        page.get_by_role("link", name="Tải bảng tính XLSX (Hội đồng thi đua)").get_attribute("href")
    )
    assert xlsx.ok
    rows = list(load_workbook(io.BytesIO(xlsx.body())).active.iter_rows(values_only=True))
    header = rows[0]
    dong_ky = next(r for r in rows if r and r[2] == "Xã Đồng Kỳ")
    column = header.index("Khắc phục sau kiểm tra đúng hạn: đạt/tổng")
    period = grading.year_period(AdministrativeUnit.objects.get(code="24"), today.year)
    fixes = [f for f in CheckFix.objects.filter(visit=visit) if period.start <= f.due_on <= period.end]
    due = [f for f in fixes if f.answered_on or f.due_on < today]
    on_time = [f for f in due if f.answered_on and f.answered_on <= f.due_on]
    assert dong_ky[column] == (f"{len(on_time)}/{len(due)}" if due else "Không phát sinh")
