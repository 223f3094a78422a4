"""Who may see and change what. Every staff view and API endpoint loads objects through these accessors.

The rule: a role held on a unit applies to that unit and to everything below it (a commune clerk
acts for the commune's villages; a province reviewer sees every commune of the province). A role
held on an agency applies to that agency only. An agency's internal records are not visible to the
commune's clerks (Art. 46): only to the agency's own people and to reviewers/administrators above it.

A person with no role on an object gets 404 (its existence is not revealed); a person who may read
but not write gets 403 on writes.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from .models import AdministrativeUnit, Agency, Membership, Role

NATIONAL_ROLES = {Role.ADMINISTRATOR}
# The commune's Fatherland Front officers (Art. 39(1), 40(2), 44, 45(1)): they direct and recognise the
# commune's and its projects' boards and receive their reports. Like an inspection-board member they read
# the commune's records and edit none; they hold no role on the commune's agencies (the union directs an
# agency's board, Art. 62).
FRONT_ROLES = frozenset({Role.FRONT_OFFICER})
# The People's Inspection Board's members (Art. 38, 61): they write the board's plans, inspections,
# findings, recommendations and reports.
BOARD_ROLES = frozenset({Role.INSPECTOR})
# The roles that oversee a unit or an agency from above without belonging to it.
OVERSIGHT_ROLES = frozenset(role for role in Role if role.sees_subtree)


def belongs(roles: set[Role]) -> bool:
    """Whether roles make someone one of the unit's or the agency's own people (who may take part in its
    internal consultations and questions), not only a reviewer or administrator above it."""
    return bool(set(roles) - OVERSIGHT_ROLES)


@dataclass(frozen=True)
class Allowed:
    """An object and the request's user's roles on its owner (unit or agency), with what those roles
    allow. Each app's accessors return one (or a subclass adding the app's own permissions)."""

    obj: object
    roles: frozenset

    @property
    def is_staff(self) -> bool:
        """Holds a role on the owner: sees the staff pages and the audit trail."""
        return bool(self.roles)

    @property
    def can_edit(self) -> bool:
        return any(r.can_edit for r in self.roles)

    @property
    def can_approve(self) -> bool:
        return any(r.can_approve for r in self.roles)

    @property
    def belongs(self) -> bool:
        """One of the owner's own people, not only overseeing it from above."""
        return belongs(self.roles)


@dataclass
class Access:
    user: object
    memberships: list[Membership] = field(default_factory=list)

    @classmethod
    def for_user(cls, user) -> "Access":
        if not user.is_authenticated:
            return cls(user)
        memberships = list(Membership.objects.filter(user=user).select_related("unit", "agency"))
        return cls(user, memberships)

    @property
    def is_national_admin(self) -> bool:
        if self.user.is_authenticated and self.user.is_superuser:
            return True
        return any(
            m.role in NATIONAL_ROLES and m.unit_id is None and m.agency_id is None for m in self.memberships
        )

    def roles_for_unit(self, unit: AdministrativeUnit) -> set[Role]:
        if self.is_national_admin:
            return {Role.ADMINISTRATOR}
        lineage = {unit.pk, *(a.pk for a in unit.ancestors())}
        return {Role(m.role) for m in self.memberships if m.unit_id in lineage}

    def roles_for_agency(self, agency: Agency) -> set[Role]:
        if self.is_national_admin:
            return {Role.ADMINISTRATOR}
        roles = {Role(m.role) for m in self.memberships if m.agency_id == agency.pk}
        lineage = {agency.unit_id, *(a.pk for a in agency.unit.ancestors())}
        roles |= {
            Role(m.role) for m in self.memberships if m.unit_id in lineage and Role(m.role).sees_subtree
        }
        return roles

    def unit_filter(self) -> Q:
        """A filter on AdministrativeUnit for every unit this person has a role on (list pages)."""
        if self.is_national_admin:
            return Q()
        ids = [m.unit_id for m in self.memberships if m.unit_id]
        if not ids:
            return Q(pk__in=[])
        return (
            Q(pk__in=ids) | Q(parent__in=ids) | Q(parent__parent__in=ids) | Q(parent__parent__parent__in=ids)
        )

    def agency_filter(self) -> Q:
        """A filter on Agency for every agency this person may see."""
        if self.is_national_admin:
            return Q()
        direct = [m.agency_id for m in self.memberships if m.agency_id]
        above = [m.unit_id for m in self.memberships if m.unit_id and Role(m.role).sees_subtree]
        q = Q(pk__in=direct)
        if above:
            q |= Q(unit__in=above) | Q(unit__parent__in=above) | Q(unit__parent__parent__in=above)
        return q


def access_for(request) -> Access:
    """The Access of the request's user, computed once per request."""
    if not hasattr(request, "_access"):
        request._access = Access.for_user(request.user)
    return request._access


def owned_filter(request) -> Q:
    """A filter on any model with `unit` and `agency` (disclosures, consultations, decisions…) for
    the rows of the units and agencies the request's user holds a role on (reviewers: everything below)."""
    if not request.user.is_authenticated:
        return Q(pk__in=[])
    access = access_for(request)
    if access.is_national_admin:
        return Q(pk__isnull=False)  # not Q(): `public | Q()` would drop the empty side and mean only `public`
    units = AdministrativeUnit.objects.filter(access.unit_filter()).values("pk")
    agencies = Agency.objects.filter(access.agency_filter()).values("pk")
    return Q(unit__in=units) | Q(agency__in=agencies)


def roles_for_owned(request, obj) -> set[Role]:
    """The request's user's roles on the unit or the agency an object belongs to."""
    if not request.user.is_authenticated:
        return set()
    access = access_for(request)
    return access.roles_for_agency(obj.agency) if obj.agency_id else access.roles_for_unit(obj.unit)


def _check(roles: set[Role], write: bool) -> set[Role]:
    if not roles:
        raise Http404
    if write and not any(r.can_edit for r in roles):
        raise PermissionDenied
    return roles


def get_unit_for_user(request, code: str, *, write: bool = False) -> tuple[AdministrativeUnit, set[Role]]:
    """The unit with `code` as the request's user may use it: 404 for outsiders, 403 for read-only writes."""
    unit = AdministrativeUnit.objects.select_related("parent__parent__parent").filter(code=code).first()
    if unit is None:
        raise Http404
    return unit, _check(access_for(request).roles_for_unit(unit), write)


def get_agency_for_user(request, code: str, *, write: bool = False) -> tuple[Agency, set[Role]]:
    agency = Agency.objects.select_related("unit__parent__parent__parent").filter(code=code).first()
    if agency is None:
        raise Http404
    return agency, _check(access_for(request).roles_for_agency(agency), write)
