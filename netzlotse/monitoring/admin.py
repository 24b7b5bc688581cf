from django.contrib import admin

from .models import Cutoff, Target


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["indicator", "value", "programme", "project"]
    list_filter = ["indicator"]
    autocomplete_fields = ["programme", "project"]


@admin.register(Cutoff)
class CutoffAdmin(admin.ModelAdmin):
    list_display = ["programme", "date", "closed_at", "closed_by"]
    list_filter = ["programme"]
    # Closed figures are what went to the funder: they are shown, never edited here.
    readonly_fields = ["closed_at", "closed_by", "figures"]
