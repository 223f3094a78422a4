"""The plans' figures on the compliance dashboard (reports/families.py): per commune or agency, the
tasks of its own issued plans due in the period, those done on time and those overdue today; and the
plans its superiors asked of it (a plan giving it a task, with a deadline for the plans below in the
period) against those it issued by that deadline. Overdue is counted from the due date and the last
status, never stored."""

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from ..families import Family

COUNTS = ("due", "done_on_time", "overdue", "plans_expected", "plans_on_time")


def _zero():
    """A count that is always 0: the part's rows have nothing to say about this count."""
    return Count("pk", filter=Q(pk__isnull=True))


def parts(scope):
    from .models import OPEN_STATUSES, PUBLIC_STATES, State, Status, Task

    first, last = scope.period.start, scope.period.end
    due = Task.objects.filter(plan__state=State.ISSUED, due_on__gte=first, due_on__lte=last)
    task_counts = {
        "due": Count("pk"),
        "done_on_time": Count("pk", filter=Q(status=Status.DONE, done_on__lte=F("due_on"))),
        "overdue": Count("pk", filter=Q(status__in=OPEN_STATUSES, due_on__lt=scope.today)),
        "plans_expected": _zero(),
        "plans_on_time": _zero(),
    }
    asked = Task.objects.filter(
        plan__state__in=PUBLIC_STATES, plan__child_plan_due__gte=first, plan__child_plan_due__lte=last
    ).exclude(plan__state=State.CANCELLED)
    issued_in_time = Q(
        children__plan__state__in=[State.ISSUED, State.AMENDED],
        children__plan__issued_at__date__lte=F("plan__child_plan_due"),
    )
    plan_counts = {
        "due": _zero(),
        "done_on_time": _zero(),
        "overdue": _zero(),
        "plans_expected": Count("plan", distinct=True),
        "plans_on_time": Count("plan", distinct=True, filter=issued_in_time),
    }
    return [
        (scope.own(due, prefix="plan__"), task_counts),
        (scope.own(asked, prefix="lead_"), plan_counts),
    ]


def section(figures: dict, internal: bool) -> tuple:
    """The unit reports' "Kết quả thực hiện kế hoạch" (issue 10)."""
    plans = figures["plans"]
    return _("Kết quả thực hiện kế hoạch"), [
        (_("Số nhiệm vụ của kế hoạch đến hạn trong kỳ"), plans["due"], False),
        (_("Hoàn thành đúng hạn"), plans["done_on_time"], True),
        (_("Quá hạn chưa hoàn thành"), plans["overdue"], True),
        (_("Kế hoạch cấp trên yêu cầu ban hành trong kỳ"), plans["plans_expected"], False),
        (_("Đã ban hành đúng hạn"), plans["plans_on_time"], True),
    ]


PLANS = Family(
    "plans",
    COUNTS,
    parts,
    indicators=(
        ("plan_tasks", _("Nhiệm vụ kế hoạch hoàn thành đúng hạn"), "done_on_time", "due"),
        ("plans_issued", _("Kế hoạch ban hành đúng hạn cấp trên giao"), "plans_on_time", "plans_expected"),
    ),
    section=section,
)
