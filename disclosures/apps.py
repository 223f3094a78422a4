from django.apps import AppConfig


class DisclosuresConfig(AppConfig):
    name = "disclosures"
    verbose_name = "Công khai thông tin"

    def ready(self):
        from units.waiting import register

        from .waiting import waiting

        register(waiting)
