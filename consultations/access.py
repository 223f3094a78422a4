"""Who may see and change consultations, decisions and recommendations. Every view and API endpoint
goes through these accessors (the same rule as disclosures/access.py).

Public: a commune's consultations once opened, its decisions once tallied, never agencies' (internal,
Art. 53/49: the agency's staff and the reviewers above it). Recommendations are read by the unit's
people (clerks, approvers, the inspection board, reviewers). Outsiders get 404; writes need an editing
role (403), and recommendations are written by inspection-board members.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from units.access import owned_filter, roles_for_owned
from units.models import Role

from .models import Consultation, ConsultationState, Decision, DecisionState, Recommendation

PUBLIC_DECISION_STATES = (
    DecisionState.TALLIED,
    DecisionState.SENT,
    DecisionState.RECOGNISED,
    DecisionState.REFUSED,
)


def visible_consultations(request) -> Q:
    return Q(agency__isnull=True) & ~Q(state=ConsultationState.DRAFT) | owned_filter(request)


def visible_decisions(request) -> Q:
    return Q(agency__isnull=True, state__in=PUBLIC_DECISION_STATES) | owned_filter(request)


def visible_recommendations(request) -> Q:
    return owned_filter(request)


def _get(request, model, pk, *, public, write):
    obj = model.objects.select_related("unit__parent__parent", "agency__unit__parent").filter(pk=pk).first()
    if obj is None:
        raise Http404
    roles = roles_for_owned(request, obj)
    if not roles and not (public(obj) and not write):
        raise Http404
    if write and not any(r.can_edit for r in roles):
        raise PermissionDenied
    return obj, roles


def get_consultation_for_user(request, pk, *, write=False) -> tuple[Consultation, set[Role]]:
    return _get(
        request,
        Consultation,
        pk,
        write=write,
        public=lambda c: not c.agency_id and c.state != ConsultationState.DRAFT,
    )


def get_decision_for_user(request, pk, *, write=False) -> tuple[Decision, set[Role]]:
    return _get(
        request,
        Decision,
        pk,
        write=write,
        public=lambda d: not d.agency_id and d.state in PUBLIC_DECISION_STATES,
    )


def get_recommendation_for_user(request, pk, *, answer=False) -> tuple[Recommendation, set[Role]]:
    """Read by the unit's people; answered by its clerks/approvers (an editing role)."""
    return _get(request, Recommendation, pk, write=answer, public=lambda r: False)


def can_recommend(roles: set[Role]) -> bool:
    return bool(roles & {Role.INSPECTOR, Role.ADMINISTRATOR})
