from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = "Lấy ý kiến, bàn và quyết định, giám sát"

    def ready(self):
        from disclosures.signals import published

        from .actions.consultations import results_approved

        published.connect(results_approved, dispatch_uid="consultations.results_approved")

        from units.waiting import register

        from .waiting import waiting

        register(waiting)
