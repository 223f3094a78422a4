"""Checks by the level above and the annual grading (namespace "checks")."""

from django.urls import path

from . import views

app_name = "checks"

GRADING = "staff/grading/<str:code>/<int:year>/"

urlpatterns = [
    path("staff/checks/", views.check_list, name="list"),
    path("staff/checks/area/<str:code>/new/", views.plan_new, name="plan_new"),
    path("staff/checks/<int:pk>/", views.plan_detail, name="plan"),
    path("staff/checks/visits/<int:pk>/", views.visit_detail, name="visit"),
    path("staff/checks/visits/<int:pk>/conclude/", views.conclude, name="conclude"),
    path("staff/checks/visits/<int:pk>/pdf/", views.visit_pdf, name="visit_pdf"),
    path("staff/checks/fixes/<int:pk>/answer/", views.answer, name="answer"),
    path(GRADING, views.grading_page, name="grading"),
    path(GRADING + "xlsx/", views.grading_export, name="grading_xlsx"),
    path(GRADING + "weights/", views.weights, name="weights"),
]
