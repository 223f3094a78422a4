import pytest
from django.urls import reverse


def test_the_workspace_lists_my_roles_with_links(client, cast):
    client.force_login(cast.clerk_a)
    page = client.get(reverse("units:workspace")).content.decode()
    assert "Công chức phụ trách" in page
    assert reverse("units:staff_unit", args=["07282"]) in page


def test_a_clerk_corrects_the_household_count_of_a_village(client, cast):
    client.force_login(cast.clerk_a)
    url = reverse("units:village_edit", args=[cast.village_a.code])
    response = client.post(url, {"name": "Thôn Đồng Bông", "type": "thon", "households": 131}, follow=True)
    assert "Đã lưu thôn, tổ dân phố Thôn Đồng Bông." in response.content.decode()
    cast.village_a.refresh_from_db()
    assert cast.village_a.households == 131


@pytest.mark.parametrize(
    "households, message", [("0", "Số hộ gia đình phải từ 1 trở lên."), ("", "Nhập số hộ gia đình.")]
)
def test_a_bad_household_count_is_refused_with_a_vietnamese_message(client, cast, households, message):
    client.force_login(cast.clerk_a)
    url = reverse("units:village_edit", args=[cast.village_a.code])
    response = client.post(url, {"name": "Thôn Đồng Bông", "type": "thon", "households": households})
    assert response.status_code == 200
    assert message in response.content.decode()
    cast.village_a.refresh_from_db()
    assert cast.village_a.households == 120


def test_an_agency_clerk_updates_the_staff_count(client, cast):
    from units.models import Membership, Role

    Membership.objects.create(user=cast.clerk_b, role=Role.CLERK, agency=cast.agency_a)
    client.force_login(cast.clerk_b)
    url = reverse("units:agency_edit", args=[cast.agency_a.code])
    client.post(url, {"name": cast.agency_a.name, "kind": "state_agency", "staff_count": 30})
    cast.agency_a.refresh_from_db()
    assert cast.agency_a.staff_count == 30


def test_the_staff_unit_page_does_a_bounded_number_of_queries(client, cast, django_assert_max_num_queries):
    from tests.conftest import make_unit
    from units.models import Level, UnitType

    for i in range(30):
        make_unit(f"07282-{i + 10}", f"Thôn {i}", Level.VILLAGE, UnitType.THON, cast.a, households=10)
    client.force_login(cast.reviewer_p)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("units:staff_unit", args=[cast.province.code])).status_code == 200
