"""Issue 13 part A in Chromium, on a phone: a citizen sends a report to the commune's inbox and keeps
their own link; the clerk classifies it, answers it and publishes it anonymised; the citizen opens their
link, reads the answer and rates it; the public page shows it without the name; the dashboard's
satisfaction figure equals an independent count."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consultations.petitions.models import Petition
from units.models import ReportingRegime

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-thu-nghiem"
TEXT = "Cống thoát nước trước cổng trường tiểu học bị tắc, mưa là ngập. Tôi là Nguyễn Văn An, 0912345678."
PUBLIC = "Cống thoát nước trước cổng trường tiểu học bị tắc, mưa là ngập."
ANSWER = "UBND xã đã khơi thông cống ngày hôm sau và giao thôn kiểm tra sau mỗi trận mưa."


def log_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Không gian làm việc")


def test_a_report_from_sending_to_rating(page, cast, screenshot):
    # The citizen sends a report from the commune's petitions page.
    page.goto(f"/units/{cast.a.code}/petitions/")
    page.get_by_role("link", name="Gửi phản ánh, kiến nghị").click()
    page.get_by_label("Phản ánh", exact=True).check()
    page.get_by_label("Nội dung", exact=True).fill(TEXT)
    page.get_by_label("Họ và tên (không bắt buộc)").fill("Nguyễn Văn An")
    page.get_by_label("Số điện thoại hoặc thư điện tử (không bắt buộc)").fill("0912345678")
    expect(page.locator("input[name=website]")).not_to_be_in_viewport()  # the honeypot stays hidden
    screenshot("petition-1-form")
    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(page.get_by_role("heading", name="Đã gửi phản ánh, kiến nghị.")).to_be_visible()
    own_link = page.url
    petition = Petition.objects.get()
    expect(page.get_by_text(petition.reference)).to_be_visible()
    screenshot("petition-2-sent")

    # The clerk finds it in the inbox (and on the to-do), classifies it, answers and publishes it.
    log_in(page, "clerk_a")
    page.get_by_role("link", name="Phản ánh, kiến nghị chờ xử lý").click()
    page.get_by_role("link", name=f"{petition.reference} –").click()
    page.get_by_text("Phân loại, giao xử lý").click()
    page.get_by_label("Lĩnh vực").select_option("infrastructure")
    page.get_by_label("Giao cho bộ phận, người phụ trách").fill("Công chức địa chính – xây dựng")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã phân loại và giao xử lý.")).to_be_visible()
    page.get_by_label("Nội dung trả lời").fill(ANSWER)
    page.get_by_role("button", name="Lưu câu trả lời").click()
    expect(page.get_by_text("Đã lưu câu trả lời")).to_be_visible()
    page.get_by_label("Nội dung công khai").fill(PUBLIC)
    page.get_by_role("button", name="Xác nhận và công khai").click()
    expect(page.get_by_text("Đã công khai trên trang phản ánh, kiến nghị của xã")).to_be_visible()
    screenshot("petition-3-answered")
    page.get_by_role("button", name="Đăng xuất").click()

    # The citizen opens their own link, reads the answer and rates it.
    page.goto(own_link)
    expect(page.get_by_text(ANSWER)).to_be_visible()
    page.get_by_label("Hài lòng", exact=True).check()
    page.get_by_label("Lý do (không bắt buộc)").fill("Xử lý nhanh")
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.get_by_text("Bạn đã đánh giá: Hài lòng.")).to_be_visible()
    screenshot("petition-4-rated")

    # The public page shows it anonymised, with the answer and the rating by channel.
    page.goto(f"/units/{cast.a.code}/petitions/")
    expect(page.get_by_text(PUBLIC)).to_be_visible()
    expect(page.get_by_text(ANSWER)).to_be_visible()
    body = page.content()
    assert "Nguyễn Văn An" not in body and "0912345678" not in body
    screenshot("petition-5-public")

    # The dashboard's satisfaction figure equals an independent count.
    rated = Petition.objects.filter(unit__parent=cast.province, rated_at__isnull=False)
    satisfied = rated.filter(satisfied=True).count()
    log_in(page, "reviewer_p")
    period = ReportingRegime().containing(timezone.localdate(), "half")
    page.goto(f"/staff/compliance/{cast.province.code}/?period={period.key}")
    figure = page.locator("text=Người dân hài lòng với câu trả lời").first
    expect(figure).to_be_visible()
    assert (satisfied, rated.count()) == (1, 1)
    expect(page.get_by_text(f"{satisfied}/{rated.count()}").first).to_be_visible()
    screenshot("petition-6-dashboard")
