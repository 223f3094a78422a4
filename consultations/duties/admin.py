from django.contrib import admin

from .models import Duty


@admin.register(Duty)
class DutyAdmin(admin.ModelAdmin):
    """The catalogue of the law's yearly duties: data with their articles, editable by administrators."""

    list_display = [
        "name",
        "applies_to",
        "frequency",
        "kinds",
        "opens_day",
        "opens_month",
        "due_day",
        "due_month",
        "active",
    ]
    list_filter = ["applies_to", "frequency", "active"]
    search_fields = ["name", "article", "code"]
