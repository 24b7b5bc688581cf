from django.contrib import admin

from .models import (
    DeliveryMode,
    FieldOfAction,
    Language,
    Location,
    Offer,
    OfferCell,
    OfferChange,
    Phase,
    ProcessChain,
    ResidenceStatus,
    TargetGroup,
)


class VocabularyAdmin(admin.ModelAdmin):
    """Administrators extend the vocabularies here; the code stays stable, labels can be translated."""

    list_display = ["code", "label_de", "label_en", "position", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["code", "label_de", "label_en"]


for model in (FieldOfAction, TargetGroup, ResidenceStatus, Language, DeliveryMode):
    admin.site.register(model, VocabularyAdmin)


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    fields = ["position", "code", "name_de", "name_en"]


@admin.register(ProcessChain)
class ProcessChainAdmin(admin.ModelAdmin):
    inlines = [PhaseInline]
    list_display = ["name", "code", "network", "is_default"]


class LocationInline(admin.StackedInline):
    model = Location
    extra = 0
    autocomplete_fields = ["district"]


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["title_de", "provider", "status", "valid_until", "last_verified"]
    list_filter = ["status", "phases"]
    search_fields = ["title_de", "external_id"]
    autocomplete_fields = ["provider", "project", "regions"]
    inlines = [LocationInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        OfferCell.objects.refresh([form.instance.pk])

    # Offers are edited in the application, where every change goes into the offer's history.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OfferChange)
class OfferChangeAdmin(admin.ModelAdmin):
    """Read-only: the history is written by the services, never edited."""

    list_display = ["offer", "action", "changed_by", "changed_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
