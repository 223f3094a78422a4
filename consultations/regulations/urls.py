from django.urls import path

from . import views

app_name = "regulations"

urlpatterns = [
    path("units/<str:code>/regulations/", views.board, name="board"),
    path("regulations/<int:pk>/", views.detail, name="detail"),
    path("regulations/<int:pk>/entry.pdf", views.entry_pdf, name="entry_pdf"),
    path("regulations/<int:pk>/file/", views.file, name="file"),
    path("consultations/draft-records/<int:pk>.pdf", views.draft_record, name="draft_record"),
    path("staff/units/<str:code>/regulations/new/", views.create, name="create"),
    path("staff/agencies/<str:code>/regulations/new/", views.create_for_agency, name="create_for_agency"),
    path("staff/regulations/<int:pk>/replace/", views.replace, name="replace"),
    path("staff/consultations/<int:pk>/issue/", views.issue, name="issue"),
    path("staff/consultations/<int:pk>/paper/", views.paper, name="paper"),
    path("staff/decisions/<int:pk>/issue/", views.issue_decision, name="issue_decision"),
]
