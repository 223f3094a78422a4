from django.apps import AppConfig


class DemocracyConfig(AppConfig):
    name = "democracy"
    verbose_name = "Danh mục pháp lý và lịch làm việc"
