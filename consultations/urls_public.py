from django.urls import path

from . import views_consultations as views

urlpatterns = [
    path("units/<str:code>/consultations/", views.board, name="board"),
    path("consultations/<int:pk>/", views.detail, name="detail"),
    path("consultations/<int:pk>/comment/", views.comment, name="comment"),
    path("consultations/documents/<int:pk>/download/", views.document, name="document"),
]
