"""The annual grading of a province's units from the dashboard's indicators.

For each unit (commune or agency) of the province, for the year:

1. its indicators are those of the dashboard (`reports.compliance.INDICATORS`, the registered families'
   included), counted for the year in the one combined statement (`compliance.compliance`);
2. each indicator with something due scores its rate (done / total) times its weight (`GradingScheme`
   of the province and year, or the defaults: equal weights adding up to 100);
3. the score is the sum of those points over the sum of the weights of the indicators with something
   due, on a scale of 100 (an indicator with nothing due neither helps nor harms the unit); a unit with
   nothing due on any weighted indicator has no score;
4. a unit scoring at least the scheme's `commend_from` is proposed for commendation.

Exact fractions throughout (rounded only for display), so a test can recompute it independently. A
constant number of queries whatever the number of units.
"""

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from units.models import AdministrativeUnit, ReportingRegime

from .. import compliance
from .models import GradingScheme

SCALE = 100  # the scores and the weights are out of 100
DEFAULT_COMMEND_FROM = 90


def indicator_choices() -> list[tuple[str, str]]:
    """(key, label) of every indicator the dashboard shows, registered families included."""
    return [(key, label) for key, label, *_rest in compliance.INDICATORS]


def default_weights() -> dict[str, int]:
    """Equal weights adding up to 100 (the first indicators take the remainder)."""
    keys = [key for key, _label in indicator_choices()]
    share, extra = divmod(SCALE, len(keys))
    return {key: share + (1 if index < extra else 0) for index, key in enumerate(keys)}


@dataclass
class Scheme:
    """The weights and the threshold in force for a province and a year (saved, or the defaults)."""

    province: AdministrativeUnit
    year: int
    weights: dict[str, int]
    commend_from: int
    basis: str = ""
    saved: GradingScheme | None = None

    @property
    def is_default(self) -> bool:
        return self.saved is None

    @property
    def lines(self) -> list[tuple[str, str, int]]:
        return [(key, label, self.weights.get(key, 0)) for key, label in indicator_choices()]


def scheme_for(province: AdministrativeUnit, year: int) -> Scheme:
    """The province's scheme for the year (one query, two when saved)."""
    saved = GradingScheme.objects.filter(province=province, year=year).first()
    if saved is None:
        return Scheme(province, year, default_weights(), DEFAULT_COMMEND_FROM)
    known = {key for key, _label in indicator_choices()}
    weights = dict.fromkeys(known, 0)  # an indicator registered after the scheme was set weighs nothing
    weights.update({w.indicator: w.weight for w in saved.weights.all() if w.indicator in known})
    return Scheme(province, year, weights, saved.commend_from, saved.basis, saved)


@dataclass
class Line:
    """One indicator of one unit: done of total, its weight and the points it scores."""

    key: str
    label: str
    done: int
    total: int
    weight: int

    @property
    def counts(self) -> bool:
        return bool(self.total) and self.weight > 0

    @property
    def rate(self) -> Fraction | None:
        return Fraction(self.done, self.total) if self.total else None

    @property
    def points(self) -> Fraction | None:
        return self.weight * self.rate if self.counts else None

    @property
    def percent(self) -> float | None:
        return round(100 * self.done / self.total, 1) if self.total else None


@dataclass
class Grade:
    owner: object
    lines: list[Line]
    commend_from: int
    rank: int | None = None
    score: Fraction | None = field(init=False)

    def __post_init__(self):
        weighed = [line for line in self.lines if line.counts]
        weight = sum(line.weight for line in weighed)
        self.score = SCALE * sum(line.points for line in weighed) / weight if weight else None

    @property
    def weight_counted(self) -> int:
        return sum(line.weight for line in self.lines if line.counts)

    @property
    def points(self) -> Fraction:
        return sum((line.points for line in self.lines if line.counts), Fraction(0))

    @property
    def rounded(self) -> float | None:
        return None if self.score is None else round(float(self.score), 2)

    @property
    def proposed(self) -> bool:
        return self.score is not None and self.score >= self.commend_from

    @property
    def name(self) -> str:
        return self.owner.name

    @property
    def is_agency(self) -> bool:
        return self.owner.__class__.__name__ == "Agency"


@dataclass
class Grading:
    scheme: Scheme
    period: object
    grades: list[Grade]

    @property
    def proposed(self) -> list[Grade]:
        return [g for g in self.grades if g.proposed]

    @property
    def ungraded(self) -> list[Grade]:
        return [g for g in self.grades if g.score is None]


def year_period(province: AdministrativeUnit, year: int):
    return ReportingRegime.for_unit(province).period_for_key(str(year))


def grade(province: AdministrativeUnit, year: int, *, today: dt.date | None = None) -> Grading:
    """Every unit of the province graded for the year, best first (ties by name), ranked 1, 2, 2, 4…"""
    today = today or timezone.localdate()
    scheme = scheme_for(province, year)
    period = year_period(province, year)
    area = compliance.compliance(province, period, today=today)
    grades = []
    for row in area.rows:
        lines = [Line(i.key, i.label, i.done, i.total, scheme.weights.get(i.key, 0)) for i in row.indicators]
        grades.append(Grade(row.owner, lines, scheme.commend_from))
    # Best first; units without a score last. `area.rows` is in Vietnamese name order already.
    grades.sort(key=lambda g: (g.score is None, -(g.score or 0)))
    previous, rank = None, 0
    for index, g in enumerate(grades, start=1):
        if g.score is None:
            break
        if g.score != previous:
            rank, previous = index, g.score
        g.rank = rank
    return Grading(scheme, period, grades)


HEADERS = [_("Hạng"), _("Đơn vị"), _("Điểm (thang 100)"), _("Đề nghị khen thưởng")]
