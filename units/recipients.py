"""Who is told: the e-mail addresses of the people holding a role on a unit or an agency."""

from .models import Membership, Role, is_agency, owner_fields

EDITORS = (Role.CLERK, Role.APPROVER)


def _emails(memberships) -> list[str]:
    return sorted(
        set(
            memberships.filter(user__is_active=True)
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )


def editors_of(owner) -> list[str]:
    """The clerks and approvers of a unit or an agency."""
    return _emails(Membership.objects.filter(role__in=EDITORS, **owner_fields(owner)))


def reviewers_above(owner) -> list[str]:
    """The reviewers holding a role on the owner's unit (an agency: its unit) or any unit above it."""
    unit = owner.unit if is_agency(owner) else owner
    lineage = [unit.pk, *(a.pk for a in unit.ancestors())]
    return _emails(Membership.objects.filter(role=Role.REVIEWER, unit__in=lineage))
