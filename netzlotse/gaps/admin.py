from django.contrib import admin

from .models import CoverageThreshold


@admin.register(CoverageThreshold)
class CoverageThresholdAdmin(admin.ModelAdmin):
    list_display = ["network", "phase", "minimum"]
    list_filter = ["network"]
