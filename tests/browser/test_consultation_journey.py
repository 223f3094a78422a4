"""The Đông Sơn cycle of shared/seeds/003 in Chromium: a clerk writes the consultation plan, records
the conference of 28 staff, opens a 20-day consultation, a citizen comments and the clerk responds,
the period closes by itself, the results are published as a disclosure; every document is a PDF with
the right text."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from consultations import actions
from consultations.models import Consultation
from democracy.models import CatalogueItem
from tests.consultations.conftest import DRAFT_PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-thu-nghiem"
TITLE = "Dự thảo Quy chế thực hiện dân chủ trong hoạt động của cơ quan hành chính xã Đồng Kỳ"
COMMENT = "Đề nghị bổ sung quy định về tiếp công dân vào Điều 5."
RESPONSE = "Tiếp thu: đã bổ sung khoản 3 Điều 5."


def log_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()


def pdf_text(page, url):
    response = page.request.get(url)
    assert response.ok and response.headers["content-type"] == "application/pdf", url
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages).replace("\n", " ")


def test_the_dong_son_consultation_cycle_in_the_browser(page, cast, screenshot, tmp_path):
    regulation = CatalogueItem.objects.get(scope="commune", article=25, clause=7)
    today = timezone.localdate()

    log_in(page, "clerk_a")
    page.goto("/staff/units/07282/consultations/new/")
    page.get_by_label("Thuộc nội dung nào của Luật").select_option(str(regulation.pk))
    page.get_by_label("Tên dự thảo, nội dung").fill(TITLE)
    page.get_by_role("textbox", name="Nội dung lấy ý kiến").fill("Lấy ý kiến đóng góp dự thảo Quy chế.")
    page.get_by_label(
        "Hội nghị trao đổi, đối thoại giữa UBND xã và Nhân dân (Điều 26 khoản 1 điểm a)"
    ).check()
    page.get_by_label("Qua cổng/trang thông tin điện tử của xã (điểm e)").check()
    page.get_by_label("Thời gian lấy ý kiến (ngày)").fill("20")
    page.get_by_label("Số kế hoạch").fill("127/KH-UBND")
    page.get_by_label("Ngày kế hoạch").fill(today.strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Lưu kế hoạch").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    staff_url = page.url

    # The conference: 28 staff present, minutes recorded.
    page.get_by_role("link", name="Ghi biên bản hội nghị, cuộc họp").click()
    page.get_by_label("Nội dung cuộc họp, hội nghị").fill("Hội nghị lấy ý kiến dự thảo Quy chế")
    page.get_by_label("Thời gian bắt đầu").fill(
        (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_label("Địa điểm").fill("Hội trường UBND xã")
    page.get_by_label("Chủ trì (họ tên, chức vụ)").fill("Trần Văn Minh, Chủ tịch UBND xã")
    page.get_by_label("Thư ký (họ tên, chức vụ)").fill("Nguyễn Thị Hoa, công chức Văn phòng - Thống kê")
    page.get_by_label("Tổng số được triệu tập").fill("28")
    page.get_by_label("Số có mặt").fill("28")
    page.get_by_label("Kết luận").fill("Hội nghị nhất trí 100% với dự thảo.")
    page.get_by_role("button", name="Lưu biên bản").click()
    screenshot("consultation-meeting")
    expect(page.get_by_role("link", name="Biên bản (PDF)")).to_be_visible()
    assert "có mặt: 28 người" in pdf_text(
        page, page.get_by_role("link", name="Biên bản (PDF)").get_attribute("href")
    )

    # The draft is attached; the 20-day consultation starts after the confirmation step; the plan PDF
    # carries its number.
    draft = tmp_path / "du-thao-quy-che.pdf"
    draft.write_bytes(DRAFT_PDF)
    page.get_by_label("Tệp đính kèm").set_input_files(str(draft))
    page.get_by_role("button", name="Đính kèm", exact=True).click()
    page.get_by_role("link", name="Công bố, bắt đầu lấy ý kiến…").click()
    page.get_by_role("button", name="Xác nhận công bố").click()
    expect(page.get_by_text("Đã công bố.")).to_be_visible()
    assert "127/KH-UBND" in pdf_text(
        page, page.get_by_role("link", name="In kế hoạch lấy ý kiến (PDF)").get_attribute("href")
    )
    consultation = Consultation.objects.get(title=TITLE)

    # A citizen comments on the public page.
    page.context.clear_cookies()
    page.goto("/units/07282/")
    page.get_by_role("link", name="Lấy ý kiến Nhân dân").click()
    page.get_by_role("link", name=TITLE).click()
    page.get_by_label("Nội dung góp ý").fill(COMMENT)
    page.get_by_role("button", name="Gửi ý kiến").click()
    expect(page.get_by_role("status")).to_be_visible()
    screenshot("consultation-comment")

    # The clerk responds; the period closes by itself; the results become a disclosure.
    log_in(page, "clerk_a")
    page.goto(staff_url)
    page.get_by_label("Nội dung giải trình, tiếp thu").fill(RESPONSE)
    page.get_by_role("button", name="Lưu", exact=True).click()
    consultation.refresh_from_db()
    assert actions.close_due_consultations(now=consultation.ends_at + dt.timedelta(minutes=5)) == 1
    # The clerk submits the result report; the approver publishes it like every disclosure (issue 18).
    page.goto(staff_url)
    page.get_by_label("Số báo cáo kết quả").fill("164/BC-UBND")
    page.get_by_label("Tổng hợp kết quả lấy ý kiến").fill("Nhận được 1 ý kiến, đã tiếp thu.")
    page.get_by_role("button", name="Trình công khai kết quả").click()
    expect(page.get_by_text("Kết quả đã được trình, chờ lãnh đạo phê duyệt công khai.")).to_be_visible()
    page.context.clear_cookies()
    log_in(page, "approver_a")
    page.goto(staff_url)
    page.get_by_role("link", name="Thông tin công khai kết quả").click()
    page.get_by_role("button", name="Phê duyệt và công khai…").click()
    page.get_by_role("button", name="Xác nhận công khai").click()
    expect(page.get_by_text("Đang công khai").first).to_be_visible()
    page.goto(staff_url)
    report = pdf_text(
        page, page.get_by_role("link", name="Báo cáo kết quả lấy ý kiến (PDF)").get_attribute("href")
    )
    assert "164/BC-UBND" in report and RESPONSE in report
    consultation.refresh_from_db()
    assert consultation.result_disclosure.item.clause == 11

    # The public page lists every comment with its response.
    page.goto(f"/consultations/{consultation.pk}/")
    expect(page.get_by_text(COMMENT)).to_be_visible()
    expect(page.get_by_text(RESPONSE)).to_be_visible()
    screenshot("consultation-results")
