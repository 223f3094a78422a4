"""Who may see and change consultations, decisions, meetings and recommendations. Every view and API
endpoint goes through these accessors (the same rule as disclosures/access.py), and no view checks a
role itself: an accessor returns the object with what the user may do with it (`Allowed`).

Public: a commune's consultations once opened, its decisions once tallied, never agencies' (internal,
Art. 53/49: the agency's staff and the reviewers above it) except an agency's consultation its head
posted on its commune's board (`actions.post_on_board`), public once opened like a commune's and while
the posting is not withdrawn; nothing else of an agency. Recommendations are read by the unit's
people (clerks, approvers, the inspection board, reviewers). Outsiders get 404; writes need an editing
role (403), recognition an approving one, and recommendations are written by inspection-board members.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from units import access as units_access
from units.access import belongs, get_agency_for_user, get_unit_for_user, owned_filter, roles_for_owned
from units.models import Level, Role

from .models import (
    PUBLICLY_SHOWN,
    Consultation,
    ConsultationState,
    Decision,
    DecisionState,
    Meeting,
    Recommendation,
)

PUBLIC_DECISION_STATES = (
    DecisionState.TALLIED,
    DecisionState.SENT,
    DecisionState.RECOGNISED,
    DecisionState.REFUSED,
)
RECOMMENDING_ROLES = frozenset({Role.INSPECTOR, Role.ADMINISTRATOR})  # the inspection board (Art. 38, 61)


class Allowed(units_access.Allowed):
    """A consultation, decision, recommendation, unit or agency with what the request's user may do."""

    @property
    def can_answer(self) -> bool:
        """Answers a recommendation: the unit's clerks and approvers (Art. 40, 63)."""
        return self.can_edit

    @property
    def can_recommend(self) -> bool:
        return bool(self.roles & RECOMMENDING_ROLES)

    @property
    def can_comment(self) -> bool:
        """On a consultation: anyone on a commune's once published; on an agency's, only its own people
        (Art. 53), not the reviewers or administrators above it."""
        consultation = self.obj
        if consultation.is_shown_publicly:  # a commune's, or an agency's posted on its commune's board
            return True
        return consultation.is_internal and belongs(self.roles)


def is_public_consultation(consultation: Consultation) -> bool:
    return consultation.is_shown_publicly


def is_public_decision(decision: Decision) -> bool:
    return not decision.agency_id and decision.state in PUBLIC_DECISION_STATES


def visible_consultations(request) -> Q:
    return PUBLICLY_SHOWN & ~Q(state=ConsultationState.DRAFT) | owned_filter(request)


def visible_decisions(request) -> Q:
    return Q(agency__isnull=True, state__in=PUBLIC_DECISION_STATES) | owned_filter(request)


def _get(request, model, pk, *, public, write=False, staff=False) -> Allowed:
    """404 to outsiders (and, with `staff`, to anyone without a role: they read the public page), 403 on
    writes without an editing role."""
    related = ["unit__parent__parent", "agency__unit__parent"]
    if model is Consultation:
        related.append("board__parent")  # the commune an agency's consultation is posted on
    obj = model.objects.select_related(*related).filter(pk=pk).first()
    if obj is None:
        raise Http404
    allowed = Allowed(obj, frozenset(roles_for_owned(request, obj)))
    if not allowed.roles and (staff or write or not public(obj)):
        raise Http404
    if write and not allowed.can_edit:
        raise PermissionDenied
    return allowed


def get_consultation_for_user(request, pk, *, write=False, staff=False) -> Allowed:
    return _get(request, Consultation, pk, write=write, staff=staff, public=is_public_consultation)


def get_consultation_for_approving(request, pk) -> Allowed:
    """What the owner's head decides (a cycle held on paper entered, an agency's consultation posted on
    its commune's board): the owner's approver (403 for other staff, 404 outsiders)."""
    allowed = get_consultation_for_user(request, pk, write=True, staff=True)
    if not allowed.can_approve:
        raise PermissionDenied
    return allowed


def get_decision_for_user(request, pk, *, write=False, staff=False, approve=False) -> Allowed:
    """`approve`: recognising a decision needs an approving role (403 otherwise)."""
    allowed = _get(request, Decision, pk, write=write, staff=staff, public=is_public_decision)
    if approve and not allowed.can_approve:
        raise PermissionDenied
    return allowed


def get_published_decision(request, pk) -> Allowed:
    """The public page of a decision: once tallied for everyone, before that only for the unit's people."""
    allowed = get_decision_for_user(request, pk)
    if allowed.obj.state not in PUBLIC_DECISION_STATES and not allowed.roles:
        raise Http404
    return allowed


def get_recommendation_for_user(request, pk, *, answer=False) -> Allowed:
    """Read by the unit's people; answered by its clerks/approvers (an editing role)."""
    return _get(request, Recommendation, pk, write=answer, public=lambda r: False)


def get_meeting_for_user(request, pk) -> Meeting:
    """A meeting is read by whoever may read its consultation or decision; a free-standing meeting by
    the people holding a role on its unit or agency."""
    meeting = (
        Meeting.objects.select_related(
            "unit__parent__parent", "agency__unit__parent", "consultation", "decision"
        )
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404
    if meeting.consultation_id:
        get_consultation_for_user(request, meeting.consultation_id)
    elif meeting.decision_id:
        get_decision_for_user(request, meeting.decision_id)
    elif not roles_for_owned(request, meeting):
        raise Http404
    return meeting


# --- The owner pages: a commune's or an agency's lists and the forms that create --------------------


def get_owner_for_user(request, code, *, agency=False, levels=(Level.COMMUNE,), write=False) -> Allowed:
    """The unit (of one of `levels`, else 404) or the agency with `code`, for the owner pages."""
    if agency:
        owner, roles = get_agency_for_user(request, code, write=write)
    else:
        owner, roles = get_unit_for_user(request, code, write=write)
        if owner.level not in levels:
            raise Http404
    return Allowed(owner, frozenset(roles))


def get_owner_for_recommending(request, code, *, agency=False) -> Allowed:
    """Where an inspection-board member (or an administrator) writes a recommendation; 403 for others."""
    allowed = get_owner_for_user(request, code, agency=agency)
    if not allowed.can_recommend:
        raise PermissionDenied
    return allowed
