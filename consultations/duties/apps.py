from django.apps import AppConfig


class DutiesConfig(AppConfig):
    name = "consultations.duties"
    label = "duties"
    verbose_name = "Hội nghị, cuộc họp và nhiệm vụ hằng năm"

    def ready(self):
        from units.waiting import register

        from .waiting import waiting

        register(waiting)
