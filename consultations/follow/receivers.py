"""The follow app listens to the write functions' signals (connected in `FollowConfig.ready`)."""

from django.db import transaction

from . import events, staff


def disclosure_published(sender, *, disclosure, **kwargs):
    """`disclosures.signals.published`, sent inside the publishing transaction: the event is written in
    it too (and rolls back with it); an agency's internal posting tells its staff after the commit."""
    if disclosure.is_internal:
        transaction.on_commit(lambda: staff.queue("disclosure", disclosure.pk))
    else:
        events.posting_opened(disclosure)


def feedback_answered(sender, *, feedback, **kwargs):
    events.answered(feedback, text=feedback.answer, at=feedback.answered_at)


def comment_responded(sender, *, comment, **kwargs):
    events.answered(comment, text=comment.response, at=comment.responded_at)


def consultation_opened(sender, *, consultation, **kwargs):
    """An agency's consultation tells its staff; one posted on its commune's board also the board's
    followers, as a commune's does."""
    if consultation.is_internal:
        staff.queue("consultation", consultation.pk)
    if consultation.is_shown_publicly:
        events.consultation_opened(consultation)


def consultation_posted_on_board(sender, *, consultation, **kwargs):
    """An agency's open consultation posted on its commune's board: the board's followers hear of it."""
    events.consultation_opened(consultation)


def consultation_closed(sender, *, consultation_ids, **kwargs):
    from consultations.models import PUBLICLY_SHOWN, Consultation

    for consultation in Consultation.objects.filter(PUBLICLY_SHOWN, pk__in=consultation_ids).select_related(
        "unit__parent", "board"
    ):
        events.consultation_closed(consultation)


def results_published(sender, *, consultation, **kwargs):
    events.results_published(consultation)


def decision_result(sender, *, decision, **kwargs):
    events.decision_result(decision)


def petition_answered(sender, *, petition, **kwargs):
    """A petition answered (or declined as outside scope, or forwarded): its sender hears if they follow it."""
    if petition.agency_id is None:
        events.answered(petition, text=petition.answer, at=petition.handled_at)
