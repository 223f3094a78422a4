"""Issue 13 part B in Chromium: a citizen follows a commune's board with only an e-mail address,
confirms from the mail, a posting opens and the mail arrives (with its exact closing time); the
citizen then unsubscribes from the mail's link without logging in."""

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from consultations.follow.models import Subscription
from tests.disclosures.conftest import make_disclosure  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINK = re.compile(r"https?://[^/\s]+(/follow/(confirm|unsubscribe)/[^/\s]+/)")


def link(message, kind):
    return next(m.group(1) for m in LINK.finditer(message.body) if m.group(2) == kind)


def test_a_citizen_follows_a_commune_and_a_posting_arrives_by_mail(page, cast, make_disclosure, screenshot):  # noqa: F811
    mail.outbox.clear()
    page.goto("/units/07282/board/")
    page.get_by_role("link", name="nhận thư điện tử khi có tin mới").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nhận thư khi có tin mới")
    page.get_by_label("Địa chỉ thư điện tử").fill("nguoi.dan@example.vn")
    page.get_by_label("Ngay khi có tin").check()
    screenshot("follow-form-phone")
    page.get_by_role("button", name="Gửi thư xác nhận").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hãy kiểm tra hộp thư của bạn")
    assert Subscription.objects.get().state == "pending"

    (confirmation,) = mail.outbox
    page.goto(link(confirmation, "confirm"))
    page.get_by_role("button", name="Xác nhận theo dõi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đã xác nhận theo dõi")
    screenshot("follow-confirmed-phone")

    disclosure = make_disclosure(
        state="published", published_on=timezone.localdate(), title="Kế hoạch sử dụng đất năm 2026"
    )
    (posted,) = mail.outbox[1:]
    assert posted.to == ["nguoi.dan@example.vn"]
    assert disclosure.title in posted.subject
    assert disclosure.window_closing_text in posted.body
    assert posted.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    page.goto(link(posted, "unsubscribe"))
    page.get_by_role("button", name="Hủy theo dõi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đã hủy theo dõi")
    assert Subscription.objects.get().state == "ended"
