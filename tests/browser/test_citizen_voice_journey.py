"""Issue 13 "Done means", second bullet, as one journey in Chromium on a phone: a citizen follows a
commune's board with only an e-mail address (confirmed from the mail's link), a posting opens and the
mail arrives; they send a petition through the commune's inbox and follow its answer from the
confirmation page (confirmed by mail); the clerk answers it and publishes it anonymised; the answer
arrives by mail, the citizen opens the mail's link and rates it; the public page shows it anonymised;
the dashboard's satisfaction figure equals an independent count from the database. Mail is Django's
locmem outbox, as in test_follow_journey.py."""

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from consultations.follow.models import Subscription
from consultations.petitions.models import Petition
from tests.disclosures.conftest import make_disclosure  # noqa: F401 (fixture)
from units.models import ReportingRegime

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "nguoi.dan@example.vn"
PASSWORD = "matkhau-thu-nghiem"
TEXT = "Đèn đường ở ngã ba thôn Đồng Bông hỏng đã hai tuần, tối rất tối. Tôi là Trần Thị Bình, 0987654321."
PUBLIC = "Đèn đường ở ngã ba thôn Đồng Bông hỏng đã hai tuần, tối rất tối."
ANSWER = "UBND xã đã thay bóng đèn ngày 2/12 và giao thôn báo ngay khi đèn hỏng."
FOLLOW = re.compile(r"https?://[^/\s]+(/follow/(confirm|unsubscribe)/[^/\s]+/)")
TRACK = re.compile(r"https?://[^/\s]+(/petitions/t/[^/\s]+/)")


def follow_link(message, kind):
    return next(m.group(1) for m in FOLLOW.finditer(message.body) if m.group(2) == kind)


def new_mail(seen):
    """The mails that arrived since `seen` of them had been read."""
    return mail.outbox[seen:]


def follow_and_confirm(page, screenshot, name):
    """The follow form is open: ask for immediate mails, then confirm from the mail's link."""
    expect(page.get_by_role("heading", level=1)).to_have_text("Nhận thư khi có tin mới")
    page.get_by_label("Địa chỉ thư điện tử").fill(EMAIL)
    page.get_by_label("Ngay khi có tin").check()
    screenshot(f"voice-{name}-follow")
    seen = len(mail.outbox)
    page.get_by_role("button", name="Gửi thư xác nhận").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hãy kiểm tra hộp thư của bạn")
    (confirmation,) = new_mail(seen)
    assert confirmation.to == [EMAIL]
    page.goto(follow_link(confirmation, "confirm"))
    page.get_by_role("button", name="Xác nhận theo dõi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đã xác nhận theo dõi")


def log_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Không gian làm việc")


def test_a_citizen_follows_petitions_and_rates_the_answer(page, cast, make_disclosure, screenshot):  # noqa: F811
    mail.outbox.clear()

    # 1. The citizen follows the commune's board and confirms from the mail.
    page.goto(f"/units/{cast.a.code}/board/")
    page.get_by_role("link", name="nhận thư điện tử khi có tin mới").click()
    follow_and_confirm(page, screenshot, "1-board")
    assert Subscription.objects.get().state == "active"

    # 2. A posting opens: the mail arrives, with the exact closing time and a one-click unsubscribe.
    seen = len(mail.outbox)
    disclosure = make_disclosure(
        state="published", published_on=timezone.localdate(), title="Kế hoạch sửa chữa đường liên thôn 2026"
    )
    (posted,) = new_mail(seen)
    assert posted.to == [EMAIL]
    assert disclosure.title in posted.subject
    assert disclosure.window_closing_text in posted.body
    assert posted.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # 3. They send a petition through the commune's inbox ...
    page.goto(f"/units/{cast.a.code}/petitions/")
    page.get_by_role("link", name="Gửi phản ánh, kiến nghị").click()
    page.get_by_label("Kiến nghị", exact=True).check()
    page.get_by_label("Nội dung", exact=True).fill(TEXT)
    page.get_by_label("Họ và tên (không bắt buộc)").fill("Trần Thị Bình")
    page.get_by_label("Số điện thoại hoặc thư điện tử (không bắt buộc)").fill("0987654321")
    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(page.get_by_role("heading", name="Đã gửi phản ánh, kiến nghị.")).to_be_visible()
    petition = Petition.objects.get()
    expect(page.get_by_text(petition.reference)).to_be_visible()
    screenshot("voice-2-sent")

    # ... and follow its answer from the confirmation page, confirmed by mail.
    page.get_by_role("link", name="Nhận thư điện tử khi phản ánh, kiến nghị này được trả lời").click()
    follow_and_confirm(page, screenshot, "3-petition")
    assert Subscription.objects.filter(state="active").count() == 2

    # 4. The clerk classifies and answers it (the mail goes then), and publishes it anonymised.
    log_in(page, "clerk_a")
    page.get_by_role("link", name="Phản ánh, kiến nghị chờ xử lý").click()
    page.get_by_role("link", name=f"{petition.reference} –").click()
    page.get_by_text("Phân loại, giao xử lý").click()
    page.get_by_label("Lĩnh vực").select_option("infrastructure")
    page.get_by_label("Giao cho bộ phận, người phụ trách").fill("Công chức địa chính – xây dựng")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã phân loại và giao xử lý.")).to_be_visible()
    seen = len(mail.outbox)
    page.get_by_label("Nội dung trả lời").fill(ANSWER)
    page.get_by_role("button", name="Lưu câu trả lời").click()
    expect(page.get_by_text("Đã lưu câu trả lời")).to_be_visible()
    page.get_by_label("Nội dung công khai").fill(PUBLIC)
    page.get_by_role("button", name="Xác nhận và công khai").click()
    expect(page.get_by_text("Đã công khai trên trang phản ánh, kiến nghị của xã")).to_be_visible()
    screenshot("voice-4-answered")
    page.get_by_role("button", name="Đăng xuất").click()

    # 5. The answer arrives by mail, once, to the follower only, with a link to their own page.
    answers = [m for m in new_mail(seen) if petition.reference in m.subject + m.body]
    assert len(answers) == 1, [m.subject for m in new_mail(seen)]
    (answered,) = answers
    assert answered.to == [EMAIL]
    assert ANSWER in answered.body
    assert follow_link(answered, "unsubscribe")

    # 6. The citizen opens the mail's link, reads the answer and rates it.
    page.goto(TRACK.search(answered.body).group(1))
    expect(page.get_by_text(ANSWER)).to_be_visible()
    page.get_by_label("Hài lòng", exact=True).check()
    page.get_by_label("Lý do (không bắt buộc)").fill("Đèn sáng lại ngay")
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.get_by_text("Bạn đã đánh giá: Hài lòng.")).to_be_visible()
    screenshot("voice-5-rated")

    # 7. The public page shows it anonymised, with the answer.
    page.goto(f"/units/{cast.a.code}/petitions/")
    expect(page.get_by_text(PUBLIC)).to_be_visible()
    expect(page.get_by_text(ANSWER)).to_be_visible()
    body = page.content()
    assert "Trần Thị Bình" not in body and "0987654321" not in body and EMAIL not in body
    screenshot("voice-6-public")

    # 8. The dashboard's satisfaction figure equals an independent count from the database.
    rated = Petition.objects.filter(unit__parent=cast.province, rated_at__isnull=False)
    satisfied = rated.filter(satisfied=True).count()
    assert (satisfied, rated.count()) == (1, 1)
    log_in(page, "reviewer_p")
    period = ReportingRegime().containing(timezone.localdate(), "half")
    page.goto(f"/staff/compliance/{cast.province.code}/?period={period.key}")
    expect(page.locator("text=Người dân hài lòng với câu trả lời").first).to_be_visible()
    expect(page.get_by_text(f"{satisfied}/{rated.count()}").first).to_be_visible()
    screenshot("voice-7-dashboard")
