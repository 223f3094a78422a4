import re
from io import StringIO

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from democracy.models import Action, AuditEvent
from democracy.ratelimit import client_address
from tests.disclosures.conftest import make_disclosure  # noqa: F401 (fixture)
from units.models import EnrolmentLink

PASSWORD = "matkhau-thu-nghiem"


def current_token(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def test_staff_log_in_with_username_and_password(client, cast):
    response = client.post(reverse("login"), {"username": "clerk_a", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("units:workspace")
    assert response.context["user"].username == "clerk_a"


def test_a_wrong_password_gets_a_vietnamese_message(client, cast):
    response = client.post(reverse("login"), {"username": "clerk_a", "password": "sai"})
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_repeated_failed_logins_are_throttled_even_with_the_right_password_afterwards(client, cast, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "clerk_a", "password": "sai"})
    response = client.post(reverse("login"), {"username": "clerk_a", "password": PASSWORD})
    assert response.status_code == 429
    assert "Tạm khóa đăng nhập" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_other_accounts_are_not_locked_by_someone_elses_failures(client, cast, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "clerk_a", "password": "sai"})
    response = client.post(reverse("login"), {"username": "clerk_b", "password": PASSWORD})
    assert response.status_code == 302


@pytest.fixture
def second_factor(settings):
    settings.SECOND_FACTOR_ROLES = ["reviewer", "approver", "administrator"]


def test_a_role_that_requires_a_second_factor_is_sent_to_enrol(client, cast, second_factor):
    client.force_login(cast.reviewer_p)
    response = client.get(reverse("units:workspace"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("second_factor_setup"))
    page = client.get(response["Location"]).content.decode()
    assert "Bật xác thực hai lớp" in page and "đường dẫn kích hoạt" in page


def test_a_password_alone_cannot_enrol_an_authenticator(client, cast, second_factor):
    """Issue 18, item 3: whoever had only the password could bind their own phone and lock the owner out."""
    client.force_login(cast.reviewer_p)
    page = client.get(reverse("second_factor_setup")).content.decode()
    assert "<svg" not in page
    assert client.post(reverse("second_factor_setup"), {"token": "123456"}).status_code == 405
    assert not TOTPDevice.objects.filter(user=cast.reviewer_p).exists()
    assert client.get(reverse("units:workspace")).status_code == 302


def test_an_enrolled_user_must_enter_a_code_in_each_new_session(client, cast, second_factor):
    device = TOTPDevice.objects.create(user=cast.approver_a, name="app", confirmed=True)
    client.force_login(cast.approver_a)
    response = client.get(reverse("units:staff_unit", args=["07282"]))
    assert response["Location"].startswith(reverse("second_factor_verify"))
    client.post(reverse("second_factor_verify"), {"token": current_token(device)})
    assert client.get(reverse("units:staff_unit", args=["07282"])).status_code == 200


def test_roles_outside_the_list_need_no_second_factor(client, cast, second_factor):
    client.force_login(cast.clerk_a)
    assert client.get(reverse("units:workspace")).status_code == 200


def test_the_admin_requires_the_second_factor_for_administrators(client, cast, second_factor):
    client.force_login(cast.admin)
    assert client.get("/admin/").status_code == 302


def test_a_next_url_to_another_site_is_ignored(client, cast, second_factor):
    device = TOTPDevice.objects.create(user=cast.reviewer_p, name="app", confirmed=True)
    client.force_login(cast.reviewer_p)
    response = client.post(
        reverse("second_factor_verify"), {"token": current_token(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("units:workspace")


# --- Item 2 (issue 18): the second factor on every path, not only /staff/ and /admin/ ---------------


def test_a_password_alone_reads_no_internal_disclosure_through_the_public_pages_or_the_api(
    client,
    cast,
    second_factor,
    make_disclosure,  # noqa: F811
):
    internal = make_disclosure(cast.agency_a, state="published")
    public_page = reverse("disclosures:detail", args=[internal.pk])
    api = f"/api/v1/disclosures/{internal.pk}"
    client.force_login(cast.reviewer_p)  # a password, no code yet
    assert client.get(public_page).status_code == 404
    assert client.get(api).status_code == 404
    device = TOTPDevice.objects.create(user=cast.reviewer_p, name="app", confirmed=True)
    client.post(reverse("second_factor_verify"), {"token": current_token(device)})
    assert client.get(public_page).status_code == 200
    assert client.get(api).status_code == 200


def test_an_unverified_session_is_anonymous_on_public_pages_but_keeps_its_account_pages(
    client, cast, second_factor
):
    client.force_login(cast.admin)
    page = client.get(reverse("units:detail", args=["07282"]))
    assert page.status_code == 200 and not page.context["user"].is_authenticated
    assert client.get(reverse("second_factor_setup")).context["user"] == cast.admin
    client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session


def test_roles_outside_the_list_keep_their_access_on_public_pages(
    client,
    cast,
    second_factor,
    make_disclosure,  # noqa: F811
):
    internal = make_disclosure(cast.agency_a, state="published")
    client.force_login(cast.staff_agency_a)
    assert client.get(reverse("disclosures:detail", args=[internal.pk])).status_code == 200


# --- Item 3 (issue 18): the first enrolment needs a link an administrator issues -------------------

NEW_PASSWORD = "Tre-xanh-2026-Dong-Ky"


def issue_in_the_admin(client, cast, user, settings):
    """The administrator's session (its own second factor is not what these tests are about)."""
    roles, settings.SECOND_FACTOR_ROLES = settings.SECOND_FACTOR_ROLES, []
    client.force_login(cast.admin)
    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "issue_enrolment_links", "_selected_action": [user.pk]},
    )
    assert response.status_code == 200
    page = response.content.decode()
    link = re.search(r"http://testserver(/accounts/enrol/[^<\s]+/)", page).group(1)
    client.logout()
    settings.SECOND_FACTOR_ROLES = roles
    return link


def enrol_with(client, link, token=None, password=NEW_PASSWORD):
    page = client.get(link)
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(pk=client.session[next(k for k in client.session.keys() if "enrol" in k)])
    return device, client.post(
        link,
        {"new_password1": password, "new_password2": password, "token": token or current_token(device)},
    )


def test_an_enrolment_link_from_the_admin_sets_a_first_password_and_enrols_the_authenticator(
    client, cast, second_factor, settings
):
    cast.reviewer_p.set_unusable_password()  # an imported account: no password yet
    cast.reviewer_p.save()
    link = issue_in_the_admin(client, cast, cast.reviewer_p, settings)
    stored = EnrolmentLink.objects.get(user=cast.reviewer_p)
    assert stored.issued_by == cast.admin and link.split("/")[-2] not in stored.token_hash
    device, response = enrol_with(client, link)
    assert response.status_code == 302 and response["Location"] == reverse("units:workspace")
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("units:workspace")).status_code == 200, "signed in and verified"
    cast.reviewer_p.refresh_from_db()
    assert cast.reviewer_p.check_password(NEW_PASSWORD)
    assert [e.action for e in AuditEvent.objects.of(cast.reviewer_p)] == [
        Action.ENROLMENT_LINK_ISSUED,
        Action.ENROLLED,
    ]
    assert client.get(link).status_code == 404, "single use"


def test_an_enrolment_link_expires_and_a_new_one_cancels_the_old(client, cast, second_factor, settings):
    first = issue_in_the_admin(client, cast, cast.approver_a, settings)
    second = issue_in_the_admin(client, cast, cast.approver_a, settings)
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    EnrolmentLink.objects.filter(user=cast.approver_a).update(expires_at=timezone.now())
    response = client.get(second)
    assert response.status_code == 404 and "đã hết hạn" in response.content.decode()
    assert client.get("/accounts/enrol/not-a-token/").status_code == 404


def test_a_wrong_code_or_a_weak_password_does_not_use_up_the_link(client, cast, second_factor, settings):
    link = issue_in_the_admin(client, cast, cast.approver_a, settings)
    device, response = enrol_with(client, link, token="000000", password="123")
    assert response.status_code == 400
    assert not EnrolmentLink.objects.get(user=cast.approver_a).used_at
    assert "_auth_user_id" not in client.session
    device.refresh_from_db()
    assert not device.confirmed


def test_enrolling_through_a_link_replaces_a_lost_authenticator(client, cast, second_factor, settings):
    lost = TOTPDevice.objects.create(user=cast.approver_a, name="old phone", confirmed=True)
    link = issue_in_the_admin(client, cast, cast.approver_a, settings)
    device, response = enrol_with(client, link)
    assert response.status_code == 302
    assert list(TOTPDevice.objects.filter(user=cast.approver_a)) == [device]
    assert not TOTPDevice.objects.filter(pk=lost.pk).exists()


def test_the_command_issues_a_link_for_the_first_administrator(cast, settings):
    settings.SITE_URL = "https://dcc.example.vn"
    out = StringIO()
    call_command("issue_enrolment_link", "admin", stdout=out)
    assert re.search(r"^admin\thttps://dcc\.example\.vn/accounts/enrol/\S+/$", out.getvalue(), re.M)
    assert AuditEvent.objects.of(cast.admin).get().action == Action.ENROLMENT_LINK_ISSUED


def test_staff_sessions_last_a_working_day_not_two_weeks(client, cast):
    client.post(reverse("login"), {"username": "clerk_a", "password": PASSWORD})
    assert 0 < client.session.get_expiry_age() <= 8 * 3600


# --- Items 7 and 8 (issue 18): limits keyed on the right client; a budget per address ------------

PROXY = {"REMOTE_ADDR": "10.0.0.2"}


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()  # the failed-login budget lives in the cache


def login_from(client, address, username, password, via_proxy=True):
    extra = {**PROXY, "HTTP_X_FORWARDED_FOR": address} if via_proxy else {"REMOTE_ADDR": address}
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def test_behind_a_trusted_proxy_the_lockout_is_per_client_not_for_the_whole_portal(client, cast, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login_from(client, "198.51.100.7", "clerk_a", "sai")
    assert login_from(client, "198.51.100.7", "clerk_a", PASSWORD).status_code == 429
    assert login_from(Client(), "203.0.113.20", "clerk_a", PASSWORD).status_code == 302


def test_a_forged_forwarded_for_from_an_untrusted_client_is_ignored(rf, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    direct = rf.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert client_address(direct) == "198.51.100.7"
    # Through the proxy, only the hop the proxy appended counts, not what the client wrote before it.
    proxied = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7, 10.0.0.9")
    assert client_address(proxied) == "198.51.100.7"
    settings.TRUSTED_PROXIES = []
    assert client_address(proxied) == "10.0.0.2"


def test_password_spraying_from_one_address_is_stopped_across_accounts(client, cast, settings):
    """Issue 18, item 8: four wrong passwords on each of many accounts never triggered anything."""
    settings.LOGIN_FAILURES_PER_ADDRESS = 16  # 4 accounts x 4 failures
    accounts = ["clerk_a", "approver_a", "clerk_b", "inspector_a"]
    for username in accounts:
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            assert login_from(client, "198.51.100.7", username, "sai", via_proxy=False).status_code == 200
    refused = login_from(client, "198.51.100.7", "reviewer_p", PASSWORD, via_proxy=False)
    assert refused.status_code == 429 and "địa chỉ mạng của bạn" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    assert login_from(Client(), "203.0.113.20", "reviewer_p", PASSWORD, via_proxy=False).status_code == 302


def test_a_forgotten_password_is_reset_by_email(client, cast):
    cast.clerk_a.email = "clerk.a@dongky.example.vn"
    cast.clerk_a.save()
    assert "Quên mật khẩu" in client.get(reverse("login")).content.decode()
    response = client.post(reverse("password_reset"), {"email": "clerk.a@dongky.example.vn"})
    assert response.status_code == 302 and len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Đặt mật khẩu mới" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.status_code == 302
    cast.clerk_a.refresh_from_db()
    assert cast.clerk_a.check_password(NEW_PASSWORD)


def test_password_reset_requests_are_limited_per_client(client, cast, settings):
    settings.PASSWORD_RESETS_PER_HOUR = 2
    for _ in range(2):
        assert client.post(reverse("password_reset"), {"email": "ai@example.vn"}).status_code == 302
    limited = client.post(reverse("password_reset"), {"email": "ai@example.vn"})
    assert limited.status_code == 429 and limited["Retry-After"]
