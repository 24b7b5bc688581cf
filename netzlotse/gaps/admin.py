from django.contrib import admin

from .models import CoverageThreshold, DemandFigure, Gap, Interface


@admin.register(CoverageThreshold)
class CoverageThresholdAdmin(admin.ModelAdmin):
    list_display = ["network", "phase", "minimum"]
    list_filter = ["network"]


@admin.register(DemandFigure)
class DemandFigureAdmin(admin.ModelAdmin):
    list_display = ["network", "district", "phase", "target_group", "places_needed"]
    list_filter = ["network"]


@admin.register(Gap)
class GapAdmin(admin.ModelAdmin):
    """Read-only: gaps change through the register's workflow, which keeps their history."""

    list_display = ["district", "phase", "kind", "status", "found_on", "closed_on", "network"]
    list_filter = ["network", "status", "kind"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Interface)
class InterfaceAdmin(admin.ModelAdmin):
    list_display = ["project_a", "project_b", "status", "network", "updated_on"]
    list_filter = ["network", "status"]
