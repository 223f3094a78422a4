from django.urls import path

from . import views_documents as views

urlpatterns = [
    path("consultations/<int:pk>/plan.pdf", views.plan_pdf, name="plan_pdf"),
    path("consultations/<int:pk>/result.pdf", views.result_pdf, name="result_pdf"),
    path("meetings/<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("decisions/<int:pk>/decision.pdf", views.decision_pdf, name="decision_pdf"),
    path("decisions/<int:pk>/tally.pdf", views.tally_pdf, name="tally_pdf"),
    path("staff/consultations/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path(
        "staff/decisions/<int:pk>/meetings/new/",
        views.decision_meeting_create,
        name="decision_meeting_create",
    ),
]
