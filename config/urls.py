from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from django_otp.admin import OTPAdminSite

from netzlotse.api import api
from netzlotse.core.views import healthz

# The admin holds every account and vocabulary: it opens only after the second factor.
admin.site.__class__ = OTPAdminSite

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="directory:search", permanent=False), name="home"),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("konto/", include("netzlotse.accounts.urls")),
    path("netzwerk/", include("netzlotse.network.urls")),
    path("luecken/", include("netzlotse.gaps.urls")),
    path("faelle/", include("netzlotse.cases.urls")),
    path("verwaltung/einsatzstellen/", include("netzlotse.cases.site_urls")),
    path("monitoring/", include("netzlotse.monitoring.urls")),
    path("umfragen/", include("netzlotse.surveys.urls")),
    path("u/", include("netzlotse.surveys.respond_urls")),
    path("veranstaltungen/", include("netzlotse.events.urls")),
    path("", include("netzlotse.directory.urls")),
    path("api/hsds/", include("netzlotse.directory.hsds.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
