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
    respond,
    results_approved,
    results_made_public,
    submit_results,
    unanswered,
)
from .decisions import (
    AGENCY_METHODS,
    COMMUNE_METHODS,
    MANUAL_TALLY_METHODS,
    attendance_too_low,
    cast_vote,
    check_manual_tally,
    count_online_votes,
    create_decision,
    mark_sent,
    open_online_vote,
    receipt_recorded,
    recognise,
    record_tally,
)
from .meetings import (
    attach_meeting_files,
    cancel_meeting,
    kind_rule,
    kinds_for,
    latest_notice_day,
    record_meeting,
    record_minutes,
    record_report,
    schedule_meeting,
)
from .recommendations import answer_basis, answer_days, answer_recommendation, make_recommendation

__all__ = [
    "attendance_too_low",
    "record_meeting",
    "attach_meeting_files",
    "cancel_meeting",
    "kind_rule",
    "kinds_for",
    "latest_notice_day",
    "record_minutes",
    "record_report",
    "schedule_meeting",
    "AGENCY_METHODS",
    "COMMUNE_METHODS",
    "MANUAL_TALLY_METHODS",
    "add_comment",
    "answer_basis",
    "answer_days",
    "answer_recommendation",
    "attach_documents",
    "cast_vote",
    "check_manual_tally",
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
    "receipt_recorded",
    "recognise",
    "record_tally",
    "respond",
    "results_approved",
    "results_made_public",
    "submit_results",
    "scope_of",
    "unanswered",
]
