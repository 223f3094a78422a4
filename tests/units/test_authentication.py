import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.disclosures.conftest import make_disclosure  # noqa: F401 (fixture)

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
    assert "<svg" in page and "Bật xác thực hai lớp" in page


def test_enrolling_with_a_valid_code_opens_the_staff_pages(client, cast, second_factor):
    client.force_login(cast.reviewer_p)
    client.get(reverse("second_factor_setup"))
    device = TOTPDevice.objects.get(user=cast.reviewer_p)
    response = client.post(
        reverse("second_factor_setup"), {"token": "000000" if current_token(device) != "000000" else "111111"}
    )
    assert "Mã không đúng hoặc đã hết hạn" in response.content.decode()
    response = client.post(
        reverse("second_factor_setup"), {"token": current_token(device), "next": "/staff/"}
    )
    assert "Bạn đã nhập sai nhiều lần" in response.content.decode(), (
        "django-otp throttles a retry right after a failure"
    )
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    response = client.post(
        reverse("second_factor_setup"), {"token": current_token(device), "next": "/staff/"}
    )
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("units:workspace")).status_code == 200


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
    client.force_login(cast.reviewer_p)
    client.get(reverse("second_factor_setup"))
    device = TOTPDevice.objects.get(user=cast.reviewer_p)
    response = client.post(
        reverse("second_factor_setup"), {"token": current_token(device), "next": "https://evil.example/"}
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
