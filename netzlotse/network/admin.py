from django.contrib import admin

from .models import Cooperation, Network, NetworkMembership, Organization, Programme, Project, Region, RegionGroup


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["ags", "name", "level", "kind", "population"]
    list_filter = ["level"]
    search_fields = ["ags", "name"]
    autocomplete_fields = ["parent"]


@admin.register(RegionGroup)
class RegionGroupAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    filter_horizontal = ["regions"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "city", "external_id"]
    list_filter = ["kind"]
    search_fields = ["name", "external_id"]
    autocomplete_fields = ["parent", "regions"]


class MembershipInline(admin.TabularInline):
    model = NetworkMembership
    autocomplete_fields = ["organization"]
    extra = 1


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    inlines = [MembershipInline]
    search_fields = ["name"]
    autocomplete_fields = ["coordinator", "regions"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    search_fields = ["name", "short_name"]
    autocomplete_fields = ["funders"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "lead", "programme", "funding_starts_on", "funding_ends_on"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["lead", "partners", "programme", "network", "funding_region"]


@admin.register(Cooperation)
class CooperationAdmin(admin.ModelAdmin):
    list_display = ["source", "kind", "target", "since", "until"]
    list_filter = ["kind"]
    autocomplete_fields = ["source", "target", "network"]
