from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Báo cáo và theo dõi thực hiện"

    def ready(self):
        from units.waiting import register

        from .waiting import waiting

        register(waiting)
