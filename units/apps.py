from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = "Đơn vị hành chính, cơ quan và vai trò"

    def ready(self):
        from . import login_limits  # noqa: F401 (connects the failed-login counter)
