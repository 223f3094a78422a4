"""Reminders to the lead body's clerks and approvers: before a task's due date and once it is overdue,
each sent once per task and due date (a periodic or ongoing task is reminded again for its next date).

Due and not yet sent, never "due today": a reminder missed while the worker was down is sent on the next
run (within CATCH_UP_DAYS). The notice key is claimed before sending (`democracy.notify.send_once`), so
a second run, or two workers at once, send nothing more."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from democracy.notify import absolute, already_sent, send_once
from units.recipients import editors_of

from .models import OPEN_STATUSES, State, Task

DAYS_BEFORE = 7
CATCH_UP_DAYS = 30


def before_key(task) -> str:
    return f"plan-task-due:{task.pk}:{task.due_on:%Y%m%d}"


def after_key(task) -> str:
    return f"plan-task-overdue:{task.pk}:{task.due_on:%Y%m%d}"


def send_due_reminders(today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    open_tasks = Task.objects.filter(plan__state=State.ISSUED, status__in=OPEN_STATUSES).select_related(
        "plan__unit", "plan__agency", "lead_unit", "lead_agency"
    )
    soon = open_tasks.filter(due_on__gte=today, due_on__lte=today + dt.timedelta(days=DAYS_BEFORE))
    late = open_tasks.filter(due_on__lt=today, due_on__gte=today - dt.timedelta(days=CATCH_UP_DAYS))
    return _send(list(soon), before_key, today, late=False) + _send(list(late), after_key, today, late=True)


def _send(tasks, key, today, *, late) -> int:
    sent_before = already_sent(key(t) for t in tasks)
    sent = 0
    for task in tasks:
        if key(task) in sent_before:
            continue
        owner = task.lead_owner or task.plan.owner
        context = {
            "task": f"{task.code}. {task.heading}",
            "plan": str(task.plan),
            "owner": str(owner),
            "due": f"{task.due_on:%d/%m/%Y}",
            "explanation": task.due_explanation,
            "late": late,
            "days": (today - task.due_on).days if late else (task.due_on - today).days,
            "url": absolute(reverse("plans:task", args=[task.pk])),
        }
        if late:
            subject = _("Nhiệm vụ quá hạn: %(task)s") % {"task": task.code}
        else:
            subject = _("Sắp đến hạn nhiệm vụ: %(task)s") % {"task": task.code}
        if send_once(key(task), subject, "plans/email/reminder.txt", context, editors_of(owner)):
            sent += 1
    return sent
