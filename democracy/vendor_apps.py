"""The third-party apps under Vietnamese names in the admin (issue 15): the packages name themselves
"AXES", "DJANGO_OTP", "OTP_TOTP". Subclasses of their app configs, listed in INSTALLED_APPS instead of the
bare package names; the label, and so every table and migration, stays the package's own."""

from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TotpAppConfig


class AxesConfig(AxesAppConfig):
    verbose_name = _("Chặn đăng nhập sai nhiều lần")


class OtpConfig(AppConfig):
    name = "django_otp"
    verbose_name = _("Xác thực hai lớp")


class OtpTotpConfig(TotpAppConfig):
    verbose_name = _("Xác thực hai lớp: mã theo thời gian (TOTP)")
