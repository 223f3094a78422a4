"""A village year-end conference in Chromium (Art. 33; Decree 59 Arts. 10–11): the commune's clerk sees
the village's duty as due, convenes the conference from it (the fixed agenda filled in, a notice too
late refused, then on time), records the minutes after it, sends the written report, and downloads
the minutes PDF; the duty shows as done and the conference is on the commune's public calendar."""

import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from consultations.models import Meeting
from tests.conftest import ensure_catalogue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-thu-nghiem"


def log_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()


def test_a_village_year_end_conference_from_duty_to_minutes(page, cast, screenshot):
    ensure_catalogue()
    now = timezone.localtime()
    year = now.year
    # Held two hours ago, in the duty's window (November–December) whatever day the test runs: the
    # duty page of that year is used.
    start = (now - dt.timedelta(hours=2)).replace(second=0, microsecond=0)
    if not dt.date(year, 11, 1) <= start.date():
        start = start.replace(year=year - 1, month=12, day=15)
    duty_year = start.year

    log_in(page, "clerk_a")
    page.goto(f"/staff/units/{cast.a.code}/duties/?year={duty_year}")
    row = page.locator("#duty-village_conference tr", has_text=cast.village_a.name)
    expect(row).to_contain_text(re.compile("Đang đến hạn|Quá hạn, chưa thực hiện"))
    row.get_by_role("link").click()

    expect(page.get_by_label("Chương trình")).to_have_value(re.compile("Ban công tác Mặt trận báo cáo"))
    page.get_by_label("Nội dung cuộc họp, hội nghị").fill(f"Hội nghị cộng đồng dân cư cuối năm {duty_year}")
    page.get_by_label("Thời gian bắt đầu").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Thời gian kết thúc (dự kiến)").fill(
        (start + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_label("Địa điểm").fill("Nhà văn hóa thôn Đồng Bông")
    page.get_by_label("Người triệu tập (họ tên, chức vụ)").fill("Nguyễn Văn Bình, Trưởng thôn")
    page.get_by_label("Ngày thông báo, gửi giấy mời").fill((start.date() - dt.timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Triệu tập").click()
    expect(page.locator(".field-error")).to_contain_text("chậm nhất 5 ngày trước ngày họp")
    assert not Meeting.objects.exists()

    page.get_by_label("Ngày thông báo, gửi giấy mời").fill((start.date() - dt.timedelta(days=6)).isoformat())
    page.get_by_role("button", name="Triệu tập").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hội nghị cộng đồng dân cư cuối năm")

    page.get_by_role("link", name="Ghi biên bản").click()
    page.get_by_label("Chủ trì (họ tên, chức vụ)").fill("Nguyễn Văn Bình, Trưởng thôn")
    page.get_by_label("Thư ký (họ tên, chức vụ)").fill("Lê Thị Mai")
    page.get_by_label("Tổng số được triệu tập").fill("120")
    page.get_by_label("Số có mặt", exact=True).fill("130")
    page.get_by_role("button", name="Lưu biên bản").click()
    expect(page.locator(".field-error")).to_contain_text("không được lớn hơn số được triệu tập")
    page.get_by_label("Số có mặt", exact=True).fill("97")
    page.get_by_label("Kết luận").fill("Hội nghị thông qua kết quả năm và kế hoạch năm tới.")
    page.get_by_role("button", name="Lưu biên bản").click()
    expect(page.get_by_role("link", name="Tải biên bản (PDF)")).to_be_visible()

    page.get_by_label("Nội dung báo cáo").fill("Hội nghị có 97/120 hộ dự; thông qua 3 nội dung.")
    page.get_by_label("Ngày gửi UBND xã, UBMTTQ xã").fill(now.date().isoformat())
    page.get_by_role("button", name="Lưu báo cáo").click()
    expect(page.locator("#report")).to_contain_text("Hội nghị có 97/120 hộ dự")
    screenshot("village-conference")

    href = page.get_by_role("link", name="Tải biên bản (PDF)").get_attribute("href")
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    text = " ".join(text.split())
    assert "có mặt: 97 hộ" in text and "Tổng số: 120 hộ" in text
    assert "Trưởng thôn, Ban công tác Mặt trận" not in text  # the agenda lines, one per item:
    assert "Ban công tác Mặt trận báo cáo kết quả thực hiện dân chủ ở cơ sở" in text
    assert "Nguyễn Văn Bình" in text and "Lê Thị Mai" in text

    page.goto(f"/staff/units/{cast.a.code}/duties/?year={duty_year}")
    expect(page.locator("#duty-village_conference tr", has_text=cast.village_a.name)).to_contain_text(
        "Đã thực hiện"
    )
    page.goto(f"/units/{cast.a.code}/meetings/")
    expect(page.get_by_text(f"Hội nghị cộng đồng dân cư cuối năm {duty_year}")).to_be_visible()
