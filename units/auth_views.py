"""The second factor (TOTP) for staff whose roles require it (settings.SECOND_FACTOR_ROLES), and the
enrolment link through which an account gets its first password and its authenticator."""

import base64

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from democracy import ratelimit

from . import actions
from .forms import TokenForm

WRONG = _lazy("Mã không đúng hoặc đã hết hạn. Hãy nhập mã mới trong ứng dụng.")
TOO_MANY = _lazy("Bạn đã nhập sai nhiều lần. Hãy đợi vài giây rồi nhập mã mới.")


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "units:workspace"


@login_required
@require_http_methods(["GET"])
def setup(request):
    """An account without an authenticator: enrolling one needs the link an administrator issues (a
    password alone must not let anyone bind their own phone to the account)."""
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect(f"{reverse('second_factor_verify')}?next={request.GET.get('next', '')}")
    return render(request, "registration/second_factor_setup.html")


@never_cache
@require_http_methods(["GET", "POST"])
def enrol(request, token):
    """The enrolment link: set a password and enrol an authenticator app, in one step, once."""
    link = actions.usable_enrolment_link(token)
    if link is None:
        return render(request, "registration/enrol_invalid.html", status=404)
    user = link.user
    session_key = f"enrolment_device_{link.pk}"
    password_form = SetPasswordForm(user, request.POST or None)
    token_form = TokenForm(request.POST or None)
    device = None
    if request.method == "POST":
        device = TOTPDevice.objects.filter(
            pk=request.session.get(session_key), user=user, confirmed=False
        ).first()
    if device is not None and password_form.is_valid() & token_form.is_valid():
        if not device.verify_is_allowed()[0]:
            token_form.add_error("token", TOO_MANY)
        elif not device.verify_token(token_form.cleaned_data["token"]):
            token_form.add_error("token", WRONG)
        else:
            try:
                actions.enrol(link, password=password_form.cleaned_data["new_password1"], device=device)
            except ValidationError:
                return render(request, "registration/enrol_invalid.html", status=404)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            otp_login(request, device)
            messages.success(request, _("Đã đặt mật khẩu và bật xác thực hai lớp."))
            return redirect("units:workspace")
    if device is None:
        # A fresh secret, shown only to the holder of the link (never one an earlier visitor saw).
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=user, confirmed=False, name=_("Ứng dụng xác thực"))
        request.session[session_key] = device.pk
        if request.method == "POST":
            token_form.add_error("token", _lazy("Mã QR đã được tạo lại. Quét mã mới rồi nhập mã 6 chữ số."))
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4, title=_("Mã QR xác thực hai lớp"))
    return render(
        request,
        "registration/enrol.html",
        {
            "account": user,
            "password_form": password_form,
            "form": token_form,
            "qr_svg": qr_svg,
            "secret": _base32(device),
            "expires_at": link.expires_at,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        devices = list(TOTPDevice.objects.filter(user=request.user, confirmed=True))
        for device in devices:
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect(_next_url(request))
        throttled = devices and not any(d.verify_is_allowed()[0] for d in devices)
        form.add_error("token", TOO_MANY if throttled else WRONG)
    return render(
        request, "registration/second_factor_verify.html", {"form": form, "next": request.GET.get("next", "")}
    )


def _base32(device):
    return base64.b32encode(device.bin_key).decode()


_password_reset = auth_views.PasswordResetView.as_view()


@never_cache
@require_http_methods(["GET", "POST"])
def password_reset(request):
    """Django's password reset by e-mail, with a per-client limit on the requests (each may send a mail)."""
    if request.method == "POST" and not ratelimit.hit(
        request, "password-reset", limit=settings.PASSWORD_RESETS_PER_HOUR
    ):
        response = render(
            request,
            "registration/password_reset_form.html",
            {"form": PasswordResetForm(), "limited": True},
            status=429,
        )
        response["Retry-After"] = str(ratelimit.retry_after())
        return response
    return _password_reset(request)
