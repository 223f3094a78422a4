"""The staff list of consultations, decisions and recommendations of the user's units and agencies."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone

from units.access import owned_filter

from ..models import Consultation, ConsultationState, Decision, Recommendation

LIMIT = 100


@login_required
def workspace(request):
    owned = owned_filter(request)
    consultations = (
        Consultation.objects.filter(owned)
        .select_related("item", "unit", "agency")
        .annotate(
            waiting=Count("comments", filter=Q(comments__response="", comments__hidden_at__isnull=True))
        )
        .order_by("state", "-created_at")[:LIMIT]
    )
    decisions = (
        Decision.objects.filter(owned)
        .select_related("item", "unit", "agency")
        .order_by("-created_at")[:LIMIT]
    )
    recommendations = (
        Recommendation.objects.filter(owned)
        .select_related("unit", "agency")
        .order_by("answered_on", "due_on")[:LIMIT]
    )
    return render(
        request,
        "consultations/workspace.html",
        {
            "consultations": consultations,
            "decisions": decisions,
            "recommendations": recommendations,
            "today": timezone.localdate(),
            "open_state": ConsultationState.OPEN,
        },
    )
