from django.apps import AppConfig


class RegulationsConfig(AppConfig):
    name = "consultations.regulations"
    label = "regulations"
    verbose_name = "Quy chế, hương ước, quy ước"
