"""A village convention's steps under Decree 61/2023/NĐ-CP with their computed deadlines. The day
counts and their articles are data (`ConventionStep`, loaded by migration 0002 and edited in the
admin); each deadline explains itself (`democracy.calendar.ComputedDate`)."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from democracy.calendar import add_working_days, period_end

from .models import ConventionStep, Regulation


@dataclass(frozen=True)
class Step:
    label: str
    article: str
    due: dt.date | None  # the deadline (or, for the draft's posting, the earliest day of the decision)
    explanation: str
    done_on: dt.date | None
    earliest: bool = False  # "not before" rather than "at the latest"

    @property
    def status(self) -> str:
        if self.due is None:
            return "unknown"
        if self.done_on is None:
            return "pending"
        if self.earliest:
            return "ok" if self.done_on >= self.due else "early"
        return "ok" if self.done_on <= self.due else "late"


def _computed(step: ConventionStep, start: dt.date | None, event: str):
    if start is None or step.count is None:
        return None
    if step.unit == ConventionStep.Unit.WORKING_DAYS:
        return add_working_days(start, step.count, event=event)
    return period_end(start, step.count, extend_to_working_day=False, label=event)


def steps_of(regulation: Regulation, *, today: dt.date | None = None) -> list[Step]:
    """The steps of a hương ước or quy ước, from what the register knows of it: the draft's posting day,
    the community's decision (its date), the dossier sent, the recognition (the register's issue date),
    the text sent back, and the next annual review."""
    today = today or timezone.localdate()
    decided = regulation.decision.decided_on if regulation.decision_id else regulation.decided_on
    actual = {
        "draft_posted": (regulation.draft_posted_on, None),
        "community_decision": (decided, regulation.draft_posted_on),
        "dossier_sent": (regulation.dossier_sent_on, decided),
        "recognition": (regulation.issued_on, regulation.dossier_sent_on),
        "sending": (regulation.sent_on, regulation.issued_on),
    }
    steps = []
    for step in ConventionStep.objects.all():
        if step.unit == ConventionStep.Unit.YEARLY:
            review = dt.date(today.year, step.month, step.day)
            if review < today:
                review = dt.date(today.year + 1, step.month, step.day)
            steps.append(Step(step.label, step.article, review, f"{step.after} {review:%d/%m/%Y}", None))
            continue
        done_on, start = actual.get(step.code, (None, None))
        if step.code == "draft_posted":
            steps.append(Step(step.label, step.article, done_on, step.after, done_on))
            continue
        computed = _computed(step, start, step.after)
        steps.append(
            Step(
                step.label, step.article, computed.date if computed else None,
                computed.explanation if computed else step.after, done_on,
                earliest=step.code == "community_decision",
            )
        )  # fmt: skip
    return steps


def next_annual_review(after: dt.date) -> dt.date | None:
    """The first yearly review day (Decree 61 Art. 15: 18/11, as the data says) after `after`."""
    step = ConventionStep.objects.filter(unit=ConventionStep.Unit.YEARLY).order_by("order").first()
    if step is None or not step.day or not step.month:
        return None
    review = dt.date(after.year, step.month, step.day)
    return review if review > after else dt.date(after.year + 1, step.month, step.day)
