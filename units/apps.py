from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = "Đơn vị hành chính, cơ quan và vai trò"

    def ready(self):
        from democracy import publiccache

        from . import login_limits  # noqa: F401 (connects the failed-login counter)

        # A unit's page shows the tree (renamed or merged units: the global version, PUBLIC_CACHE_SECONDS).
        for name in ("units:detail", "api:unit_detail"):
            publiccache.register(name, publiccache.by_unit_code)
        for name in ("home", "api:list_units"):
            publiccache.register(name, publiccache.global_only)
