from . import urls_decisions, urls_documents, urls_public, urls_staff

app_name = "consultations"

urlpatterns = [
    *urls_public.urlpatterns,
    *urls_staff.urlpatterns,
    *urls_decisions.urlpatterns,
    *urls_documents.urlpatterns,
]
