from django.urls import path

from . import feeds, views_public

urlpatterns = [
    path("units/<str:code>/board/", views_public.board, name="board"),
    path("units/<str:code>/board/archive/", views_public.archive, name="archive"),
    path("units/<str:code>/board/feed.rss", feeds.BoardRssFeed(), name="feed_rss"),
    path("units/<str:code>/board/feed.atom", feeds.BoardAtomFeed(), name="feed_atom"),
    path("disclosures/<int:pk>/", views_public.detail, name="detail"),
    path("disclosures/<int:pk>/feedback/", views_public.feedback, name="feedback"),
    path("documents/<int:pk>/download/", views_public.document, name="document"),
    path("records/<int:pk>/pdf/", views_public.record, name="record"),
]
