"""Every address of reports (namespace "reports"): the unit reports (clerk, approver, inspection board,
reviewer), the reviewer's compliance dashboard, roll-ups and the progress pages of background jobs.

In the dashboard's addresses `<code>` is a province, district or commune code, or VN (the whole
country, national administrators)."""

from django.urls import path

from .views import analysis, dashboard, reports, requests, rollups

app_name = "reports"

AREA = "staff/compliance/<str:code>/"

urlpatterns = [
    # Unit reports
    path("staff/reports/", reports.report_list, name="list"),
    path("staff/reports/open/", reports.open_report, name="open"),
    path("staff/reports/<int:pk>/", reports.report_detail, name="detail"),
    path("staff/reports/<int:pk>/recompile/", reports.recompile, name="recompile"),
    path("staff/reports/<int:pk>/send/", reports.send_to_sign, name="send"),
    path("staff/reports/<int:pk>/return/", reports.return_report, name="return"),
    path("staff/reports/<int:pk>/submit/", reports.submit, name="submit"),
    path("staff/reports/<int:pk>/pdf/", reports.report_pdf, name="pdf"),
    path("staff/reports/<int:pk>/xlsx/", reports.report_xlsx, name="xlsx"),
    # The compliance dashboard
    path("staff/compliance/", dashboard.dashboard, name="dashboard"),
    path("staff/compliance/agency/<str:code>/", dashboard.agency_area, name="agency_area"),
    path(AREA, dashboard.area, name="area"),
    path(AREA + "xlsx/", dashboard.area_xlsx, name="area_xlsx"),
    path(AREA + "trend.svg", analysis.trend, name="trend"),
    path(AREA + "trend/", analysis.trend_table, name="trend_table"),
    path(AREA + "coverage/", analysis.coverage, name="coverage"),
    # Report requests (yêu cầu báo cáo đột xuất)
    path(AREA + "requests/", requests.request_list, name="requests"),
    path("staff/requests/<int:pk>/", requests.request_detail, name="request_detail"),
    # Roll-ups and background jobs
    path(AREA + "rollup/", rollups.rollup_start, name="rollup_start"),
    path("staff/rollups/<int:pk>/", rollups.rollup_detail, name="rollup_detail"),
    path("staff/rollups/<int:pk>/send/", rollups.rollup_send, name="rollup_send"),
    path("staff/rollups/<int:pk>/pdf/", rollups.rollup_pdf, name="rollup_pdf"),
    path("staff/rollups/<int:pk>/xlsx/", rollups.rollup_xlsx, name="rollup_xlsx"),
    path("staff/jobs/<uuid:pk>/", rollups.job, name="job"),
    path("staff/jobs/<uuid:pk>/status.json", rollups.job_status, name="job_status"),
]
