from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "reports.plans"
    label = "plans"
    verbose_name = "Kế hoạch thực hiện dân chủ ở cơ sở"

    def ready(self):
        from units.waiting import register

        from .waiting import waiting

        register(waiting)
