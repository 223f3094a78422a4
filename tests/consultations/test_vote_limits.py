"""The online vote's limits count wrong codes only, per client, and a client behind the trusted proxy is
itself, not the proxy (issue 18, item 7)."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consultations import actions

from .conftest import item

PROXY = "10.0.0.2"


@pytest.fixture
def running(cast, settings):
    cache.clear()
    settings.VOTES_PER_HOUR = 3
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    d = actions.create_decision(
        owner=cast.village_a, by=cast.clerk_a, item=item(15, 6), title="Đường thôn", method="online"
    )
    now = timezone.now()
    codes = actions.open_online_vote(
        d, by=cast.clerk_a, households=[f"Hộ {n}" for n in range(120)], consent=61,
        opens_at=now - dt.timedelta(hours=1), closes_at=now + dt.timedelta(hours=1),
    )  # fmt: skip
    return reverse("consultations:vote", args=[d.pk]), [code for _household, code in codes]


def vote(url, code, **meta):
    return Client().post(url, {"code": code, "choice": "agree"}, **meta)


def test_valid_votes_from_one_address_never_use_up_the_next_households_allowance(running):
    url, codes = running
    office = {"REMOTE_ADDR": "198.51.100.7"}  # one office Wi-Fi, many households
    assert [vote(url, code, **office).status_code for code in codes[:6]] == [200] * 6


def test_wrong_codes_are_limited_per_client(running):
    url, codes = running
    guesser = {"REMOTE_ADDR": "198.51.100.66"}
    assert [vote(url, "0000-0000-0000", **guesser).status_code for _ in range(3)] == [400] * 3
    assert vote(url, "0000-0000-0000", **guesser).status_code == 429
    assert vote(url, codes[0], REMOTE_ADDR="198.51.100.7").status_code == 200


def test_behind_the_trusted_proxy_each_client_has_its_own_limit(running):
    url, codes = running
    for _ in range(3):
        vote(url, "0000-0000-0000", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.66")
    assert vote(url, codes[0], REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.66").status_code == 429
    assert vote(url, codes[0], REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 200
    # A client writing its own X-Forwarded-For, not through the proxy, is still itself: a new header
    # does not give it a new allowance, nor does it use up the address it names.
    for _ in range(3):
        vote(url, "0000-0000-0000", REMOTE_ADDR="198.51.100.77", HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert (
        vote(url, codes[1], REMOTE_ADDR="198.51.100.77", HTTP_X_FORWARDED_FOR="203.0.113.98").status_code
        == 429
    )
    assert vote(url, codes[1], REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.99").status_code == 200
