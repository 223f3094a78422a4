"""Who may see and change a petition. Every staff view goes through here; no view checks a role itself.

A petition is never public as such: its sender's text and contact are for the commune's (or agency's)
own people and those overseeing them; others get 404. The public page shows only what the clerk has
confirmed (`Petition.objects.published()`). Writes need an editing role (403 for read-only roles).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from units.access import (
    Allowed,
    belongs,
    get_agency_for_user,
    get_unit_for_user,
    owned_filter,
    roles_for_owned,
)
from units.models import Level

from .models import Petition


class PetitionAccess(Allowed):
    @property
    def petition(self) -> Petition:
        return self.obj


def get_petition_for_user(request, pk, *, write: bool = False) -> PetitionAccess:
    petition = (
        Petition.objects.select_related(
            "unit__parent__parent__parent", "agency__unit__parent__parent__parent"
        )
        .filter(pk=pk)
        .first()
    )
    if petition is None:
        raise Http404
    found = PetitionAccess(petition, frozenset(roles_for_owned(request, petition)))
    if not found.roles:
        raise Http404
    if write and not found.can_edit:
        raise PermissionDenied
    return found


def inbox_filter(request):
    """A filter on Petition (and BoxOpening) for the inboxes the user may read."""
    return owned_filter(request)


def get_inbox_owner(request, code, *, agency: bool = False, write: bool = True):
    """The commune (only a commune-level unit keeps an inbox) or the agency: 404 if unknown or hidden,
    403 without an editing role when `write`."""
    if agency:
        owner, _roles = get_agency_for_user(request, code, write=write)
        return owner
    unit, _roles = get_unit_for_user(request, code, write=write)
    if unit.level != Level.COMMUNE:
        raise Http404
    return unit


def get_agency_for_sender(request, code):
    """An agency's internal inbox, for one of its own people sending a petition (403 for those who only
    oversee it: they are not its staff)."""
    agency, roles = get_agency_for_user(request, code)
    if not belongs(roles):
        raise PermissionDenied
    return agency
