"""Who may see and change a disclosure. Every view, feed, search and API endpoint goes through here;
no view checks a role itself.

A commune's published disclosures are public. Everything else (drafts, submissions, and every
agency disclosure, which is internal under Art. 46) is visible only to people with a role on its
unit or agency (reviewers above included); others get 404. Writes need an editing role (403),
approving an approving role (403).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from units.access import (
    Allowed,
    access_for,
    belongs,
    get_agency_for_user,
    get_unit_for_user,
    owned_filter,
    roles_for_owned,
)
from units.models import Level, Membership

from .models import PUBLIC_STATES, Disclosure, Document, Feedback, Record


class DisclosureAccess(Allowed):
    """A disclosure and what the request's user may do with it."""

    @property
    def disclosure(self) -> Disclosure:
        return self.obj

    @property
    def is_public(self) -> bool:
        """Anyone may read it (and a shared cache may keep it)."""
        return not self.disclosure.is_internal and self.disclosure.state in PUBLIC_STATES

    @property
    def may_comment(self) -> bool:
        """Anyone on a commune's public disclosure; on an agency's internal one, only its own people
        (those who only oversee it, reviewers and administrators, read it but do not comment as its staff)."""
        if not self.disclosure.is_internal:
            return self.disclosure.state in PUBLIC_STATES
        return belongs(self.roles)

    @property
    def can_comment(self) -> bool:
        """May comment, and the window is open now."""
        return self.may_comment and self.disclosure.is_open()


def visible_filter(request) -> Q:
    """A filter on Disclosure for everything the request's user may read."""
    return Q(agency__isnull=True, state__in=PUBLIC_STATES) | owned_filter(request)


def get_disclosure_for_user(request, pk, *, write: bool = False) -> DisclosureAccess:
    """The disclosure as the request's user may use it: 404 if they may not see it, 403 on a write
    without an editing role."""
    disclosure = (
        Disclosure.objects.select_related("item", "unit__parent__parent", "agency__unit__parent__parent")
        .filter(pk=pk)
        .first()
    )
    if disclosure is None:
        raise Http404
    found = DisclosureAccess(disclosure, frozenset(roles_for_owned(request, disclosure)))
    if not found.roles and not found.is_public:
        raise Http404
    if write and not found.can_edit:
        raise PermissionDenied
    return found


def get_disclosure_for_staff(request, pk) -> DisclosureAccess:
    """The staff page: someone with no role here reads the public page, not the audit trail (404)."""
    found = get_disclosure_for_user(request, pk)
    if not found.is_staff:
        raise Http404
    return found


def get_disclosure_for_approval(request, pk) -> DisclosureAccess:
    """Return, publish, withdraw: an approving role (403 without one)."""
    found = get_disclosure_for_user(request, pk, write=True)
    if not found.can_approve:
        raise PermissionDenied
    return found


def get_disclosure_for_comment(request, pk) -> DisclosureAccess:
    """A question or comment from the public page: 403 for those who may read but not comment."""
    found = get_disclosure_for_user(request, pk)
    if not found.may_comment:
        raise PermissionDenied
    return found


def get_feedback_for_user(request, pk, fpk) -> tuple[DisclosureAccess, Feedback]:
    """A question on a disclosure the user may edit (answer, hide)."""
    found = get_disclosure_for_user(request, pk, write=True)
    feedback = get_object_or_404(Feedback, pk=fpk, disclosure=found.disclosure)
    feedback.disclosure = found.disclosure
    return found, feedback


def get_document_for_user(request, pk, *, disclosure_pk=None, write: bool = False):
    """A document and the access to its disclosure (404 if the disclosure is hidden from the user)."""
    if disclosure_pk is not None:
        found = get_disclosure_for_user(request, disclosure_pk, write=write)
        return found, get_object_or_404(Document, pk=pk, disclosure=found.disclosure)
    document = get_object_or_404(Document, pk=pk)
    return get_disclosure_for_user(request, document.disclosure_id, write=write), document


def get_record_for_user(request, pk) -> tuple[DisclosureAccess, Record]:
    record = get_object_or_404(Record, pk=pk)
    return get_disclosure_for_user(request, record.disclosure_id), record


def get_owner_for_create(request, code, *, agency: bool = False):
    """The commune (only a commune-level unit keeps disclosures) or the agency a new draft is for:
    404 if unknown or hidden, 403 without an editing role."""
    if agency:
        owner, _roles = get_agency_for_user(request, code, write=True)
        return owner
    unit, _roles = get_unit_for_user(request, code, write=True)
    if unit.level != Level.COMMUNE:
        raise Http404
    return unit


def creatable_for(request) -> list[Membership]:
    """The memberships through which the user may start a draft (an editing role on a commune or an
    agency): the workspace's "new" buttons."""
    return [
        m
        for m in access_for(request).memberships
        if m.role_enum.can_edit and (m.agency_id or (m.unit and m.unit.level == Level.COMMUNE))
    ]
