"""A budget of failed logins per network address, across accounts (password spraying: a few tries on
each of many accounts never reach django-axes' per-account lockout).

Every failed login counts against its address (`democracy.ratelimit.client_address`, so behind the
proxy each client counts apart) for the hour; once settings.LOGIN_FAILURES_PER_ADDRESS is used up, the
backend refuses every login from that address, right password or not, until the hour ends, with
django-axes' lockout page (429)."""

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver

from democracy import ratelimit

SCOPE = "login-failures"


class AddressBudgetBackend:
    """First in AUTHENTICATION_BACKENDS: refuses the attempt when its address has no failures left."""

    def authenticate(self, request, **credentials):
        if request is None:
            return None
        if ratelimit.exhausted(request, SCOPE, limit=settings.LOGIN_FAILURES_PER_ADDRESS):
            request.axes_locked_out = True  # AxesMiddleware answers with the lockout page
            request.login_budget_exhausted = True  # the page says why
            raise PermissionDenied
        return None  # no opinion: the next backends decide

    # No get_user(): it never holds a session (and the test client's force_login skips it).


@receiver(user_login_failed, dispatch_uid="units.login_limits.count_failure")
def count_failure(sender, credentials, request=None, **kwargs):
    if request is not None:
        ratelimit.hit(request, SCOPE, limit=settings.LOGIN_FAILURES_PER_ADDRESS)
