"""What moved out of the templates for the Content-Security-Policy still works in a browser under that
policy (the `page` fixture fails a test on any CSP refusal): the print button of the vote codes, the
coverage bars, and the admin."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consultations.actions import create_decision
from tests.consultations.conftest import item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "matkhau-thu-nghiem"


def log_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()


def local(moment):
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


def test_the_print_button_of_the_vote_codes_prints(page, cast):
    decision = create_decision(
        owner=cast.village_a, by=cast.clerk_a, item=item(15, 6), title="Làm đèn đường", method="online"
    )
    page.add_init_script("window.print = function () { window.__printed = (window.__printed || 0) + 1; };")
    log_in(page, "clerk_a")
    page.goto(f"/staff/decisions/{decision.pk}/online-vote/")
    now = timezone.now()
    page.locator("[name=opens_at]").fill(local(now - dt.timedelta(hours=1)))
    page.locator("[name=closes_at]").fill(local(now + dt.timedelta(hours=2)))
    page.locator("[name=households]").fill("\n".join(f"Hộ {i:03d}" for i in range(120)))
    page.locator("[name=consent]").fill("61")
    page.locator("form").filter(has=page.locator("[name=households]")).locator("button[type=submit]").click()
    page.get_by_role("button", name="In danh sách").click()
    assert page.evaluate("window.__printed") == 1


def test_the_admin_works_under_the_policy(page, cast):
    log_in(page, "admin")
    page.goto("/admin/")
    expect(page.locator("#site-name")).to_contain_text("Quản trị")
    page.goto("/admin/units/administrativeunit/")
    expect(page.locator("#result_list")).to_be_visible()
