"""What followers are told, written once as an `Event`, from the signals of the write functions
(`receivers.py`) and the closing-soon scan (a job). Each event has a key; writing the same key twice
(a signal sent again, the scan run twice) finds the first event and queues nothing more.

An agency's records are internal: they never make an event for followers (their staff are told by
`staff.py` instead), except a consultation its head posted on its commune's board, which the board's
followers hear of as of a commune's.
"""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from consultations.models import Consultation, ConsultationState, Decision, DecisionState
from disclosures.models import Disclosure, State
from disclosures.notifications import DAYS_BEFORE_CLOSING

from . import targets
from .models import Event, EventKind


def _text(text: str, limit: int = 600) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def note(kind: str, *, key: str, target, board=None, title: str, detail: str = "", path: str,
         closes_at=None, unit_name: str = "", happened_at=None) -> Event | None:  # fmt: skip
    """Write the event `key` once and, after the commit, queue its delivery. None if it existed."""
    from . import tasks

    try:
        with transaction.atomic():
            event = Event.objects.create(
                kind=kind, key=key[:120], target_type=ContentType.objects.get_for_model(target),
                target_id=target.pk, board=board, title=_text(title, 300), detail=_text(detail, 4000),
                path=path, closes_at=closes_at, unit_name=unit_name[:255],
                happened_at=happened_at or timezone.now(),
            )  # fmt: skip
    except IntegrityError:
        return None
    transaction.on_commit(tasks.dispatch.delay)
    return event


def _vi(fn):
    """The texts kept with an event are Vietnamese (the sources' language); mails translate the labels."""
    with override("vi"):
        return fn()


def posting_opened(disclosure: Disclosure) -> Event | None:
    if disclosure.is_internal or disclosure.state != State.PUBLISHED:
        return None
    board = targets.commune_of(disclosure.unit)
    return note(
        EventKind.POSTING_OPENED, key=f"posting_opened:{disclosure.pk}", target=board, board=board,
        title=disclosure.title, detail=disclosure.summary, path=_path("disclosures:detail", disclosure.pk),
        closes_at=disclosure.window_ends_at, unit_name=board.name, happened_at=disclosure.published_at,
    )  # fmt: skip


def note_closing_postings(*, now: dt.datetime | None = None) -> int:
    """The public postings whose window ends within DAYS_BEFORE_CLOSING days: one event each (once).
    Run by a job; returns how many events it wrote."""
    now = now or timezone.now()
    due = (
        Disclosure.objects.public()
        .filter(
            state=State.PUBLISHED,
            window_ends_at__gte=now,
            window_ends_at__lte=now + dt.timedelta(days=DAYS_BEFORE_CLOSING),
        )
        .select_related("unit__parent")
        .only("pk", "title", "summary", "window_ends_at", "unit__name", "unit__level", "unit__parent")
    )
    keys = {f"posting_closing:{d.pk}": d for d in due}
    known = set(Event.objects.filter(key__in=list(keys)).values_list("key", flat=True))
    written = 0
    for key, disclosure in keys.items():
        if key in known:
            continue
        board = targets.commune_of(disclosure.unit)
        written += bool(
            note(
                EventKind.POSTING_CLOSING,
                key=key,
                target=board,
                board=board,
                title=disclosure.title,
                detail=disclosure.summary,
                path=_path("disclosures:detail", disclosure.pk),
                closes_at=disclosure.window_ends_at,
                unit_name=board.name,
                happened_at=now,
            )  # fmt: skip
        )
    return written


def consultation_opened(consultation: Consultation) -> Event | None:
    """A consultation opened on a commune's board: a commune's, or an agency's posted on it."""
    if not consultation.is_shown_publicly:
        return None
    board = targets.commune_of(consultation.board_unit)
    return note(
        EventKind.CONSULTATION_OPENED, key=f"consultation_opened:{consultation.pk}", target=consultation,
        board=board, title=consultation.title, detail=consultation.purpose or consultation.content,
        path=_path("consultations:detail", consultation.pk), closes_at=consultation.ends_at,
        unit_name=board.name, happened_at=consultation.opened_at,
    )  # fmt: skip


def consultation_closed(consultation: Consultation) -> Event | None:
    if not consultation.is_shown_publicly or consultation.state == ConsultationState.DRAFT:
        return None
    board = targets.commune_of(consultation.board_unit)
    count = consultation.comments.filter(hidden_at=None).count()
    return note(
        EventKind.CONSULTATION_CLOSED, key=f"consultation_closed:{consultation.pk}", target=consultation,
        title=consultation.title,
        detail=_vi(lambda: _("Đã nhận %(n)s ý kiến. Kết quả sẽ được công khai sau khi tổng hợp.") % {"n": count}),
        path=_path("consultations:detail", consultation.pk), closes_at=consultation.ends_at,
        unit_name=board.name, happened_at=consultation.closed_at,
    )  # fmt: skip


def results_published(consultation: Consultation) -> Event | None:
    if not consultation.is_shown_publicly:
        return None
    board = targets.commune_of(consultation.board_unit)
    return note(
        EventKind.CONSULTATION_RESULTS, key=f"consultation_results:{consultation.pk}", target=consultation,
        board=board, title=consultation.title, detail=consultation.result_summary,
        path=_path("consultations:detail", consultation.pk), unit_name=board.name,
        happened_at=consultation.results_published_at,
    )  # fmt: skip


def _outcome(decision: Decision) -> str:
    if decision.state == DecisionState.RECOGNISED:
        return _("Đã được công nhận ngày %(day)s.") % {"day": f"{decision.recognised_on:%d/%m/%Y}"}
    if decision.state == DecisionState.REFUSED:
        return _("Không được công nhận ngày %(day)s. Lý do: %(reason)s") % {
            "day": f"{decision.recognised_on:%d/%m/%Y}",
            "reason": decision.refusal_reason,
        }
    return _("%(outcome)s: %(agree)s tán thành, %(disagree)s không tán thành, %(other)s ý kiến khác.") % {
        "outcome": decision.get_outcome_display(),
        "agree": decision.agree or 0,
        "disagree": decision.disagree or 0,
        "other": decision.other or 0,
    }


def decision_result(decision: Decision) -> Event | None:
    if decision.is_internal or decision.state not in (
        DecisionState.TALLIED, DecisionState.RECOGNISED, DecisionState.REFUSED
    ):  # fmt: skip
        return None
    board = targets.commune_of(decision.unit)
    final = decision.state != DecisionState.TALLIED
    kind = EventKind.DECISION_RECOGNITION if final else EventKind.DECISION_RESULT
    return note(
        kind, key=f"{kind}:{decision.pk}", target=decision, board=board, title=decision.title,
        detail=_vi(lambda: _outcome(decision)), path=_path("consultations:decision_public", decision.pk),
        unit_name=decision.unit.name,
    )  # fmt: skip


def answered(obj, *, text: str, at) -> Event | None:
    """An answer to a follower's own question, comment (or petition, once registered): the followers of
    that one object are told, with the answer's text. A corrected answer is a new event (its time)."""
    target = targets.for_object(obj)
    if target is None:
        return None
    stamp = int(at.timestamp()) if at else 0
    return note(
        EventKind.ANSWERED, key=f"answered:{target.kind}:{obj.pk}:{stamp}", target=obj,
        title=_vi(lambda: target.title(obj)), detail=text, path=target.path(obj), happened_at=at,
    )  # fmt: skip


def _path(name: str, pk: int) -> str:
    from django.urls import reverse

    return reverse(name, args=[pk])
