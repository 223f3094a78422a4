from django.utils.functional import SimpleLazyObject

from units.access import access_for
from units.models import Role


def navigation(request):
    """`is_reviewer` for the header: whether to show the compliance dashboard (evaluated only when a
    template asks, from the memberships the request loads once anyway)."""

    def is_reviewer():
        if not request.user.is_authenticated:
            return False
        access = access_for(request)
        return access.is_national_admin or any(Role(m.role).sees_subtree for m in access.memberships)

    return {"is_reviewer": SimpleLazyObject(is_reviewer)}
