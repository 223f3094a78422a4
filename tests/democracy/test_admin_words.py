"""The admin in Vietnamese and readable (issue 15): the third-party apps under Vietnamese names, the
catalogue's list a few columns wide with its rules in one."""

import pytest
from django.apps import apps


def test_the_third_party_apps_have_vietnamese_names():
    names = {
        label: str(apps.get_app_config(label).verbose_name) for label in ("axes", "django_otp", "otp_totp")
    }
    assert names == {
        "axes": "Chặn đăng nhập sai nhiều lần",
        "django_otp": "Xác thực hai lớp",
        "otp_totp": "Xác thực hai lớp: mã theo thời gian (TOTP)",
    }


@pytest.mark.django_db
def test_the_admin_index_shows_no_package_names(admin_client):
    page = admin_client.get("/admin/").content.decode()
    assert "Chặn đăng nhập sai nhiều lần" in page
    assert ">Axes<" not in page and "Otp_Totp" not in page and "OTP_TOTP" not in page


@pytest.mark.django_db
def test_the_catalogue_list_has_four_columns_with_the_rules_in_one(admin_client):
    page = admin_client.get("/admin/democracy/catalogueitem/").content.decode()
    table = page[page.index('id="result_list"') :]
    header = table[: table.index("</thead>")]
    assert header.count('<th scope="col"') == 4  # four columns (no bulk action on the catalogue)
    assert "công khai ≤ 5 ngày làm việc · niêm yết 30 ngày" in page
    assert "≥ 2/3" in page and "lấy ý kiến 20 ngày" in page


@pytest.mark.django_db
def test_the_admin_trail_names_the_system_or_the_citizen(cast, admin_client):
    from democracy.audit import record
    from democracy.models import Action

    record(cast.a, by=None, action=Action.FEEDBACK_RECEIVED)
    record(cast.a, by=None, action=Action.CLOSED)
    page = admin_client.get("/admin/democracy/auditevent/").content.decode()
    assert '<td class="field-actor_display">Người dân</td>' in page
    assert '<td class="field-actor_display">Hệ thống</td>' in page
