"""Vietnamese alphabetical order for every list of names (units.text.vi_sort_key): Đ after D (not after
Z), Ă and Â after A, tones only to break ties, provinces by their proper name, 'Thôn 2' before 'Thôn 10'."""

import pytest
from django.urls import reverse

from tests.conftest import make_unit
from units.models import Level, UnitType
from units.text import proper_name, vi_sort_key, vi_sorted


def test_letters_follow_the_vietnamese_alphabet():
    names = ["Xã Yên Thế", "Xã Đồng Kỳ", "Xã Dương Hưu", "Xã Ân Thi", "Xã Ăn Hòa", "Xã An Lạc", "Xã Ơn Lương",
             "Xã Ôn Thủy", "Xã Ô Loan", "Xã Bố Hạ"]  # fmt: skip
    assert sorted(names, key=vi_sort_key) == [
        "Xã An Lạc", "Xã Ăn Hòa", "Xã Ân Thi", "Xã Bố Hạ", "Xã Dương Hưu", "Xã Đồng Kỳ", "Xã Ô Loan",
        "Xã Ôn Thủy", "Xã Ơn Lương", "Xã Yên Thế",
    ]  # fmt: skip
    assert sorted(names) != sorted(names, key=vi_sort_key)  # code points put Đ, Ă, Â after Y


def test_tones_only_break_ties():
    assert sorted(["Cá", "Cà", "Ca", "Cạ", "Cã", "Cả", "Cam"], key=vi_sort_key) == [
        "Ca", "Cà", "Cả", "Cã", "Cá", "Cạ", "Cam",
    ]  # fmt: skip


def test_provinces_sort_on_their_proper_name_and_numbers_as_numbers():
    assert proper_name("Thành phố Hà Nội") == "Hà Nội" and proper_name("Xã") == "Xã"
    provinces = [
        "Thành phố Hà Nội",
        "Tỉnh Bắc Ninh",
        "Thành phố Đà Nẵng",
        "Tỉnh An Giang",
        "Thành phố Cần Thơ",
    ]
    assert sorted(provinces, key=vi_sort_key) == [
        "Tỉnh An Giang", "Tỉnh Bắc Ninh", "Thành phố Cần Thơ", "Thành phố Đà Nẵng", "Thành phố Hà Nội",
    ]  # fmt: skip
    assert sorted(["Thôn 10", "Thôn 2", "Thôn 1"], key=vi_sort_key) == ["Thôn 1", "Thôn 2", "Thôn 10"]


@pytest.mark.django_db
def test_the_home_page_and_a_province_page_list_in_vietnamese_order(client, cast):
    make_unit("48", "Thành phố Đà Nẵng", Level.PROVINCE, UnitType.THANH_PHO_TW)
    make_unit("89", "Tỉnh An Giang", Level.PROVINCE, UnitType.TINH)
    home = client.get(reverse("home")).content.decode()
    order = [
        home.index(n) for n in ("Tỉnh An Giang", "Tỉnh Bắc Ninh", "Thành phố Đà Nẵng", "Thành phố Hà Nội")
    ]
    assert order == sorted(order)
    make_unit("07300", "Xã Ân Thi", Level.COMMUNE, UnitType.XA, cast.province)
    province = client.get(reverse("units:detail", args=[cast.province.code])).content.decode()
    order = [province.index(n) for n in ("Xã Ân Thi", "Xã Đồng Kỳ", "Xã Yên Thế")]
    assert order == sorted(order)


@pytest.mark.django_db
def test_every_list_of_villages_has_the_same_order(cast):
    for code, name in (("07282-02", "Thôn 10"), ("07282-03", "Thôn 2"), ("07282-04", "Thôn Ấp Đình")):
        make_unit(code, name, Level.VILLAGE, UnitType.THON, cast.a)
    villages = [v.name for v in vi_sorted(cast.a.children.filter(level=Level.VILLAGE))]
    assert villages == ["Thôn 2", "Thôn 10", "Thôn Ấp Đình", "Thôn Đồng Bông"]
