from django.urls import path

from . import views

app_name = "supervision"

urlpatterns = [
    path("staff/units/<str:code>/boards/", views.boards, name="boards"),
    path("staff/agencies/<str:code>/boards/", views.boards_for_agency, name="boards_for_agency"),
    path("staff/units/<str:code>/boards/new/", views.board_create, name="board_create"),
    path(
        "staff/agencies/<str:code>/boards/new/", views.board_create_for_agency, name="board_create_for_agency"
    ),
    path("staff/boards/<int:pk>/", views.board, name="board"),
    path("staff/boards/<int:pk>/members/new/", views.member_add, name="member_add"),
    path("staff/boards/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("staff/boards/members/<int:pk>/leave/", views.member_leave, name="member_leave"),
    path("staff/boards/<int:pk>/election/", views.election, name="election"),
    path("staff/boards/<int:pk>/recognition/", views.recognition, name="recognition"),
    path("staff/boards/<int:pk>/investor-notice/", views.investor_notice, name="investor_notice"),
    path("staff/boards/<int:pk>/plans/new/", views.plan_create, name="plan_create"),
    path("staff/boards/<int:pk>/inspections/new/", views.inspection_create, name="inspection_create"),
    path("staff/boards/inspections/<int:pk>/", views.inspection, name="inspection"),
    path("staff/boards/inspections/<int:pk>/pdf/", views.inspection_pdf, name="inspection_pdf"),
    path(
        "staff/boards/<int:pk>/recommendations/new/",
        views.recommendation_create,
        name="recommendation_create",
    ),
    path("staff/boards/<int:pk>/reports/new/", views.report_create, name="report_create"),
    path("staff/boards/reports/<int:pk>/", views.report, name="report"),
    path("staff/boards/reports/<int:pk>/pdf/", views.report_pdf, name="report_pdf"),
]
