from django.apps import AppConfig


class DemocracyConfig(AppConfig):
    name = "democracy"
    verbose_name = "Danh mục pháp lý và lịch làm việc"

    def ready(self):
        from . import lookups  # noqa: F401 (registers the `field__any` lookup)
