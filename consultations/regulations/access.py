"""Who may see and change the register. A commune's and its villages' rules are public (the citizen's
page of rules in force); an agency's are internal (Art. 46: its own staff and the reviewers above it).
Outsiders get 404 on anything not public, writes need an editing role (403), and entering a paper
cycle an approving one (403)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from consultations.access import (  # noqa: F401
    Allowed,
    get_consultation_for_approving,
    get_consultation_for_user,
    get_owner_for_user,
)
from units.access import roles_for_owned
from units.models import Level

from .models import DraftRecord, Regulation


def is_public_regulation(regulation: Regulation) -> bool:
    return regulation.agency_id is None


def get_regulation_for_user(request, pk, *, write=False) -> Allowed:
    regulation = (
        Regulation.objects.select_related(
            "unit__parent__parent",
            "agency__unit__parent",
            "replaced_by",
            "consultation",
            "decision",
            "disclosure",
        )
        .filter(pk=pk)
        .first()
    )
    if regulation is None:
        raise Http404
    allowed = Allowed(regulation, frozenset(roles_for_owned(request, regulation)))
    if not allowed.roles and (write or not is_public_regulation(regulation)):
        raise Http404
    if write and not allowed.can_edit:
        raise PermissionDenied
    return allowed


def get_register_owner(request, code, *, agency=False, write=False) -> Allowed:
    """A commune, a village or an agency whose register a staff member writes to."""
    return get_owner_for_user(
        request, code, agency=agency, levels=(Level.COMMUNE, Level.VILLAGE), write=write
    )


def get_draft_record_for_user(request, pk) -> DraftRecord:
    """A draft's posting or closing record is read by whoever may read its consultation."""
    record = DraftRecord.objects.filter(pk=pk).first()
    if record is None:
        raise Http404
    get_consultation_for_user(request, record.consultation_id)
    return record
