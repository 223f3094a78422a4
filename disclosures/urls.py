from . import urls_public, urls_register, urls_staff

app_name = "disclosures"

urlpatterns = [*urls_public.urlpatterns, *urls_staff.urlpatterns, *urls_register.urlpatterns]
