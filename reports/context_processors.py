from django.utils.functional import SimpleLazyObject

from .access import is_reviewer


def navigation(request):
    """`is_reviewer` for the header: whether to show the compliance dashboard (evaluated only when a
    template asks, from the memberships the request loads once anyway)."""
    return {"is_reviewer": SimpleLazyObject(lambda: is_reviewer(request))}
