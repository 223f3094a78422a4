from django.urls import path

from . import urls_decisions, urls_documents, urls_public, urls_staff, views_workspace

app_name = "consultations"

urlpatterns = [
    path("staff/consultations/", views_workspace.workspace, name="workspace"),
    *urls_public.urlpatterns,
    *urls_staff.urlpatterns,
    *urls_decisions.urlpatterns,
    *urls_documents.urlpatterns,
]
