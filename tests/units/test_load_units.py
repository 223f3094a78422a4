import pytest
from django.core.management import call_command

from units.loader import load_units
from units.models import AdministrativeUnit, Level

pytestmark = pytest.mark.slow  # the whole country: 34 provinces, 3,321 communes


def test_load_units_loads_the_34_provinces_and_3321_communes_of_the_2025_reform(db):
    result = load_units()
    assert result.created == 34 + 3321
    assert AdministrativeUnit.objects.filter(level=Level.PROVINCE).count() == 34
    communes = AdministrativeUnit.objects.filter(level=Level.COMMUNE)
    assert communes.count() == 3321
    assert communes.filter(type="xa").count() == 2621
    assert communes.filter(type="phuong").count() == 687
    assert communes.filter(type="dac_khu").count() == 13
    assert AdministrativeUnit.objects.get(code="24").name == "Tỉnh Bắc Ninh"
    assert AdministrativeUnit.objects.get(code="07282").parent.code == "24"


def test_running_load_units_twice_changes_nothing(db, django_assert_max_num_queries):
    load_units()
    before = list(AdministrativeUnit.objects.values_list("pk", "code", "name", "parent_id").order_by("pk"))
    second = load_units()
    assert (second.created, second.updated) == (0, 0)
    assert (
        list(AdministrativeUnit.objects.values_list("pk", "code", "name", "parent_id").order_by("pk"))
        == before
    )


def test_load_units_corrects_a_changed_name(db):
    load_units()
    AdministrativeUnit.objects.filter(code="07282").update(name="Sai tên")
    assert load_units().updated == 1
    assert AdministrativeUnit.objects.get(code="07282").name == "Xã Đồng Kỳ"


def test_the_demo_data_loads_twice_without_duplicates(db):
    call_command("load_units")
    call_command("load_demo")
    call_command("load_demo")
    assert AdministrativeUnit.objects.filter(code__startswith="07282-").count() == 4
    assert AdministrativeUnit.objects.get(code="07273").successors.get().code == "07282"
