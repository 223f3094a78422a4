"""Families of figures beyond the five of `figures.compute` (disclosures, feedback, consultations,
decisions, recommendations): each capability that the dashboard grades (plans, yearly meetings,
regulations, supervision boards, petitions…) declares its counts here once, next to nothing else, and
`figures.compute` adds its parts to the one combined statement, the unit reports and the roll-ups add
its counts, and `compliance.INDICATORS` gains its indicators. Nothing else changes to add one.

A family's `parts(scope)` returns `(queryset, counts)` pairs: the queryset filtered to the scope's
units and agencies and reduced to `values_list(unit_id, agency_id)` (use `scope.own` or
`scope.by_commune`, which also count a village's rows for its commune), and `counts` an ordered dict
of `Count` expressions whose names are the family's `counts` in the same order (at most
`figures.WIDTH`). Its rows are summed per unit, whatever the number of parts.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from democracy.periods import Period


@dataclass(frozen=True)
class Scope:
    """What a family's parts filter by: commune-level unit ids and agency ids (querysets or lists), the
    period and the day of counting, with the two helpers every core family uses."""

    communes: object
    agencies: object
    period: Period
    today: dt.date
    own: Callable
    by_commune: Callable


@dataclass(frozen=True)
class Family:
    name: str
    counts: tuple[str, ...]
    parts: Callable[[Scope], list]
    # (key, label, done, total): an indicator dividing two of the counts, as compliance.INDICATORS.
    indicators: tuple = field(default=())
    # section(figures, internal) -> (title without its number, [Line or (label, value, indented), …]) or
    # None: the family's section in the unit reports and roll-ups (reports.labels.sections numbers it after
    # the five core ones). It receives the whole figures, so one section may print several families.
    section: Callable | None = None
    # shortfalls(owner, period, today, row) -> [shortfalls.Shortfall]: the dashboard's drill-down of the
    # family's indicators (the single items behind each shortfall).
    shortfalls: Callable | None = None


# The registered families, in the dashboard's column order. Each capability defines its family in its
# own module of `reports` (which may read every app below) and registers it below in two lines:
#     from .family_meetings import MEETINGS  # noqa: E402
#     FAMILIES.append(MEETINGS)
FAMILIES: list[Family] = []

from .family_petitions import PETITION_CHANNELS, PETITIONS  # noqa: E402

FAMILIES.append(PETITIONS)
FAMILIES += PETITION_CHANNELS
from .family_boards import BOARDS  # noqa: E402

FAMILIES.append(BOARDS)
from .checks.family import FIXES  # noqa: E402

FAMILIES.append(FIXES)
from .family_meetings import DUTY_FAMILIES, MEETINGS_LAW, MEETINGS_OTHER  # noqa: E402

FAMILIES += [MEETINGS_LAW, MEETINGS_OTHER, *DUTY_FAMILIES]
from .plans.family import PLANS  # noqa: E402

FAMILIES.insert(0, PLANS)  # the plan's results first (section VI of the unit reports)
from .family_regulations import REGULATIONS  # noqa: E402

FAMILIES.append(REGULATIONS)
