from django.urls import path

from .views import consultations, decisions, documents, public, recommendations, workspace

app_name = "consultations"

urlpatterns = [
    path("staff/consultations/", workspace.workspace, name="workspace"),
    # Public: a commune's consultations, a consultation's page and its comment form.
    path("units/<str:code>/consultations/", public.board, name="board"),
    path("consultations/<int:pk>/", public.detail, name="detail"),
    path("consultations/<int:pk>/comment/", public.comment, name="comment"),
    path("consultations/documents/<int:pk>/download/", public.document, name="document"),
    # Staff: consultations.
    path("staff/units/<str:code>/consultations/new/", consultations.create, name="create"),
    path(
        "staff/agencies/<str:code>/consultations/new/",
        consultations.create_for_agency,
        name="create_for_agency",
    ),
    path("staff/consultations/<int:pk>/", consultations.staff_detail, name="staff_detail"),
    path("staff/consultations/<int:pk>/open/", consultations.open_view, name="open"),
    path("staff/consultations/<int:pk>/open/confirm/", consultations.open_confirm, name="open_confirm"),
    path("staff/consultations/<int:pk>/board/", consultations.board_posting, name="board_posting"),
    path("staff/consultations/<int:pk>/documents/", consultations.upload, name="upload"),
    path("staff/consultations/<int:pk>/comments/", consultations.comment_record, name="comment_record"),
    path(
        "staff/consultations/<int:pk>/comments/<int:cpk>/respond/",
        consultations.comment_respond,
        name="comment_respond",
    ),
    path(
        "staff/consultations/<int:pk>/comments/<int:cpk>/hide/",
        consultations.comment_hide,
        name="comment_hide",
    ),
    path("staff/consultations/<int:pk>/results/", consultations.publish_results, name="publish_results"),
    path("staff/consultations/<int:pk>/comments.xlsx", consultations.comments_xlsx, name="comments_xlsx"),
    # Staff: decisions, one URL per step, and online votes.
    path("staff/units/<str:code>/decisions/new/", decisions.decision_create, name="decision_create"),
    path(
        "staff/agencies/<str:code>/decisions/new/",
        decisions.decision_create_for_agency,
        name="decision_create_for_agency",
    ),
    path("staff/decisions/<int:pk>/", decisions.decision_detail, name="decision_detail"),
    path("staff/decisions/<int:pk>/tally/", decisions.decision_tally, name="decision_tally"),
    path("staff/decisions/<int:pk>/send/", decisions.decision_send, name="decision_send"),
    path("staff/decisions/<int:pk>/recognise/", decisions.decision_recognise, name="decision_recognise"),
    path("staff/decisions/<int:pk>/online-vote/", decisions.vote_open, name="vote_open"),
    # Staff: inspection-board recommendations.
    path("staff/units/<str:code>/recommendations/", recommendations.recommendations, name="recommendations"),
    path(
        "staff/agencies/<str:code>/recommendations/",
        recommendations.recommendations_for_agency,
        name="recommendations_for_agency",
    ),
    path(
        "staff/units/<str:code>/recommendations/new/",
        recommendations.recommendation_create,
        name="recommendation_create",
    ),
    path(
        "staff/agencies/<str:code>/recommendations/new/",
        recommendations.recommendation_create_for_agency,
        name="recommendation_create_for_agency",
    ),
    path(
        "staff/recommendations/<int:pk>/",
        recommendations.recommendation_detail,
        name="recommendation_detail",
    ),
    # Public: the household's vote and the decisions board.
    path("vote/<int:pk>/", public.vote, name="vote"),
    path("vote/<int:pk>/receipt/", public.vote_receipt, name="vote_receipt"),
    path("units/<str:code>/decisions/", public.decisions_board, name="decisions_board"),
    path("decisions/<int:pk>/", public.decision_public, name="decision_public"),
    # Printable documents and meeting minutes.
    path("consultations/<int:pk>/plan.pdf", documents.plan_pdf, name="plan_pdf"),
    path("consultations/<int:pk>/result.pdf", documents.result_pdf, name="result_pdf"),
    path("meetings/<int:pk>/minutes.pdf", documents.minutes_pdf, name="minutes_pdf"),
    path("decisions/<int:pk>/decision.pdf", documents.decision_pdf, name="decision_pdf"),
    path("decisions/<int:pk>/tally.pdf", documents.tally_pdf, name="tally_pdf"),
    path("staff/consultations/<int:pk>/meetings/new/", documents.meeting_create, name="meeting_create"),
    path(
        "staff/decisions/<int:pk>/meetings/new/",
        documents.decision_meeting_create,
        name="decision_meeting_create",
    ),
]
