from . import urls_dashboard, urls_reports, urls_rollups

app_name = "reports"

urlpatterns = [
    *urls_reports.urlpatterns,
    *urls_dashboard.urlpatterns,
    *urls_rollups.urlpatterns,
]
