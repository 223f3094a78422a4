"""The reviewer's compliance dashboard (included by reports/urls.py, namespace "reports"). `<code>` is a
province, district or commune code, or VN (the whole country, national administrators)."""

from django.urls import path

from . import views_dashboard as views

AREA = "staff/compliance/<str:code>/"

urlpatterns = [
    path("staff/compliance/", views.dashboard, name="dashboard"),
    path("staff/compliance/agency/<str:code>/", views.agency_area, name="agency_area"),
    path(AREA, views.area, name="area"),
    path(AREA + "xlsx/", views.area_xlsx, name="area_xlsx"),
    path(AREA + "trend.svg", views.trend, name="trend"),
    path(AREA + "trend/", views.trend_table, name="trend_table"),
    path(AREA + "coverage/", views.coverage, name="coverage"),
]
