"""The plans' figures on the compliance dashboard (reports/families.py): per commune or agency, the
tasks it has to carry out that are due in the period, those done on time and those overdue today; and the
plans its superiors asked of it (a plan giving it a task, with a deadline for the plans below in the
period) against those it issued by that deadline. Overdue is counted from the due date and the last
status, never stored.

The tasks a unit has to carry out: those of its own issued plans, and those it leads in another body's
issued plan (its superior's: "UBND các xã tổ chức …") that it has not copied into an issued plan of its
own. Once copied, the child task in its plan is the one it reports on and counted there: each duty counts
once, and a commune that never makes its plan still answers for the tasks the province gave it."""

from django.db.models import Count, Exists, F, OuterRef, Q
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
    # Tasks it leads in another body's plan, not copied into an issued plan of its own (the child task).
    copied = Task.objects.filter(parent=OuterRef("pk"), plan__state=State.ISSUED).filter(
        Q(plan__unit_id=OuterRef("lead_unit_id")) | Q(plan__agency_id=OuterRef("lead_agency_id"))
    )
    own_plan = Q(lead_unit__isnull=False, plan__unit_id=F("lead_unit_id")) | Q(
        lead_agency__isnull=False, plan__agency_id=F("lead_agency_id")
    )
    led = due.exclude(own_plan).filter(~Exists(copied))
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
        (scope.own(led, prefix="lead_"), task_counts),
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
