"""The secret ballot against someone holding the database (issue 17, item 1).

The attack: after the count, take the used codes (each names a household) and the counted ballots,
sort each side by every column it has, by the order rows come back without ORDER BY (insertion order),
and on PostgreSQL by the system columns `xmin` and `ctid`, pair them position by position and count the
households paired with their own ballot (known here from the receipts the votes returned). A random
pairing gets one right on average; the best of all the sorts must stay near that. Against the old
design (exact `used_at`, ballots inserted with the next id in the same transaction) sorting codes by
`used_at` and ballots by id, or both by `xmin`, paired all 100 households.
"""

import datetime as dt
import random

import pytest
from django.contrib import admin
from django.db import connection
from django.urls import reverse

from consultations import actions
from consultations.models import Ballot, DecisionState, PendingBallot, VoteCode

from .conftest import HCM, item

HOUSEHOLDS, VOTERS = 120, 100
# A random pairing matches 1 household on average (Poisson(1)); the best of ~150 sorts rarely passes 6.
BOUND = 3 * 1 + 10


def _run_vote(cast):
    """A village of 120 households, 100 of them vote in an order unrelated to the printed list."""
    rng = random.Random(17)
    decision = actions.create_decision(
        owner=cast.village_a, by=cast.clerk_a, item=item(15, 6), title="Làm đèn đường", method="online"
    )
    households = [f"Hộ {i:03}" for i in range(HOUSEHOLDS)]
    start, end = dt.datetime(2024, 3, 1, tzinfo=HCM), dt.datetime(2024, 3, 3, tzinfo=HCM)
    codes = dict(
        actions.open_online_vote(
            decision, by=cast.clerk_a, households=households, consent=61, opens_at=start, closes_at=end
        )
    )
    voters = rng.sample(households, VOTERS)
    receipts = {}
    for n, household in enumerate(voters):
        choice = rng.choice(["agree", "agree", "disagree", "other"])
        when = start + dt.timedelta(minutes=7 * n + rng.randrange(5))
        receipts[household] = actions.cast_vote(
            decision, code=codes[household], choice=choice, other_text="ý kiến" if choice == "other" else "",
            now=when,
        )  # fmt: skip
    assert actions.count_online_votes(now=end + dt.timedelta(minutes=1)) == 1
    decision.refresh_from_db()
    assert decision.present == VOTERS
    return decision, receipts


def _rows(model, decision, system_columns):
    """Every concrete column of the decision's rows, in the order the database returns them unasked
    (`_fetched`), plus `xmin` and `ctid` on PostgreSQL."""
    table = model._meta.db_table
    columns = [f.column for f in model._meta.concrete_fields]
    extra = ", xmin::text::bigint, ctid::text" if system_columns else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {', '.join(columns)}{extra} FROM {table} WHERE decision_id = %s", [decision.pk]
        )
        fetched = cursor.fetchall()
    names = columns + (["xmin", "ctid"] if system_columns else [])
    rows = []
    for n, values in enumerate(fetched):
        row = dict(zip(names, values, strict=True), _fetched=n)
        if system_columns:  # "(page,item)" sorts as numbers, not as text
            row["ctid"] = tuple(int(part) for part in row["ctid"].strip("()").split(","))
        rows.append(row)
    return rows


def _sort_keys(value):
    return (
        (value is None, "" if value is None else str(value)) if not isinstance(value, int | tuple) else value
    )


def best_pairing(decision, receipts, *, system_columns=False):
    """The most households any sort-and-pair attack matches with their own ballot."""
    codes = [r for r in _rows(VoteCode, decision, system_columns) if r["household"] in receipts]
    ballots = _rows(Ballot, decision, system_columns)
    assert len(codes) == len(ballots) == VOTERS
    best = 0
    for code_key in codes[0]:
        for ballot_key in ballots[0]:
            for code_desc in (False, True):
                for ballot_desc in (False, True):
                    c = sorted(codes, key=lambda r: _sort_keys(r[code_key]), reverse=code_desc)
                    b = sorted(ballots, key=lambda r: _sort_keys(r[ballot_key]), reverse=ballot_desc)
                    hits = sum(receipts[x["household"]] == y["receipt"] for x, y in zip(c, b, strict=True))
                    best = max(best, hits)
    return best


def test_no_sort_of_the_columns_pairs_codes_with_ballots(cast):
    decision, receipts = _run_vote(cast)
    assert best_pairing(decision, receipts) <= BOUND


@pytest.mark.postgres
def test_no_sort_of_columns_xmin_or_ctid_pairs_codes_with_ballots_on_postgresql(cast):
    if connection.vendor != "postgresql":
        pytest.fail("This test needs PostgreSQL: export DATABASE_URL=postgres://… before pytest.")
    decision, receipts = _run_vote(cast)
    assert best_pairing(decision, receipts, system_columns=True) <= BOUND
    # The count rewrote every code and every ballot of the vote in its one transaction: no row keeps the
    # transaction id of the vote that wrote it, so `xmin` orders neither side.
    for model in (VoteCode, Ballot):
        assert len({row["xmin"] for row in _rows(model, decision, True)}) == 1, model


# --- One code, one counted ballot, nothing lost -----------------------------------------------------


def _small_vote(cast, voters=5):
    decision = actions.create_decision(
        owner=cast.village_a, by=cast.clerk_a, item=item(15, 6), title="Làm đèn đường", method="online"
    )
    start, end = dt.datetime(2024, 3, 1, tzinfo=HCM), dt.datetime(2024, 3, 3, tzinfo=HCM)
    households = [f"Hộ {i:03}" for i in range(HOUSEHOLDS)]
    codes = actions.open_online_vote(
        decision, by=cast.clerk_a, households=households, consent=61, opens_at=start, closes_at=end
    )
    during = start + dt.timedelta(hours=1)
    receipts = [actions.cast_vote(decision, code=c, choice="agree", now=during) for _h, c in codes[:voters]]
    return decision, codes, receipts, during, end + dt.timedelta(minutes=1)


def test_a_vote_that_fails_halfway_keeps_the_code_unused(cast, monkeypatch):
    decision, codes, _receipts, during, _after = _small_vote(cast, voters=0)

    def broken_box(**fields):
        raise RuntimeError("the worker died")

    monkeypatch.setattr(PendingBallot.objects, "create", broken_box)
    with pytest.raises(RuntimeError):
        actions.cast_vote(decision, code=codes[0][1], choice="agree", now=during)
    monkeypatch.undo()
    assert not VoteCode.objects.filter(used=True).exists() and not PendingBallot.objects.exists()
    assert actions.cast_vote(decision, code=codes[0][1], choice="agree", now=during)  # the code still works


@pytest.mark.parametrize("where", ["codes", "tally"])
def test_a_count_that_fails_halfway_loses_nothing_and_a_rerun_counts_once(cast, monkeypatch, where):
    decision, _codes, receipts, _during, after = _small_vote(cast)
    real_update = VoteCode.objects.filter(pk=0).update.__func__
    rewritten = []

    def die(*args, **kwargs):
        raise RuntimeError("the worker died")

    def die_on_the_third_code(queryset, **kwargs):
        rewritten.append(kwargs)
        if len(rewritten) == 3:
            die()
        return real_update(queryset, **kwargs)

    if where == "codes":  # after the ballots were moved, while the codes are being rewritten
        monkeypatch.setattr(type(VoteCode.objects.all()), "update", die_on_the_third_code)
    else:  # after everything was moved, in the tally
        monkeypatch.setattr("consultations.actions.decisions._tally", die)
    with pytest.raises(RuntimeError):
        actions.count_online_votes(now=after)
    monkeypatch.undo()
    decision.refresh_from_db()
    assert decision.state == DecisionState.VOTING and decision.present is None
    assert sorted(PendingBallot.objects.values_list("receipt", flat=True)) == sorted(receipts)
    assert not Ballot.objects.exists() and VoteCode.objects.filter(used=True).count() == 5

    assert actions.count_online_votes(now=after) == 1
    assert actions.count_online_votes(now=after) == 0
    decision.refresh_from_db()
    assert (decision.state, decision.present, decision.agree) == (DecisionState.TALLIED, 5, 5)
    assert sorted(Ballot.objects.values_list("receipt", flat=True)) == sorted(receipts)
    assert not PendingBallot.objects.exists() and VoteCode.objects.filter(used=True).count() == 5


def test_the_admin_shows_how_many_codes_were_used_and_nothing_about_them(client, cast):
    decision, codes, _receipts, _during, _after = _small_vote(cast, voters=2)
    client.force_login(cast.admin)
    page = client.get(reverse("admin:consultations_decision_change", args=[decision.pk])).content.decode()
    assert "Mã biểu quyết đã dùng" in page and "2/120" in page
    code_hash = VoteCode.objects.first().code_hash
    assert code_hash not in page and not any(household in page for household, _c in codes)
    assert VoteCode not in admin.site._registry and PendingBallot not in admin.site._registry
    assert Ballot not in admin.site._registry
