from django.urls import path

from .views import matrix, network, register, report, settings

app_name = "gaps"
urlpatterns = [
    path("", matrix.matrix_page, name="matrix"),
    path("register/", register.register, name="register"),
    path("register/pruefen/", register.detect_now, name="detect"),
    path("register/status/", register.bulk_status, name="bulk_status"),
    path("register/<int:pk>/", register.gap_detail, name="gap"),
    path("bericht/", report.report, name="report"),
    path("netzwerk/", network.graph_page, name="graph"),
    path("schnittstellen/", network.interfaces, name="interfaces"),
    path("schnittstellen/<int:network_pk>/neu/", network.interface_edit, name="interface_create"),
    path("schnittstellen/<int:network_pk>/<int:pk>/", network.interface_edit, name="interface_edit"),
    path("einstellungen/", settings.settings_index, name="settings_index"),
    path("einstellungen/<int:pk>/", settings.network_settings, name="settings"),
]
