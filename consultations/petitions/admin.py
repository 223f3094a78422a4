"""The admin: the answer deadlines (data with their legal basis, editable with a history of who changed
them in the audit of the admin log); petitions and box openings are read-only here (every change goes
through the staff pages and `actions`)."""

from django.contrib import admin

from .models import AnswerRule, BoxOpening, Petition


@admin.register(AnswerRule)
class AnswerRuleAdmin(admin.ModelAdmin):
    list_display = ("province", "days", "legal_basis")
    raw_id_fields = ("province",)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Petition)
class PetitionAdmin(ReadOnlyAdmin):
    list_display = ("reference", "unit", "agency", "kind", "channel", "state", "received_at", "due_on")
    list_filter = ("state", "kind", "channel", "topic")
    exclude = ("name", "contact")  # never shown beyond the staff page of its own commune or agency


@admin.register(BoxOpening)
class BoxOpeningAdmin(ReadOnlyAdmin):
    list_display = ("opened_on", "unit", "agency", "found")
