from django.contrib import admin
from django.urls import include, path

from units import views as unit_views

from .api import api
from .middleware import set_language

admin.site.site_header = "Quản trị Cổng thực hiện dân chủ ở cơ sở"
admin.site.site_title = "Quản trị"
admin.site.index_title = "Danh mục, đơn vị và người dùng"

urlpatterns = [
    path("", unit_views.home, name="home"),
    path("", include("units.urls")),
    path("", include("disclosures.urls")),
    path("", include("consultations.urls")),
    path("", include("consultations.petitions.urls")),
    path("", include("consultations.supervision.urls")),
    path("", include("consultations.duties.urls")),
    path("", include("consultations.regulations.urls")),
    path("", include("consultations.follow.urls")),
    path("", include("reports.urls")),
    path("", include("reports.checks.urls")),
    path("", include("reports.plans.urls")),
    path("accounts/", include("units.auth_urls")),
    path("i18n/<str:code>/", set_language, name="language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

# Error pages in the site's layout and the visitor's language (shown when DEBUG is off).
handler404 = "democracy.errors.not_found"
handler403 = "democracy.errors.forbidden"
handler500 = "democracy.errors.server_error"
