"""The second factor (TOTP) for staff whose roles require it (settings.SECOND_FACTOR_ROLES)."""

import base64

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

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
@require_http_methods(["GET", "POST"])
def setup(request):
    """Enrol an authenticator app: show the QR code of a new (unconfirmed) device, confirm it with a code."""
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect(f"{reverse('second_factor_verify')}?next={request.GET.get('next', '')}")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": _("Ứng dụng xác thực")}
    )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error("token", TOO_MANY)
        elif device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Đã bật xác thực hai lớp."))
            return redirect(_next_url(request))
        else:
            form.add_error("token", WRONG)
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4, title=_("Mã QR xác thực hai lớp"))
    return render(
        request,
        "registration/second_factor_setup.html",
        {"form": form, "qr_svg": qr_svg, "secret": _base32(device), "next": request.GET.get("next", "")},
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
