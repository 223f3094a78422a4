from django.apps import AppConfig


class DisclosuresConfig(AppConfig):
    name = "disclosures"
    verbose_name = "Công khai thông tin"

    def ready(self):
        from units.waiting import register

        from .waiting import waiting

        register(waiting)

        from democracy import publiccache

        from .models import Disclosure

        for name in ("disclosures:board", "disclosures:archive", "api:list_disclosures"):
            publiccache.register(name, publiccache.by_unit_code)
        for name in ("disclosures:detail", "api:disclosure_detail"):
            publiccache.register(name, publiccache.by_object(Disclosure))
