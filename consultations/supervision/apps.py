from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "consultations.supervision"
    label = "supervision"
    verbose_name = "Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from units.waiting import register

        from .waiting import waiting

        register(waiting)
