from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = "Lấy ý kiến, bàn và quyết định, giám sát"
