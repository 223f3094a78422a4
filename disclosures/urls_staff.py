from django.urls import path

from . import views_staff as views

urlpatterns = [
    path("staff/disclosures/", views.workspace, name="workspace"),
    path("staff/units/<str:code>/disclosures/new/", views.create, name="create"),
    path("staff/agencies/<str:code>/disclosures/new/", views.create_for_agency, name="create_for_agency"),
    path("staff/disclosures/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staff/disclosures/<int:pk>/edit/", views.edit, name="edit"),
    path("staff/disclosures/<int:pk>/submit/", views.submit, name="submit"),
    path("staff/disclosures/<int:pk>/return/", views.return_submission, name="return"),
    path("staff/disclosures/<int:pk>/publish/", views.publish, name="publish"),
    path("staff/disclosures/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("staff/disclosures/<int:pk>/correct/", views.correct, name="correct"),
    path("staff/disclosures/<int:pk>/documents/", views.upload, name="upload"),
    path(
        "staff/disclosures/<int:pk>/documents/<int:doc_pk>/delete/",
        views.document_delete,
        name="document_delete",
    ),
    path("staff/disclosures/<int:pk>/feedback/", views.feedback_record, name="feedback_record"),
    path(
        "staff/disclosures/<int:pk>/feedback/<int:fpk>/answer/",
        views.feedback_answer,
        name="feedback_answer",
    ),
    path("staff/disclosures/<int:pk>/feedback/<int:fpk>/hide/", views.feedback_hide, name="feedback_hide"),
]
