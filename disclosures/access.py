"""Who may see and change a disclosure. Every view, feed, search and API endpoint goes through here.

A commune's published disclosures are public. Everything else (drafts, submissions, and every
agency disclosure, which is internal under Art. 46) is visible only to people with a role on its
unit or agency (reviewers above included); others get 404. Writes need an editing role (403).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from units.access import owned_filter, roles_for_owned
from units.models import Role

from .models import PUBLIC_STATES, Disclosure


def visible_filter(request) -> Q:
    """A filter on Disclosure for everything the request's user may read."""
    return Q(agency__isnull=True, state__in=PUBLIC_STATES) | owned_filter(request)


def roles_for(request, disclosure) -> set[Role]:
    return roles_for_owned(request, disclosure)


def get_disclosure_for_user(request, pk, *, write: bool = False) -> tuple[Disclosure, set[Role]]:
    """The disclosure as the request's user may use it: 404 if they may not see it, 403 on a write
    without an editing role."""
    disclosure = (
        Disclosure.objects.select_related("item", "unit__parent__parent", "agency__unit__parent__parent")
        .filter(pk=pk)
        .first()
    )
    if disclosure is None:
        raise Http404
    roles = roles_for(request, disclosure) if request.user.is_authenticated else set()
    public = not disclosure.is_internal and disclosure.state in PUBLIC_STATES
    if not roles and not public:
        raise Http404
    if write and not any(r.can_edit for r in roles):
        raise PermissionDenied
    return disclosure, roles
