"""Each unit's duties for a year and their status: done (by which meeting), not yet open, due, overdue.

A duty's period is fulfilled by the first held meeting of one of its kinds, of the owner itself, whose
start falls (in local time) between the period's first day and its due day. One query for the duties
and one for the meetings, whatever the number of owners."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultations.models import Meeting
from units.models import AdministrativeUnit, Agency, Level, is_agency, key_of_ids, owner_key

from .models import AppliesTo, Duty

DONE, UPCOMING, DUE, OVERDUE = "done", "upcoming", "due", "overdue"
STATUS_LABELS = {
    DONE: _("Đã thực hiện"),
    UPCOMING: _("Chưa đến kỳ"),
    DUE: _("Đang đến hạn"),
    OVERDUE: _("Quá hạn, chưa thực hiện"),
}


def day_start(day: dt.date) -> dt.datetime:
    """Local midnight at the start of `day`, as an aware datetime (the bounds of a window)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def period_label(key: str) -> str:
    year, _sep, half = key.partition("-")
    if half == "H1":
        return str(_("6 tháng đầu năm %(year)s") % {"year": year})
    if half == "H2":
        return str(_("6 tháng cuối năm %(year)s") % {"year": year})
    return str(_("Năm %(year)s") % {"year": year})


@dataclass
class DutyStatus:
    duty: Duty
    owner: object
    period: str
    opens: dt.date
    due: dt.date
    meeting: Meeting | None
    status: str

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def period_label(self) -> str:
        return period_label(self.period)

    @property
    def owner_key(self) -> str:
        return owner_key(self.owner)


def active_duties() -> list[Duty]:
    return list(Duty.objects.filter(active=True))


def owners_for(commune, duty: Duty, *, on: dt.date | None = None) -> list:
    """The owners of `duty` in a commune: the commune itself, its villages (in force on `on`), or the
    agencies sitting in it."""
    if duty.applies_to == AppliesTo.COMMUNE:
        return [commune]
    if duty.applies_to == AppliesTo.VILLAGE:
        return list(commune.children.filter(level=Level.VILLAGE).current(on).order_by("code"))
    return list(Agency.objects.filter(unit=commune).order_by("name"))


def applies(duty: Duty, owner) -> bool:
    if is_agency(owner):
        return duty.applies_to == AppliesTo.AGENCY
    if owner.level == Level.VILLAGE:
        return duty.applies_to == AppliesTo.VILLAGE
    return owner.level == Level.COMMUNE and duty.applies_to == AppliesTo.COMMUNE


def statuses(pairs, years, *, today: dt.date | None = None) -> list[DutyStatus]:
    """The status of each (duty, owner) pair for each period of `years` (one query for the meetings)."""
    today = today or timezone.localdate()
    pairs = list(pairs)
    years = sorted(set(years))
    if not pairs or not years:
        return []
    kinds = {k for duty, _owner in pairs for k in duty.kind_list}
    unit_ids = {o.pk for _d, o in pairs if not is_agency(o)}
    agency_ids = {o.pk for _d, o in pairs if is_agency(o)}
    meetings = (
        Meeting.objects.filter(
            Q(unit__in=unit_ids) | Q(agency__in=agency_ids),
            state=Meeting.State.HELD,
            kind__in=kinds,
            held_at__gte=day_start(dt.date(years[0], 1, 1)),
            held_at__lt=day_start(dt.date(years[-1] + 1, 1, 1)),
        )
        .only("pk", "kind", "held_at", "unit_id", "agency_id", "title")
        .order_by("held_at", "pk")
    )
    by_owner = defaultdict(list)
    for m in meetings:
        by_owner[key_of_ids(m.unit_id, m.agency_id)].append(m)
    result = []
    for duty, owner in pairs:
        held = by_owner.get(owner_key(owner), [])
        kinds_of_duty = set(duty.kind_list)
        for year in years:
            for key, opens, due in duty.windows(year):
                meeting = next(
                    (
                        m for m in held
                        if m.kind in kinds_of_duty and opens <= timezone.localdate(m.held_at) <= due
                    ),
                    None,
                )  # fmt: skip
                if meeting is not None:
                    status = DONE
                elif today > due:
                    status = OVERDUE
                elif today < opens:
                    status = UPCOMING
                else:
                    status = DUE
                result.append(DutyStatus(duty, owner, key, opens, due, meeting, status))
    return result


def duties_of_commune(commune, year: int, *, today=None, duties=None) -> list[DutyStatus]:
    """The commune's own duties and its villages' (a commune's staff act for its villages)."""
    duties = active_duties() if duties is None else duties
    on = min(today or timezone.localdate(), dt.date(year, 12, 31))
    pairs = [
        (duty, owner)
        for duty in duties
        if duty.applies_to in (AppliesTo.COMMUNE, AppliesTo.VILLAGE)
        for owner in owners_for(commune, duty, on=on)
    ]
    return statuses(pairs, [year], today=today)


def duties_of_owner(owner, year: int, *, today=None, duties=None) -> list[DutyStatus]:
    """One owner's duties (a village's, an agency's, or a commune's own)."""
    duties = active_duties() if duties is None else duties
    return statuses([(d, owner) for d in duties if applies(d, owner)], [year], today=today)


def all_pairs(duties) -> list:
    """Every (duty, owner) pair in the country, for the reminders job: current communes and villages
    and every agency."""
    pairs = []
    by_applies = defaultdict(list)
    for duty in duties:
        by_applies[duty.applies_to].append(duty)
    if by_applies[AppliesTo.COMMUNE] or by_applies[AppliesTo.VILLAGE]:
        units = AdministrativeUnit.objects.current().filter(level__in=[Level.COMMUNE, Level.VILLAGE])
        for unit in units.select_related("parent").order_by("code"):
            kind = AppliesTo.COMMUNE if unit.level == Level.COMMUNE else AppliesTo.VILLAGE
            pairs += [(duty, unit) for duty in by_applies[kind]]
    if by_applies[AppliesTo.AGENCY]:
        for agency in Agency.objects.select_related("unit").order_by("code"):
            pairs += [(duty, agency) for duty in by_applies[AppliesTo.AGENCY]]
    return pairs
