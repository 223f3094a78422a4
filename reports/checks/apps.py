from django.apps import AppConfig


class ChecksConfig(AppConfig):
    name = "reports.checks"
    label = "checks"
    verbose_name = "Kiểm tra của cấp trên và chấm điểm hằng năm"

    def ready(self):
        from units.waiting import register

        from .waiting import waiting

        register(waiting)
