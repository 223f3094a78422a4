"""The families of meetings (issue 11): the meetings held in the period by kind with the people reached
(two families: the law's yearly meetings and the others), and one family per yearly duty of
`consultations.duties` (owed: the units whose period ended in the report's period, or that did it
already; done: those that held the meeting in the window), each with its indicator on the dashboard.

The duties' dates are data (duties.Duty): read once per `figures.compute` (one query, whatever the
number of units); the counting itself is part of the one combined statement."""

import datetime as dt

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultations.duties import engine
from consultations.duties.engine import day_start
from consultations.duties.models import AppliesTo, Duty
from consultations.models import Meeting
from units.models import AdministrativeUnit, Agency, Level, is_agency

from .families import Family

K = Meeting.Kind
# (count name, kinds counted, label)
LAW_KINDS = (
    ("dialogue", (K.DIALOGUE,), gettext_lazy("Hội nghị đối thoại giữa UBND xã với Nhân dân (Điều 32)")),
    ("village_conference", (K.VILLAGE_CONFERENCE,), gettext_lazy("Hội nghị định kỳ cuối năm của thôn, tổ dân phố (Điều 33)")),
    ("staff_conference", (K.STAFF_CONFERENCE, K.DELEGATE_CONFERENCE), gettext_lazy("Hội nghị cán bộ, công chức, viên chức, người lao động (Điều 51)")),
    ("resolution_check", (K.RESOLUTION_CHECK,), gettext_lazy("Kiểm tra thực hiện nghị quyết hội nghị cán bộ (Điều 52 khoản 3)")),
    ("workplace_dialogue", (K.WORKPLACE_DIALOGUE,), gettext_lazy("Đối thoại tại nơi làm việc")),
)  # fmt: skip
OTHER_KINDS = (
    ("briefing", (K.BRIEFING,), gettext_lazy("Hội nghị quán triệt, phổ biến")),
    ("training", (K.TRAINING,), gettext_lazy("Tập huấn, bồi dưỡng")),
    ("review", (K.REVIEW,), gettext_lazy("Hội nghị sơ kết, tổng kết")),
    ("inspection_board", (K.INSPECTION_BOARD,), gettext_lazy("Họp Ban Thanh tra nhân dân")),
    ("other", (K.OTHER,), gettext_lazy("Cuộc họp khác")),
)


def _kind_parts(kinds):
    def parts(scope):
        start, end = scope.period.bounds()
        every = [k for _name, ks, _label in kinds for k in ks]
        held = Meeting.objects.filter(
            state=Meeting.State.HELD, kind__in=every, held_at__gte=start, held_at__lt=end
        )
        counts = {name: Count("held_at", filter=Q(kind__in=ks)) for name, ks, _label in kinds}
        counts["people"] = Coalesce(Sum("present"), 0)
        return [(rows, counts) for rows in scope.by_commune(held)]

    return parts


def section(figures: dict, internal):
    return _section(figures, internal)


MEETINGS_LAW = Family(
    "meetings_law", (*(name for name, *_r in LAW_KINDS), "people"), _kind_parts(LAW_KINDS), section=section
)
MEETINGS_OTHER = Family(
    "meetings_other", (*(name for name, *_r in OTHER_KINDS), "people"), _kind_parts(OTHER_KINDS)
)


# --- One family per yearly duty ------------------------------------------------------------------

_loaded: dict = {}


def _duties(scope) -> dict[str, Duty]:
    """The active duties, read once per Scope (one figures.compute call)."""
    if _loaded.get("scope") is not scope:
        _loaded.clear()
        _loaded["scope"] = scope
        _loaded["duties"] = {d.code: d for d in Duty.objects.filter(active=True)}
    return _loaded["duties"]


def _in(field, ids) -> dict:
    """As figures._in: a subquery for a queryset, one array parameter for a list (`__any` exists on
    foreign keys only; a primary key takes `__in`)."""
    if isinstance(ids, QuerySet) or field == "pk":
        return {f"{field}__in": ids}
    return {f"{field}__any": ids}


NULL = Value(None, output_field=IntegerField())


def _duty_parts(code):
    def parts(scope):
        duty = _duties(scope).get(code)
        if duty is None:
            return []
        result = []
        for year in range(scope.period.start.year, scope.period.end.year + 1):
            for _key, opens, due in duty.windows(year):
                if not scope.period.start <= due <= scope.period.end:
                    continue
                held = Meeting.objects.filter(
                    state=Meeting.State.HELD, kind__in=duty.kind_list,
                    held_at__gte=day_start(opens), held_at__lt=day_start(due + dt.timedelta(days=1)),
                )  # fmt: skip
                if duty.applies_to == AppliesTo.AGENCY:
                    owners = Agency.objects.filter(**_in("pk", scope.agencies)).values_list(NULL, "pk")
                    done = Q(Exists(held.filter(agency=OuterRef("pk"))))
                elif duty.applies_to == AppliesTo.VILLAGE:
                    owners = (
                        AdministrativeUnit.objects.current(due)
                        .filter(**_in("parent", scope.communes), level=Level.VILLAGE)
                        .values_list("parent_id", NULL)
                    )
                    done = Q(Exists(held.filter(unit=OuterRef("pk"))))
                else:
                    owners = AdministrativeUnit.objects.filter(**_in("pk", scope.communes)).values_list(
                        "pk", NULL
                    )
                    done = Q(Exists(held.filter(unit=OuterRef("pk"))))
                owed = Count("pk") if due < scope.today else Count("pk", filter=done)
                result.append((owners, {"owed": owed, "done": Count("pk", filter=done)}))
        return result

    return parts


DUTY_LABELS = {
    "dialogue": gettext_lazy("Đối thoại với Nhân dân (Điều 32)"),
    "village_conference": gettext_lazy("Hội nghị cuối năm của thôn (Điều 33)"),
    "staff_conference": gettext_lazy("Hội nghị cán bộ, công chức (Điều 51)"),
    "resolution_check": gettext_lazy("Kiểm tra nghị quyết 6 tháng (Điều 52)"),
}


def _duty_shortfalls(code, label):
    """The owners (the commune, its villages, or the agency) that missed the duty in a window whose due
    day falls in the period and has passed, as the family counts them; each links to its duties page."""

    def shortfalls(owner, period, today, row):
        from .shortfalls import Shortfall, _fmt

        key = f"duty_{code}"
        found = Shortfall(key, str(label), row.indicator.get(key))
        duty = Duty.objects.filter(code=code, active=True).first()
        if duty is None:
            return [found]
        if is_agency(owner):
            owners = [owner] if engine.applies(duty, owner) else []
        else:
            owners = engine.owners_for(owner, duty) if duty.applies_to != AppliesTo.AGENCY else []
        years = range(period.start.year, period.end.year + 1)
        for s in engine.statuses([(duty, o) for o in owners], years, today=today):
            if s.status != engine.OVERDUE or not period.start <= s.due <= period.end:
                continue
            if is_agency(s.owner):
                url = reverse("duties:agency_duties", args=[s.owner.code])
            else:
                url = reverse("duties:unit_duties", args=[owner.code])
            found.items.append(
                {
                    "title": f"{s.owner.name}: {duty.name}",
                    "url": url,
                    "facts": [
                        (_("Kỳ"), s.period_label),
                        (_("Thời hạn"), f"{_fmt(s.opens)} – {_fmt(s.due)}"),
                        (_("Căn cứ"), duty.article),
                    ],
                }
            )
        return [found]

    return shortfalls


DUTY_FAMILIES = [
    Family(
        f"duty_{code}",
        ("owed", "done"),
        _duty_parts(code),
        indicators=((f"duty_{code}", label, "done", "owed"),),
        shortfalls=_duty_shortfalls(code, label),
    )
    for code, label in DUTY_LABELS.items()
]


def _section(figures: dict, internal):
    """The report's section of meetings: held by kind with the people reached, and the yearly duties."""
    from .labels import Line

    law, other = figures.get("meetings_law", {}), figures.get("meetings_other", {})
    lines = [
        Line(_("Số cuộc họp, hội nghị theo quy định đã tổ chức"), sum(law.get(n, 0) for n, *_r in LAW_KINDS)),
        *(Line(str(label), law.get(name, 0), True) for name, _ks, label in LAW_KINDS),
        Line(_("Số người dự các cuộc họp, hội nghị trên"), law.get("people", 0)),
        Line(_("Số hội nghị quán triệt, tập huấn, sơ kết và cuộc họp khác"), sum(other.get(n, 0) for n, *_r in OTHER_KINDS)),
        *(Line(str(label), other.get(name, 0), True) for name, _ks, label in OTHER_KINDS),
        Line(_("Số người dự (lượt người được phổ biến, tập huấn…)"), other.get("people", 0)),
    ]  # fmt: skip
    for code, label in DUTY_LABELS.items():
        duty = figures.get(f"duty_{code}", {})
        if duty.get("owed"):
            lines.append(Line(_("%(duty)s: số phải thực hiện (đã đến hạn)") % {"duty": label}, duty["owed"]))
            lines.append(Line(_("Đã thực hiện"), duty.get("done", 0), True))
    return _("Hội nghị, cuộc họp và nhiệm vụ hằng năm"), lines
