from django.urls import path

from . import views_decisions as views

urlpatterns = [
    # Staff: decisions and online votes.
    path("staff/units/<str:code>/decisions/new/", views.decision_create, name="decision_create"),
    path(
        "staff/agencies/<str:code>/decisions/new/",
        views.decision_create_for_agency,
        name="decision_create_for_agency",
    ),
    path("staff/decisions/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("staff/decisions/<int:pk>/online-vote/", views.vote_open, name="vote_open"),
    # Staff: inspection-board recommendations.
    path("staff/units/<str:code>/recommendations/", views.recommendations, name="recommendations"),
    path(
        "staff/agencies/<str:code>/recommendations/",
        views.recommendations_for_agency,
        name="recommendations_for_agency",
    ),
    path(
        "staff/units/<str:code>/recommendations/new/",
        views.recommendation_create,
        name="recommendation_create",
    ),
    path(
        "staff/agencies/<str:code>/recommendations/new/",
        views.recommendation_create_for_agency,
        name="recommendation_create_for_agency",
    ),
    path("staff/recommendations/<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
    # Public: the household's vote and the board.
    path("vote/<int:pk>/", views.vote, name="vote"),
    path("vote/<int:pk>/receipt/", views.vote_receipt, name="vote_receipt"),
    path("units/<str:code>/decisions/", views.decisions_board, name="decisions_board"),
    path("decisions/<int:pk>/", views.decision_public, name="decision_public"),
]
