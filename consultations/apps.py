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

        from democracy import publiccache

        from .models import Consultation

        for name in ("consultations:board", "api:list_consultations"):
            publiccache.register(name, publiccache.by_unit_code)
        for name in ("consultations:detail", "api:consultation_detail"):
            publiccache.register(name, publiccache.by_object(Consultation))
