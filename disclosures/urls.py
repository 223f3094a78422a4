"""Every URL of disclosures: the public board and pages, the staff workspace, the quarterly register."""

from django.urls import path

from . import feeds
from .views import feedback, public, register, staff, transitions

app_name = "disclosures"

# The quarterly register (Art. 13(2)): a commune's is public, an agency's internal.
COMMUNE_REGISTER = "units/<str:code>/register/"
AGENCY_REGISTER = "staff/agencies/<str:code>/register/"
QUARTER = "<int:year>/q<int:quarter>/"

urlpatterns = [
    # The citizen's side
    path("units/<str:code>/board/", public.board, name="board"),
    path("units/<str:code>/board/archive/", public.archive, name="archive"),
    path("units/<str:code>/board/feed.rss", feeds.BoardRssFeed(), name="feed_rss"),
    path("units/<str:code>/board/feed.atom", feeds.BoardAtomFeed(), name="feed_atom"),
    path("disclosures/<int:pk>/", public.detail, name="detail"),
    path("disclosures/<int:pk>/feedback/", public.feedback, name="feedback"),
    path("documents/<int:pk>/download/", public.document, name="document"),
    path("records/<int:pk>/pdf/", public.record, name="record"),
    # The staff workspace
    path("staff/disclosures/", staff.workspace, name="workspace"),
    path("staff/units/<str:code>/disclosures/new/", staff.create, name="create"),
    path("staff/agencies/<str:code>/disclosures/new/", staff.create_for_agency, name="create_for_agency"),
    path("staff/disclosures/<int:pk>/", staff.staff_detail, name="staff_detail"),
    path("staff/disclosures/<int:pk>/edit/", staff.edit, name="edit"),
    path("staff/disclosures/<int:pk>/submit/", transitions.submit, name="submit"),
    path("staff/disclosures/<int:pk>/return/", transitions.return_submission, name="return"),
    path("staff/disclosures/<int:pk>/publish/", transitions.publish, name="publish"),
    path("staff/disclosures/<int:pk>/withdraw/", transitions.withdraw, name="withdraw"),
    path("staff/disclosures/<int:pk>/correct/", transitions.correct, name="correct"),
    path("staff/disclosures/<int:pk>/documents/", feedback.upload, name="upload"),
    path(
        "staff/disclosures/<int:pk>/documents/<int:doc_pk>/delete/",
        feedback.document_delete,
        name="document_delete",
    ),
    path("staff/disclosures/<int:pk>/feedback/", feedback.feedback_record, name="feedback_record"),
    path(
        "staff/disclosures/<int:pk>/feedback/<int:fpk>/answer/",
        feedback.feedback_answer,
        name="feedback_answer",
    ),
    path("staff/disclosures/<int:pk>/feedback/<int:fpk>/hide/", feedback.feedback_hide, name="feedback_hide"),
    # The quarterly register
    path(COMMUNE_REGISTER, register.register_pick, name="register_pick"),
    path(COMMUNE_REGISTER + QUARTER, register.register, name="register"),
    path(COMMUNE_REGISTER + QUARTER + "pdf/", register.register_pdf, name="register_pdf"),
    path(COMMUNE_REGISTER + QUARTER + "xlsx/", register.register_xlsx, name="register_xlsx"),
    path(AGENCY_REGISTER, register.agency_register_pick, name="agency_register_pick"),
    path(AGENCY_REGISTER + QUARTER, register.agency_register, name="agency_register"),
    path(AGENCY_REGISTER + QUARTER + "pdf/", register.agency_register_pdf, name="agency_register_pdf"),
    path(AGENCY_REGISTER + QUARTER + "xlsx/", register.agency_register_xlsx, name="agency_register_xlsx"),
]
