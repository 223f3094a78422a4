from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse


def needs_second_factor(user) -> bool:
    """Whether this user holds a role in settings.SECOND_FACTOR_ROLES (an administrator: anyone who may
    enter the admin)."""
    roles = settings.SECOND_FACTOR_ROLES
    if not roles or not user.is_authenticated:
        return False
    if (user.is_superuser or user.is_staff) and "administrator" in roles:
        return True
    return user.memberships.filter(role__in=roles).exists()


class SecondFactorMiddleware:
    """A session whose user holds a role needing the second factor counts only once TOTP is passed.

    Until then the session is anonymous on every path: the staff pages and the admin send it to the
    code (or to enrolment), and every other page, download and the API see an anonymous visitor, so a
    password alone grants no role anywhere. Only the account pages (/accounts/: login, logout, the
    second factor, enrolment) see the real user. This is the only place the rule lives.

    Runs after django_otp's OTPMiddleware, which tells whether this session was verified.
    """

    PROTECTED_PREFIXES = ("/staff/", "/admin/")
    ACCOUNT_PREFIX = "/accounts/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(self.ACCOUNT_PREFIX) or not self._unverified(request):
            return self.get_response(request)
        if request.path.startswith(self.PROTECTED_PREFIXES):
            from django_otp import devices_for_user

            has_device = any(True for _ in devices_for_user(request.user, confirmed=True))
            target = "second_factor_verify" if has_device else "second_factor_setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        request.user = _anonymous()
        request.second_factor_pending = True  # only to say why in a 401 (reports/api.py)

        async def auser():
            return request.user

        request.auser = auser
        return self.get_response(request)

    def _unverified(self, request) -> bool:
        if not settings.SECOND_FACTOR_ROLES:
            return False
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return False
        return needs_second_factor(user)


def _anonymous():
    user = AnonymousUser()
    user.otp_device = None
    user.is_verified = lambda: False
    return user
