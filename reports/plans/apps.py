from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "reports.plans"
    label = "plans"
    verbose_name = "Kế hoạch thực hiện dân chủ ở cơ sở"

    def ready(self):
        from units.waiting import register

        from .waiting import waiting

        register(waiting)

        from democracy import publiccache

        from .models import Plan

        # A unit's issued plans, to citizens: changed only when a plan is issued or cancelled
        # (`actions.issue` / `cancel`); tasks and texts are edited in drafts, never public.
        publiccache.register("plans:public_list", publiccache.by_unit_code)
        publiccache.register("plans:public_detail", publiccache.by_object(Plan))
