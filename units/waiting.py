"""What is waiting for the signed-in staff member, on the staff home page: drafts returned, items to
approve, questions and comments to answer, decisions to send or recognise, reports to sign.

Each app above `units` registers a provider in its AppConfig.ready (a lower layer never imports a higher
one); a provider takes the request and returns `Waiting` lines, each counted over the units and agencies
where the person holds a role that does that work (never a reviewer's whole province)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q

from .access import access_for


@dataclass(frozen=True)
class Waiting:
    label: str
    count: int
    url: str


_providers: list[Callable] = []


def register(provider: Callable) -> Callable:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def waiting_for(request) -> list[Waiting]:
    if not request.user.is_authenticated:
        return []
    return [line for provider in _providers for line in provider(request) if line.count]


def owned_where(request, *, approve: bool = False) -> Q | None:
    """A filter on an owned model (`unit`, `agency`) for the rows of the communes (and their villages) and
    agencies where the person may edit (or, with `approve`, approve); None where there are none."""
    q = None
    for m in access_for(request).memberships:
        role = m.role_enum
        if not (role.can_approve if approve else role.can_edit) or not (m.unit_id or m.agency_id):
            continue
        part = (
            Q(agency_id=m.agency_id) if m.agency_id else Q(unit_id=m.unit_id) | Q(unit__parent_id=m.unit_id)
        )
        q = part if q is None else q | part
    return q
