"""Roll-ups for reviewers and the progress pages of background jobs (included by reports/urls.py)."""

from django.urls import path

from . import views_rollups as views

urlpatterns = [
    path("staff/compliance/<str:code>/rollup/", views.rollup_start, name="rollup_start"),
    path("staff/rollups/<int:pk>/", views.rollup_detail, name="rollup_detail"),
    path("staff/rollups/<int:pk>/pdf/", views.rollup_pdf, name="rollup_pdf"),
    path("staff/rollups/<int:pk>/xlsx/", views.rollup_xlsx, name="rollup_xlsx"),
    path("staff/jobs/<uuid:pk>/", views.job, name="job"),
    path("staff/jobs/<uuid:pk>/status.json", views.job_status, name="job_status"),
]
