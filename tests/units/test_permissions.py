"""Permission matrix: each role × each staff URL × own unit / other unit.

Outsiders get 404 (the object's existence is not revealed), read-only roles get 403 on writes,
anonymous visitors are sent to the login page.
"""

import pytest
from django.urls import reverse

ALLOWED, FORBIDDEN, NOT_FOUND = 200, 403, 404

# (url name, the cast attribute holding the object)
URLS = {
    "unit_a": ("units:staff_unit", "a"),
    "unit_b": ("units:staff_unit", "b"),
    "edit_village_a": ("units:village_edit", "village_a"),
    "edit_village_b": ("units:village_edit", "village_b"),
    "agency_a": ("units:staff_agency", "agency_a"),
    "edit_agency_a": ("units:agency_edit", "agency_a"),
    "agency_c": ("units:staff_agency", "agency_c"),
}
A, F, N = ALLOWED, FORBIDDEN, NOT_FOUND
# fmt: off
MATRIX = {
    #                 unit_a unit_b edit_va edit_vb agency_a edit_ag_a agency_c
    "clerk_a":        (A,     N,     A,      N,      N,       N,        N),
    "approver_a":     (A,     N,     A,      N,      N,       N,        N),
    "inspector_a":    (A,     N,     F,      N,      N,       N,        N),
    "clerk_b":        (N,     A,     N,      A,      N,       N,        N),
    "staff_agency_a": (N,     N,     N,      N,      A,       F,        N),
    "reviewer_p":     (A,     A,     F,      F,      A,       F,        N),
    "reviewer_q":     (N,     N,     N,      N,      N,       N,        A),
    "admin":          (A,     A,     A,      A,      A,       A,        A),
    "nobody":         (N,     N,     N,      N,      N,       N,        N),
}
# fmt: on


def url_for(cast, key):
    name, attr = URLS[key]
    return reverse(name, args=[getattr(cast, attr).code])


@pytest.mark.parametrize("user", list(MATRIX))
@pytest.mark.parametrize("key", list(URLS))
def test_each_role_gets_the_expected_answer_on_each_staff_page(client, cast, user, key):
    client.force_login(getattr(cast, user))
    expected = MATRIX[user][list(URLS).index(key)]
    assert client.get(url_for(cast, key)).status_code == expected


@pytest.mark.parametrize("key", ["edit_village_a", "edit_agency_a"])
@pytest.mark.parametrize("user", ["inspector_a", "reviewer_p", "staff_agency_a", "clerk_b", "nobody"])
def test_a_refused_write_changes_nothing(client, cast, user, key):
    client.force_login(getattr(cast, user))
    response = client.post(
        url_for(cast, key),
        {"name": "Đổi tên", "type": "thon", "households": 1, "kind": "state_agency", "staff_count": 1},
    )
    assert response.status_code in (FORBIDDEN, NOT_FOUND)
    cast.village_a.refresh_from_db()
    cast.agency_a.refresh_from_db()
    assert cast.village_a.households == 120 and cast.agency_a.staff_count == 28


@pytest.mark.parametrize("key", list(URLS))
def test_anonymous_visitors_are_sent_to_the_login_page(client, cast, key):
    response = client.get(url_for(cast, key))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("user", [*MATRIX, None])
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/units?level=province",
        "/api/v1/units/07282",
        "/api/v1/catalogue?scope=commune",
        "/api/v1/calendar/working-days?from=2024-02-07&add=5",
        "/",
        "/units/07282/",
    ],
)
def test_public_pages_and_api_answer_everyone_alike(client, cast, user, path):
    if user:
        client.force_login(getattr(cast, user))
    assert client.get(path).status_code == 200


def test_a_reviewer_lists_only_agencies_of_their_area(client, cast):
    client.force_login(cast.reviewer_p)
    page = client.get(reverse("units:staff_unit", args=[cast.a.code])).content.decode()
    assert cast.agency_a.name in page
    client.force_login(cast.clerk_a)
    page = client.get(reverse("units:staff_unit", args=[cast.a.code])).content.decode()
    assert cast.agency_a.name not in page, (
        "an agency's internal page is not for the commune's clerks (Art. 46)"
    )
