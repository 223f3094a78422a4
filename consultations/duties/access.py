"""Who may see and change a stand-alone meeting (units.access rules): the people holding a role on its
unit (a commune's also on its villages') or its agency; outsiders get 404, read-only roles 403 on writes.
A public meeting of a commune or a village is also shown to everyone on the commune's calendar."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from consultations.models import Meeting
from units.access import Allowed, roles_for_owned


def get_meeting_for_user(request, pk, *, write: bool = False) -> Allowed:
    meeting = (
        Meeting.objects.select_related("unit__parent__parent__parent", "agency__unit__parent__parent")
        .filter(pk=pk, consultation__isnull=True, decision__isnull=True)
        .first()
    )
    if meeting is None:
        raise Http404
    roles = roles_for_owned(request, meeting)
    if not roles:
        raise Http404
    if write and not any(r.can_edit for r in roles):
        raise PermissionDenied
    return Allowed(meeting, frozenset(roles))


def is_public(meeting) -> bool:
    """On the commune's public calendar: a unit's (never an agency's) meeting marked public, not
    cancelled."""
    return (
        meeting.public
        and meeting.agency_id is None
        and meeting.state != Meeting.State.CANCELLED
        and meeting.consultation_id is None
        and meeting.decision_id is None
    )
