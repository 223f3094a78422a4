"""The follow app in the admin: administrators may see (and, for an address, lift a suspension by
editing its failures), never the public."""

from django.contrib import admin

from .models import Delivery, Event, Subscriber, Subscription


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "language", "failures", "suspended_at", "created_at"]
    list_filter = ["language", ("suspended_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    readonly_fields = ["email", "created_at", "last_error"]


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["pk", "target_label", "frequency", "state", "confirmed_at", "ended_at"]
    list_filter = ["state", "frequency", "target_type"]
    readonly_fields = [f.name for f in Subscription._meta.fields if f.name != "id"]

    def has_add_permission(self, request):
        return False


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["happened_at", "kind", "title", "unit_name", "fanned_out_at"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in Event._meta.fields if f.name != "id"]

    def has_add_permission(self, request):
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["event", "subscriber", "frequency", "state", "sent_at"]
    list_filter = ["state", "frequency"]
    readonly_fields = [f.name for f in Delivery._meta.fields if f.name != "id"]

    def has_add_permission(self, request):
        return False
