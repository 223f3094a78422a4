"""The dashboard's family of the fixes required by checks of the level above (reports/families.py): the
fixes whose deadline fell in the period, counted for the unit checked; due once answered or once the
deadline has passed; answered on time when answered by the deadline; overdue when not answered and past
it. Its indicator (fixes answered on time of those due) reaches the dashboard, the unit reports, the
roll-ups and the annual grading like every other."""

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from ..families import Family


def fix_parts(scope):
    from .models import CheckFix  # the app's models load after reports.families is first imported

    answered = Q(answered_on__isnull=False)
    fixes = CheckFix.objects.filter(due_on__gte=scope.period.start, due_on__lte=scope.period.end)
    counts = {
        "due": Count("due_on", filter=answered | Q(due_on__lt=scope.today)),
        "answered_on_time": Count("due_on", filter=answered & Q(answered_on__lte=F("due_on"))),
        "overdue": Count("due_on", filter=Q(answered_on__isnull=True, due_on__lt=scope.today)),
    }
    return [(rows, counts) for rows in scope.by_commune(fixes, prefix="visit__")]


FIXES = Family(
    "check_fixes",
    ("due", "answered_on_time", "overdue"),
    fix_parts,
    indicators=(("check_fixes", _("Khắc phục sau kiểm tra đúng hạn"), "answered_on_time", "due"),),
)
