"""A NUL byte in the address or the query is a 400 before any view runs (issue 18 item 9): PostgreSQL
refuses NUL in text, so a search for `a%00b` or a unit code with one was a 500 there."""

import pytest


@pytest.mark.parametrize(
    "url",
    [
        "/?q=abc%00def",
        "/staff/reports/?q=abc%00def",
        "/api/v1/units?q=abc%00def",
        "/api/v1/units?parent=abc%00def",
        "/api/v1/units/abc%00def",
        "/api/v1/units/abc%00def/disclosures",
        "/units/07282/?a%00b=1",
    ],
)
def test_a_nul_byte_in_the_address_is_a_bad_request(client, cast, url):
    client.force_login(cast.clerk_a)
    response = client.get(url)
    assert response.status_code == 400


def test_an_address_without_one_is_served_as_before(client, cast):
    assert client.get("/?q=abc").status_code == 200
    assert client.get("/api/v1/units?q=abc").status_code == 200
