from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse


class SecondFactorMiddleware:
    """Staff whose roles are in settings.SECOND_FACTOR_ROLES must pass TOTP before staff pages or the admin.

    Runs after django_otp's OTPMiddleware, which tells whether this session was verified.
    """

    PROTECTED_PREFIXES = ("/staff/", "/admin/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_verify(request):
            from django_otp import devices_for_user

            has_device = any(True for _ in devices_for_user(request.user, confirmed=True))
            target = "second_factor_verify" if has_device else "second_factor_setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)

    def _must_verify(self, request):
        roles = settings.SECOND_FACTOR_ROLES
        if not roles or not request.path.startswith(self.PROTECTED_PREFIXES):
            return False
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return False
        if user.is_superuser and "administrator" in roles:
            return True
        return user.memberships.filter(role__in=roles).exists()
