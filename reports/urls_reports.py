"""The unit report pages (clerk, approver, inspection board, reviewer)."""

from django.urls import path

from . import views_reports as views

urlpatterns = [
    path("staff/reports/", views.report_list, name="list"),
    path("staff/reports/open/", views.open_report, name="open"),
    path("staff/reports/<int:pk>/", views.report_detail, name="detail"),
    path("staff/reports/<int:pk>/recompile/", views.recompile, name="recompile"),
    path("staff/reports/<int:pk>/send/", views.send_to_sign, name="send"),
    path("staff/reports/<int:pk>/return/", views.return_report, name="return"),
    path("staff/reports/<int:pk>/submit/", views.submit, name="submit"),
    path("staff/reports/<int:pk>/pdf/", views.report_pdf, name="pdf"),
    path("staff/reports/<int:pk>/xlsx/", views.report_xlsx, name="xlsx"),
]
