from django.urls import path

from . import feeds, views

app_name = "follow"

urlpatterns = [
    path("follow/units/<str:code>/", views.follow_board, name="board"),
    path("follow/consultations/<int:pk>/", views.follow_consultation, name="consultation"),
    path("follow/decisions/<int:pk>/", views.follow_decision, name="decision"),
    path("follow/mine/<str:token>/", views.follow_mine, name="mine"),
    path("follow/requested/", views.requested, name="requested"),
    path("follow/confirm/<str:token>/", views.confirm, name="confirm"),
    path("follow/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("staff/deadlines/", views.deadlines_page, name="deadlines"),
    # Feeds of a commune's consultations and decisions, as its notice board has (disclosures/feeds.py).
    path("units/<str:code>/consultations/feed.rss", feeds.ConsultationRssFeed(), name="consultations_rss"),
    path("units/<str:code>/consultations/feed.atom", feeds.ConsultationAtomFeed(), name="consultations_atom"),
    path("units/<str:code>/decisions/feed.rss", feeds.DecisionRssFeed(), name="decisions_rss"),
    path("units/<str:code>/decisions/feed.atom", feeds.DecisionAtomFeed(), name="decisions_atom"),
]
