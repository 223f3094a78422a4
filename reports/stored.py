"""The dashboard's figures, stored per owner and period and kept up to date incrementally (issue 16).

`counts(period, unit_ids, agency_ids, today)` returns (as lists, `decode` → a dict) what `figures.compute(breakdowns=False)` would
count now, for those owners, in a constant number of queries:

1. one query reads the stored rows of the owners for the period, each with its owner's change marker
   (`democracy.OwnerChange`, inserted by every write function through the audit trail);
2. a row is used when it was counted for `today` (overdue and deadline counts depend on the day), in the
   current layout of the figures (`Codec.version`: a family added or changed makes every row stale), and no
   write to its owner came after it was counted;
3. the missing and stale owners only are counted live, with `figures.compute` restricted to them (one
   statement), and their rows upserted (one statement).

So a write changes the next dashboard at once (no stale window), and the cost of a page grows with the
units shown and the owners changed since, not with the country's rows. `refresh_stale(today)` (a beat
job, every few minutes) counts again, in batches, the stale rows of the recent periods (the owners
changed, and at the day's roll every row of a recent period), so reviewers mostly read ready rows; it
is safe to run twice (a row counted for the day is its own done-marker).

Only the dashboard's figures (no breakdowns) are stored: unit reports count with breakdowns, once.
"""

import datetime as dt
import hashlib
from collections import defaultdict

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from democracy import changes
from democracy.models import OwnerChange
from democracy.periods import Period

from . import figures as figures_module
from .models import StoredFigures

BATCH = 1000  # owners counted together by the refreshing job
MARKERS_KEPT_DAYS = 2  # a stored row is valid for the day it was counted for: older markers tell nothing
RECENT_DAYS = 400  # the job keeps the periods that ended within about a year (the dashboard's picker)


class Codec:
    """The counts of the figures in a fixed order (breakdowns excluded): a stored row is the list of
    them, comma-separated. `version` names the layout: rows of another layout (a family added or
    changed) are stale."""

    def __init__(self, sample: dict):
        self.layout = [
            (family, name)
            for family, counts in sample.items()
            for name, value in counts.items()
            if not isinstance(value, dict)
        ]
        self.version = hashlib.sha256(repr(self.layout).encode()).hexdigest()[:16]
        # `decode(counts)`: the figures' nested dict as one dict display compiled once (3,321 units a
        # country page: building them entry by entry cost more than reading the rows).
        index = {pair: i for i, pair in enumerate(self.layout)}
        families = []
        for family, counts in sample.items():
            entries = [
                f"{name!r}: {{}}" if isinstance(value, dict) else f"{name!r}: c[{index[family, name]}]"
                for name, value in counts.items()
            ]
            families.append(f"{family!r}: {{{', '.join(entries)}}}")
        self.decode = eval(f"lambda c: {{{', '.join(families)}}}")  # noqa: S307 — our own names only

    def encode(self, figures: dict) -> str:
        return ",".join(str(figures[family][name]) for family, name in self.layout)


_codecs: dict[tuple, Codec] = {}


def codec() -> Codec:
    """The codec of the families registered now (reports.families; tests register more)."""
    sample = figures_module.empty()
    shape = tuple((family, tuple(counts)) for family, counts in sample.items())
    if shape not in _codecs:
        _codecs[shape] = Codec(sample)
    return _codecs[shape]


def decode(counts: list[int]) -> dict:
    return codec().decode(counts)


def total(many: list[list[int]]) -> dict:
    """The figures of the sum of many owners' counts (the area's totals)."""
    current = codec()
    return current.decode(
        [sum(column) for column in zip(*many, strict=True)] if many else [0] * len(current.layout)
    )


def _keys(unit_ids, agency_ids) -> list[str]:
    return [f"u{pk}" for pk in unit_ids] + [f"a{pk}" for pk in agency_ids]


def _split(keys) -> tuple[list[int], list[int]]:
    units, agencies = [], []
    for key in keys:
        (agencies if key[0] == "a" else units).append(int(key[1:]))
    return units, agencies


def _written_since():
    """A marker of the stored row's owner from the time the row was counted or later (an index lookup
    on `owner_change_key_at`)."""
    return OwnerChange.objects.filter(key=OuterRef("key"), changed_at__gte=OuterRef("computed_at"))


def _stored(period: Period, keys: list[str] | None, today: dt.date) -> dict[str, list[int]]:
    """The counts of the usable stored rows of `keys` (None: every owner of the period), one query."""
    rows = StoredFigures.objects.filter(
        period_start=period.start, period_end=period.end, valid_on=today, version=codec().version
    )
    if keys is not None:
        rows = rows.filter(key__in=keys)
    # Up to date: no write to the owner since the row was counted (compared in the database; the rows
    # read straight from the cursor, as figures._rows: 3,321 of them for the country).
    rows = rows.filter(~Exists(_written_since())).values_list("key", "counts").order_by()
    return {key: [int(n) for n in counts.split(",")] for key, counts in figures_module._rows(rows)}


def _count_and_store(period: Period, keys: list[str], today: dt.date, *, unit_query=None) -> dict[str, list]:
    """Count `keys` live (one statement) and upsert their rows (one statement); their counts."""
    if not keys:
        return {}
    computed_at = timezone.now()  # before counting: a write committed after this marks the row stale
    unit_ids, agency_ids = _split(keys)
    units = unit_query.values("pk") if unit_query is not None else unit_ids
    computed = figures_module.compute(period, units=units, agencies=agency_ids, breakdowns=False, today=today)
    current = codec()
    empty = current.encode(figures_module.empty())
    texts = {key: current.encode(computed[key]) if key in computed else empty for key in keys}
    StoredFigures.objects.bulk_create(
        [
            StoredFigures(
                key=key, period_start=period.start, period_end=period.end, counts=text,
                version=current.version, valid_on=today, computed_at=computed_at,
            )
            for key, text in texts.items()
        ],
        update_conflicts=True,
        unique_fields=["period_start", "period_end", "key"],
        update_fields=["counts", "version", "valid_on", "computed_at"],
        batch_size=2000,
    )  # fmt: skip
    return {key: [int(n) for n in text.split(",")] for key, text in texts.items()}


def counts(period: Period, unit_ids, agency_ids, *, today: dt.date, unit_query=None) -> dict[str, list]:
    """The counts (in the order of `codec().layout`; `decode` makes them figures) of the owners
    (commune-level unit ids and agency ids), keyed 'u<id>' / 'a<id>', as
    `figures.compute(breakdowns=False)` counts them for `today`: stored rows where they are up to date,
    the others counted now and stored. `unit_query` (a queryset of the same units, e.g. every commune
    of the country) reads every stored row of the period and counts through a subquery when all are
    missing. A constant number of queries (at most three)."""
    keys = _keys(unit_ids, agency_ids)
    wanted = set(keys)
    stored = _stored(period, None if unit_query is not None else keys, today)
    missing = [key for key in keys if key not in stored]
    everything = unit_query is not None and not agency_ids and len(missing) == len(keys)
    stored.update(_count_and_store(period, missing, today, unit_query=unit_query if everything else None))
    return {key: value for key, value in stored.items() if key in wanted}


def _dates(start: dt.date, end: dt.date) -> Period:
    """The period of a stored row: the figures read only its first and last day (`figures.compute` and
    every family), never its name or due date."""
    return Period(year=end.year, kind="", start=start, end=end, due=end, due_explanation="")


def stale(today: dt.date):
    """The stored rows of the recent periods that are no longer up to date for `today`."""
    return StoredFigures.objects.filter(period_end__gte=today - dt.timedelta(days=RECENT_DAYS)).filter(
        ~Q(valid_on=today) | ~Q(version=codec().version) | Exists(_written_since())
    )


def refresh_stale(today: dt.date | None = None) -> int:
    """Count again the stale rows of the recent periods (owners changed since their row was counted,
    rows of another day or layout), `BATCH` owners a statement; the number of rows refreshed. Safe to
    run twice and to stop halfway: each batch's rows, once counted for the day, are done."""
    today = today or timezone.localdate()
    # No stored row counted before yesterday is used any more (a row is valid for its day), so neither
    # are the markers before it.
    changes.prune(before=timezone.now() - dt.timedelta(days=MARKERS_KEPT_DAYS))
    rows = stale(today).values_list("period_start", "period_end", "key")
    by_period = defaultdict(list)
    for start, end, key in rows.order_by("period_end", "period_start", "key"):
        by_period[start, end].append(key)
    done = 0
    for (start, end), keys in by_period.items():
        for i in range(0, len(keys), BATCH):
            done += len(_count_and_store(_dates(start, end), keys[i : i + BATCH], today))
    return done
