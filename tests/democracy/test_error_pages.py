"""With DEBUG off, 404, 403, a CSRF failure and 500 are the site's own pages: its layout, the visitor's
language, a way home (and back, when the visitor came from a page of the portal), no technical detail."""

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from tests.consultations import conftest as consultation_fixtures

pytestmark = pytest.mark.django_db
make_consultation = consultation_fixtures.make_consultation  # the fixture


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.ROOT_URLCONF = "tests.democracy.error_urls"


def looks_like_the_site(body: str):
    assert '<header class="site-header">' in body and '<footer class="site-footer">' in body
    assert 'href="/"' in body  # a way home
    assert "Not Found" not in body and "Forbidden" not in body and "Server Error" not in body


def test_a_missing_page_is_a_vietnamese_404_in_the_layout(client):
    response = client.get("/khong-co-trang-nay/", HTTP_REFERER="http://testserver/units/07282/")
    assert response.status_code == 404
    body = response.content.decode()
    looks_like_the_site(body)
    assert '<html lang="vi">' in body and "Không tìm thấy trang" in body
    assert 'href="http://testserver/units/07282/"' in body and "Quay lại trang trước" in body


def test_no_way_back_to_another_site(client):
    body = client.get("/khong-co/", HTTP_REFERER="https://lua-dao.example/").content.decode()
    assert "lua-dao.example" not in body and "Quay lại trang trước" not in body


def test_the_404_follows_the_language_the_visitor_chose(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get("/khong-co/").content.decode()
    assert '<html lang="en">' in body


def test_a_read_only_role_gets_the_403_page(client, cast, make_consultation):
    plan = make_consultation()
    client.force_login(cast.inspector_a)
    response = client.post(reverse("consultations:open", args=[plan.pk]), {"confirm": "1"})
    assert response.status_code == 403
    body = response.content.decode()
    looks_like_the_site(body)
    assert "Bạn không có quyền thực hiện việc này" in body and "inspector_a" in body


def test_a_stale_form_gets_the_csrf_page_not_djangos(cast):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "clerk_a", "password": "x"})
    assert response.status_code == 403
    body = response.content.decode()
    looks_like_the_site(body)
    assert "Biểu mẫu đã hết hạn" in body and "CSRF" not in body


def test_a_server_error_is_the_500_page_without_details():
    client = Client(raise_request_exception=False)
    response = client.get("/test-boom/")
    assert response.status_code == 500
    body = response.content.decode()
    looks_like_the_site(body)
    assert "Đã có lỗi trên máy chủ" in body and "RuntimeError" not in body and "must not see" not in body


def test_the_500_page_still_shows_when_the_page_itself_cannot_use_the_request(monkeypatch):
    from democracy import errors

    def broken(*args, **kwargs):
        raise RuntimeError("the database is down")

    monkeypatch.setattr(errors, "render", broken)
    response = Client(raise_request_exception=False).get("/test-boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Đã có lỗi trên máy chủ" in body and "database is down" not in body
