from django.urls import path

from . import views

app_name = "units"

urlpatterns = [
    path("units/<str:code>/", views.unit_detail, name="detail"),
    path("staff/", views.workspace, name="workspace"),
    path("staff/units/<str:code>/", views.staff_unit, name="staff_unit"),
    path("staff/villages/<str:code>/edit/", views.village_edit, name="village_edit"),
    path("staff/agencies/<str:code>/", views.staff_agency, name="staff_agency"),
    path("staff/agencies/<str:code>/edit/", views.agency_edit, name="agency_edit"),
]
