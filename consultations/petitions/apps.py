from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "consultations.petitions"
    label = "petitions"
    verbose_name = "Phản ánh, kiến nghị và đánh giá sự hài lòng"

    def ready(self):
        from units.waiting import register

        from .waiting import waiting

        register(waiting)
