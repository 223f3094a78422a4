"""The register in the admin: read-only entries (written by `regulations.actions`, audited) with their
trail; the convention steps and the reviewers' deadlines are data, edited here."""

from django.contrib import admin

from democracy.admin import AuditInline, ReadOnlyAdminMixin

from .models import ComplianceDeadline, ConventionStep, DraftRecord, Regulation, ReviewReminder


@admin.register(Regulation)
class RegulationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["number", "title", "kind", "unit", "agency", "effective_from", "replaced_by"]
    list_filter = ["kind"]
    search_fields = ["number", "title"]
    inlines = [AuditInline]


@admin.register(DraftRecord)
class DraftRecordAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["number", "kind", "consultation", "made_at"]


@admin.register(ConventionStep)
class ConventionStepAdmin(admin.ModelAdmin):
    list_display = ["order", "label", "count", "unit", "article"]
    ordering = ["order"]


@admin.register(ComplianceDeadline)
class ComplianceDeadlineAdmin(admin.ModelAdmin):
    list_display = ["kind", "due_on", "article"]

    def save_model(self, request, obj, form, change):
        obj.set_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ReviewReminder)
class ReviewReminderAdmin(admin.ModelAdmin):
    list_display = ["applies_to", "days_before", "days_after", "article"]
