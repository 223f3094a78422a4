"""Read-only admin pages for consultations, decisions and recommendations, each with its audit trail.

Every change goes through `consultations.actions` (validated, audited), never through the admin. A
comment's name and contact stay out of these pages, and a decision shows neither its vote codes (their
hashes, households or anything about when they were used) nor its ballots: only how many codes were
used, which is what a clerk needs, and the tally, the only trace of how households voted.
"""

from django.contrib import admin
from django.db.models import Count, Q

from democracy.admin import AuditInline, ReadOnlyAdminMixin

from .models import (
    AnswerRevision,
    Comment,
    Consultation,
    Decision,
    DraftDocument,
    Meeting,
    MeetingAttachment,
    MeetingKindRule,
    Recommendation,
    VillageResult,
)


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False


class DocumentInline(ReadOnlyInline):
    model = DraftDocument
    fields = ["original_name", "content_type", "size", "sha256", "uploaded_at"]
    readonly_fields = fields


class CommentInline(ReadOnlyInline):
    model = Comment
    fields = [
        "received_at", "channel", "people_count", "section", "text", "response_kind", "response", "responded_at",
        "hidden_at", "hidden_reason",
    ]  # fmt: skip
    readonly_fields = fields


class ConsultationMeetingInline(ReadOnlyInline):
    model = Meeting
    fk_name = "consultation"
    fields = ["kind", "title", "held_at", "place", "expected", "present", "absent", "minutes_number"]
    readonly_fields = fields


class DecisionMeetingInline(ConsultationMeetingInline):
    fk_name = "decision"


class VillageResultInline(ReadOnlyInline):
    model = VillageResult
    fields = ["village", "households", "agree"]
    readonly_fields = fields


class AnswerRevisionInline(ReadOnlyInline):
    model = AnswerRevision
    fields = ["given_on", "text", "reason", "revised_at", "revised_by"]
    readonly_fields = fields


class OwnedAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_select_related = ["unit", "agency"]
    date_hierarchy = None

    @admin.display(description="Đơn vị")
    def owner_display(self, obj):
        return obj.owner


@admin.register(Consultation)
class ConsultationAdmin(OwnedAdmin):
    list_display = ["title", "owner_display", "state", "opened_at", "ends_on", "results_published_at"]
    list_filter = ["state"]
    search_fields = ["title", "plan_number"]
    exclude = ["form_token", "search_text"]
    inlines = [DocumentInline, CommentInline, ConsultationMeetingInline, AuditInline]


@admin.register(Decision)
class DecisionAdmin(OwnedAdmin):
    list_display = ["title", "owner_display", "method", "state", "outcome", "decided_on", "recognised_on"]
    list_filter = ["state", "method", "outcome"]
    search_fields = ["title"]
    readonly_fields = ["codes_used"]
    inlines = [VillageResultInline, DecisionMeetingInline, AuditInline]

    @admin.display(description="Mã biểu quyết đã dùng")
    def codes_used(self, obj):
        codes = obj.codes.aggregate(total=Count("pk"), used=Count("pk", filter=Q(used=True)))
        return f"{codes['used']}/{codes['total']}" if codes["total"] else "–"


@admin.register(Recommendation)
class RecommendationAdmin(OwnedAdmin):
    list_display = ["subject", "owner_display", "made_on", "due_on", "answered_on"]
    list_filter = ["answered_on"]
    search_fields = ["subject", "addressed_to"]
    inlines = [AnswerRevisionInline, AuditInline]


class MeetingAttachmentInline(ReadOnlyInline):
    model = MeetingAttachment
    fields = ["original_name", "content_type", "size", "sha256", "created_at"]
    readonly_fields = fields


@admin.register(Meeting)
class MeetingAdmin(OwnedAdmin):
    list_display = ["title", "owner_display", "kind", "state", "held_at", "expected", "present"]
    list_filter = ["kind", "state", "public"]
    search_fields = ["title", "place"]
    inlines = [MeetingAttachmentInline, AuditInline]


@admin.register(MeetingKindRule)
class MeetingKindRuleAdmin(admin.ModelAdmin):
    """The law's data for each kind of meeting (minimum notice, fixed agenda, article): editable."""

    list_display = ["kind", "article", "min_notice_days", "people_word", "report_required", "public_default"]
    list_editable = ["min_notice_days"]
