"""The admin and the imports write data the public pages show: their writes invalidate the cached pages
(democracy/publiccache.py, `ShownToThePublic`, `ImportResource.after_import`), only those they change."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from democracy.models import CatalogueItem
from tests.disclosures.conftest import make_disclosure  # noqa: F401 (fixture)
from tests.units.test_import import VILLAGE_HEADER, csv_dataset
from units.imports import VillageResource
from units.models import AdministrativeUnit

UNIT_A = reverse("units:detail", args=["07282"])
UNIT_B = reverse("units:detail", args=["07288"])


@pytest.fixture
def posting(make_disclosure):  # noqa: F811
    day = timezone.localdate() - dt.timedelta(days=2)
    return make_disclosure(state="published", published_on=day, decision_date=day - dt.timedelta(days=1))


def cached(client, url, django_assert_num_queries) -> str:
    """The page, after checking that a repeat is answered from the cache (no query)."""
    page = client.get(url).content.decode()
    with django_assert_num_queries(0):
        assert client.get(url).content.decode() == page
    return page


def admin_form_data(response) -> dict:
    """What the admin's change form would send back unchanged."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(v) for v in value]
        elif value is not None:
            data[name] = str(value)
    return data


def test_an_admin_edit_of_the_catalogue_shows_at_once_on_a_cached_public_page(
    cast, posting, django_assert_num_queries
):
    citizen, administrator = Client(), Client()
    administrator.force_login(cast.admin)
    detail = reverse("disclosures:detail", args=[posting.pk])
    item = posting.item
    assert item.label_vi in cached(citizen, detail, django_assert_num_queries)

    change = reverse("admin:democracy_catalogueitem_change", args=[item.pk])
    data = admin_form_data(administrator.get(change))
    data["label_vi"] = "Dự toán ngân sách xã (tên mới sửa trong trang quản trị)"
    saved = administrator.post(change, data)

    assert saved.status_code == 302, saved.context["adminform"].form.errors
    assert CatalogueItem.objects.get(pk=item.pk).label_vi == data["label_vi"]
    assert data["label_vi"] in citizen.get(detail).content.decode()


def test_an_admin_edit_of_a_village_renders_again_its_communes_page_only(cast, django_assert_num_queries):
    citizen, administrator = Client(), Client()
    administrator.force_login(cast.admin)
    assert cast.village_a.name in cached(citizen, UNIT_A, django_assert_num_queries)
    other = cached(citizen, UNIT_B, django_assert_num_queries)

    change = reverse("admin:units_administrativeunit_change", args=[cast.village_a.pk])
    data = admin_form_data(administrator.get(change))
    data["name"] = "Thôn Đồng Bông Mới"
    saved = administrator.post(change, data)

    assert saved.status_code == 302, saved.context["adminform"].form.errors
    assert "Thôn Đồng Bông Mới" in citizen.get(UNIT_A).content.decode()
    with django_assert_num_queries(0):  # another commune's page was not touched
        assert citizen.get(UNIT_B).content.decode() == other


def test_a_village_import_shows_on_its_communes_page_and_its_preview_changes_nothing(
    cast, django_assert_num_queries
):
    citizen = Client()
    cached(citizen, UNIT_A, django_assert_num_queries)
    other = cached(citizen, UNIT_B, django_assert_num_queries)
    text = VILLAGE_HEADER + "07282-09,Thôn Mới Nhập,thon,07282,99\n"

    preview = VillageResource().import_data(csv_dataset(text), dry_run=True)
    assert not preview.has_errors() and not preview.has_validation_errors()
    assert not AdministrativeUnit.objects.filter(code="07282-09").exists()
    with django_assert_num_queries(0):  # a preview writes nothing, so no page is rendered again
        citizen.get(UNIT_A)

    done = VillageResource().import_data(csv_dataset(text))
    assert not done.has_errors() and not done.has_validation_errors()
    assert "Thôn Mới Nhập" in citizen.get(UNIT_A).content.decode()
    with django_assert_num_queries(0):
        assert citizen.get(UNIT_B).content.decode() == other
