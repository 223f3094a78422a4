"""The regulations family (reports.families): whether each commune and each agency has its democracy
regulation in force by the deadline a reviewer set (`regulations.ComplianceDeadline`, data edited in the
admin). Counted on the day the period ends (or today, if earlier): a commune counts once when the
deadline has passed by then, and is done when a regulation effective on or before the deadline is
still in force that day (not replaced)."""

import datetime as dt

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.utils.translation import gettext_lazy as _

from consultations.regulations.models import ComplianceDeadline, Regulation, RegulationKind
from units.models import AdministrativeUnit, Agency

from .families import Family, Scope


def _in_force(kind: str, day: dt.date, owner_field: str):
    due = ComplianceDeadline.objects.filter(kind=kind).values("due_on")[:1]
    return Exists(
        Regulation.objects.filter(
            **{owner_field: OuterRef("pk")}, kind=kind, effective_from__lte=Subquery(due)
        )
        .filter(effective_from__lte=day)
        .filter(Q(replaced_by__isnull=True) | Q(replaced_by__effective_from__gt=day))
    )


def _ids(values):
    return values if not isinstance(values, list | tuple) else list(values)


def parts(scope: Scope) -> list:
    day = min(scope.today, scope.period.end)
    none = Value(None, output_field=IntegerField())
    result = []
    for model, ids, kind, owner_field, columns in (
        (AdministrativeUnit, scope.communes, RegulationKind.COMMUNE_DEMOCRACY, "unit", ("id", none)),
        (Agency, scope.agencies, RegulationKind.AGENCY_DEMOCRACY, "agency", (none, "id")),
    ):
        due = Exists(ComplianceDeadline.objects.filter(kind=kind, due_on__lte=day))
        rows = model.objects.filter(pk__in=_ids(ids)).values_list(*columns)
        counts = {
            "required": Count("id", filter=Q(due)),
            "in_force": Count("id", filter=Q(due) & Q(_in_force(kind, day, owner_field))),
        }
        result.append((rows, counts))
    return result


REGULATIONS = Family(
    "regulations",
    ("required", "in_force"),
    parts,
    indicators=(("regulation", _("Có quy chế dân chủ có hiệu lực đúng hạn"), "in_force", "required"),),
)
