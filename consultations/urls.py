from . import urls_public, urls_staff

app_name = "consultations"

urlpatterns = [*urls_public.urlpatterns, *urls_staff.urlpatterns]
