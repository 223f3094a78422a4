from django.contrib import admin

from democracy.admin import AuditInline, ReadOnlyAdminMixin

from .models import Board, BoardReport, BoardRule, Inspection, Member, WorkPlan


@admin.register(BoardRule)
class BoardRuleAdmin(admin.ModelAdmin):
    list_display = ["kind", "key", "value", "article"]
    list_filter = ["kind"]


class MemberInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Member
    extra = 0
    raw_id_fields = ["village"]


@admin.register(Board)
class BoardAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read only: a board changes through its pages (one audited write function per change)."""

    list_display = ["name", "kind", "state", "unit", "agency", "term_start", "term_end", "recognised_on"]
    list_filter = ["kind", "state"]
    search_fields = ["name", "project"]
    raw_id_fields = ["unit", "agency", "elected_at_meeting", "elected_by_decision", "disclosure"]
    readonly_fields = ["state", "recognised_by", "created_by"]
    inlines = [MemberInline, AuditInline]


@admin.register(WorkPlan)
class WorkPlanAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read only: a board changes through its pages (one audited write function per change)."""

    list_display = ["board", "period", "year", "number", "filed_on"]
    raw_id_fields = ["board"]


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read only: a board changes through its pages (one audited write function per change)."""

    list_display = ["subject", "board", "state", "plan_sent_on", "starts_on", "concluded_on"]
    raw_id_fields = ["board", "plan"]


@admin.register(BoardReport)
class BoardReportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read only: a board changes through its pages (one audited write function per change)."""

    list_display = ["title", "board", "kind", "due_on", "sent_on", "received_on"]
    list_filter = ["kind"]
    raw_id_fields = ["board"]
