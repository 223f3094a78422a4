"""The quarterly register (Art. 13(2)): a commune's is public, an agency's internal."""

from django.urls import path

from . import views_register as views

COMMUNE = "units/<str:code>/register/"
AGENCY = "staff/agencies/<str:code>/register/"
QUARTER = "<int:year>/q<int:quarter>/"

urlpatterns = [
    path(COMMUNE, views.register_pick, name="register_pick"),
    path(COMMUNE + QUARTER, views.register, name="register"),
    path(COMMUNE + QUARTER + "pdf/", views.register_pdf, name="register_pdf"),
    path(COMMUNE + QUARTER + "xlsx/", views.register_xlsx, name="register_xlsx"),
    path(AGENCY, views.agency_register_pick, name="agency_register_pick"),
    path(AGENCY + QUARTER, views.agency_register, name="agency_register"),
    path(AGENCY + QUARTER + "pdf/", views.agency_register_pdf, name="agency_register_pdf"),
    path(AGENCY + QUARTER + "xlsx/", views.agency_register_xlsx, name="agency_register_xlsx"),
]
