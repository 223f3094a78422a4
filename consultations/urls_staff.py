from django.urls import path

from . import views_consultations as views

urlpatterns = [
    path("staff/units/<str:code>/consultations/new/", views.create, name="create"),
    path("staff/agencies/<str:code>/consultations/new/", views.create_for_agency, name="create_for_agency"),
    path("staff/consultations/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("staff/consultations/<int:pk>/open/", views.open_view, name="open"),
    path("staff/consultations/<int:pk>/documents/", views.upload, name="upload"),
    path("staff/consultations/<int:pk>/comments/", views.comment_record, name="comment_record"),
    path(
        "staff/consultations/<int:pk>/comments/<int:cpk>/respond/",
        views.comment_respond,
        name="comment_respond",
    ),
    path("staff/consultations/<int:pk>/comments/<int:cpk>/hide/", views.comment_hide, name="comment_hide"),
    path("staff/consultations/<int:pk>/results/", views.publish_results, name="publish_results"),
    path("staff/consultations/<int:pk>/comments.xlsx", views.comments_xlsx, name="comments_xlsx"),
]
