"""Every URL of the petitions inbox: the commune's public page, sending, the citizen's own page, and the
staff inbox."""

from django.urls import path

from .views import public, staff

app_name = "petitions"

urlpatterns = [
    # The citizen's side
    path("units/<str:code>/petitions/", public.board, name="board"),
    path("units/<str:code>/petitions/send/", public.send, name="send"),
    path("petitions/t/<str:token>/", public.track, name="track"),
    path("petitions/t/<str:token>/rate/", public.rate, name="rate"),
    # The staff inbox
    path("staff/petitions/", staff.inbox, name="inbox"),
    path("staff/units/<str:code>/petitions/new/", staff.record, name="record"),
    path("staff/agencies/<str:code>/petitions/new/", staff.record_for_agency, name="record_for_agency"),
    path("staff/agencies/<str:code>/petitions/send/", staff.send_internal, name="send_internal"),
    path("staff/units/<str:code>/petitions/box/", staff.box, name="box"),
    path("staff/agencies/<str:code>/petitions/box/", staff.box_for_agency, name="box_for_agency"),
    path("staff/petitions/<int:pk>/", staff.detail, name="staff_detail"),
    path("staff/petitions/<int:pk>/route/", staff.route, name="route"),
    path("staff/petitions/<int:pk>/forward/", staff.forward, name="forward"),
    path("staff/petitions/<int:pk>/answer/", staff.answer, name="answer"),
    path("staff/petitions/<int:pk>/publish/", staff.publish, name="publish"),
    path("staff/petitions/<int:pk>/hide/", staff.hide, name="hide"),
]
