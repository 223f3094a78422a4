from django.urls import path

from . import views

app_name = "duties"

urlpatterns = [
    path("staff/units/<str:code>/duties/", views.unit_duties, name="unit_duties"),
    path("staff/agencies/<str:code>/duties/", views.agency_duties, name="agency_duties"),
    path("staff/units/<str:code>/meetings/new/", views.meeting_new, name="meeting_new"),
    path("staff/agencies/<str:code>/meetings/new/", views.agency_meeting_new, name="agency_meeting_new"),
    path("staff/meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("staff/meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path("staff/meetings/<int:pk>/report/", views.meeting_report, name="meeting_report"),
    path("staff/meetings/<int:pk>/attachments/", views.meeting_attach, name="meeting_attach"),
    path("staff/meetings/<int:pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("staff/meetings/attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("units/<str:code>/meetings/", views.calendar, name="calendar"),
    path("units/<str:code>/meetings.ics", views.calendar_ics, name="calendar_ics"),
    path("meetings/<int:pk>/", views.public_meeting, name="public_meeting"),
]
