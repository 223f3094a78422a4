"""Every write to consultations, decisions and recommendations: one function each, one transaction,
one audit row (`democracy.audit`) per act written in that transaction, so a failed write leaves none.

State changes are compare-and-set, so a form sent twice or two jobs at once change a row once.
Errors are django ValidationErrors with translatable Vietnamese messages, keyed by field where there is
one. Meetings are written by `record_meeting` (actions/meetings.py).
"""

from ._common import is_agency, scope_of
from .consultations import (
    add_comment,
    attach_documents,
    close_due_consultations,
    create_consultation,
    hide_comment,
    open_consultation,
    opening_period,
    publish_results,
    respond,
    unanswered,
)
from .decisions import (
    AGENCY_METHODS,
    COMMUNE_METHODS,
    cast_vote,
    count_online_votes,
    create_decision,
    mark_sent,
    open_online_vote,
    receipt_recorded,
    recognise,
    record_tally,
)
from .meetings import record_meeting
from .recommendations import RECOMMENDATION_ANSWER_DAYS, answer_recommendation, make_recommendation

__all__ = [
    "record_meeting",
    "AGENCY_METHODS",
    "COMMUNE_METHODS",
    "RECOMMENDATION_ANSWER_DAYS",
    "add_comment",
    "answer_recommendation",
    "attach_documents",
    "cast_vote",
    "close_due_consultations",
    "count_online_votes",
    "create_consultation",
    "create_decision",
    "hide_comment",
    "is_agency",
    "make_recommendation",
    "mark_sent",
    "open_consultation",
    "opening_period",
    "open_online_vote",
    "publish_results",
    "receipt_recorded",
    "recognise",
    "record_tally",
    "respond",
    "scope_of",
    "unanswered",
]
