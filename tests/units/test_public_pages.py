import datetime as dt

import pytest
from django.urls import reverse

from tests.conftest import make_unit
from units.models import Level, UnitType


@pytest.mark.parametrize("q", ["dong ky", "Đồng Kỳ", "DONG KY", "  đồng   KỲ "])
def test_a_citizen_finds_a_commune_with_or_without_diacritics(client, cast, q):
    page = client.get(reverse("home"), {"q": q}).content.decode()
    assert "Xã Đồng Kỳ" in page
    assert "Phường Hoàn Kiếm" not in page


def test_a_search_with_no_match_says_what_to_try(client, cast):
    page = client.get(reverse("home"), {"q": "khong co ten nay"}).content.decode()
    assert "Không tìm thấy đơn vị nào" in page


def test_the_home_page_lists_the_provinces_and_is_in_vietnamese(client, cast):
    page = client.get(reverse("home")).content.decode()
    assert '<html lang="vi">' in page
    assert "Tỉnh Bắc Ninh" in page and "Thành phố Hà Nội" in page


def test_the_language_switcher_turns_the_page_to_english(client, cast):
    response = client.get(reverse("language", args=["en"]), {"next": "/"}, follow=True)
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Find your commune" in page


def test_a_unit_page_shows_its_place_in_the_tree_and_its_villages(client, cast):
    page = client.get(reverse("units:detail", args=["07282"])).content.decode()
    assert "Tỉnh Bắc Ninh" in page  # breadcrumb
    assert "Thôn Đồng Bông" in page


def test_a_merged_unit_stays_readable_and_points_to_its_successor(client, cast):
    district = make_unit(
        "215", "Huyện Yên Thế", Level.DISTRICT, UnitType.HUYEN, cast.province, valid_to=dt.date(2025, 6, 30)
    )
    old = make_unit(
        "07273", "Xã Đông Sơn", Level.COMMUNE, UnitType.XA, district, valid_to=dt.date(2025, 6, 30)
    )
    old.successors.add(cast.a)
    page = client.get(reverse("units:detail", args=["07273"])).content.decode()
    assert "không còn tồn tại" in page and "Xã Đồng Kỳ" in page and "Huyện Yên Thế" in page
    page = client.get(reverse("units:detail", args=["07282"])).content.decode()
    assert "Xã Đông Sơn" in page  # formed from


def test_an_unknown_unit_is_a_404(client, cast):
    assert client.get(reverse("units:detail", args=["99999"])).status_code == 404


def test_the_portal_stays_vietnamese_for_a_browser_set_to_english(client, cast):
    page = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in page
