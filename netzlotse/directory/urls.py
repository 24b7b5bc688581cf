from django.urls import path

from .views import chains, imports, public, service_chains, staff

app_name = "directory"
urlpatterns = [
    path("angebote/", public.search, name="search"),
    path("angebote/export.xlsx", staff.export, name="export"),
    path("angebote/alternativen/", public.alternatives, name="alternatives"),
    path("angebote/<int:pk>/", public.detail, name="detail"),
    path("angebote/<int:pk>/handzettel/", public.handout, name="handout"),
    path("ueber/", public.about, name="about"),
    path("uebersicht/", staff.dashboard, name="dashboard"),
    path("verwaltung/angebote/", staff.manage, name="manage"),
    path("verwaltung/angebote/neu/", staff.edit, name="create"),
    path("verwaltung/angebote/<int:pk>/", staff.edit, name="edit"),
    path("verwaltung/angebote/<int:pk>/bestaetigen/", staff.verify, name="verify"),
    path("verwaltung/angebote/<int:pk>/archivieren/", staff.archive, name="archive"),
    path("verwaltung/angebote/<int:pk>/verlauf/", staff.history, name="history"),
    path("verwaltung/prozessketten/", chains.chain_list, name="chains"),
    path("verwaltung/prozessketten/neu/", chains.chain_edit, name="chain_create"),
    path("verwaltung/prozessketten/<int:pk>/", chains.chain_edit, name="chain_edit"),
    path("verwaltung/dienstleistungsketten/", service_chains.service_chain_list, name="service_chains"),
    path("verwaltung/dienstleistungsketten/neu/", service_chains.service_chain_edit, name="service_chain_create"),
    path("verwaltung/dienstleistungsketten/<int:pk>/", service_chains.service_chain_edit, name="service_chain_edit"),
    path("verwaltung/import/", imports.upload, name="import"),
    path("verwaltung/import/vorlage.xlsx", imports.download_template, name="import_template"),
    path("verwaltung/import/<int:pk>/ausfuehren/", imports.run_import, name="import_run"),
]
