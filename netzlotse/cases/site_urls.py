from django.urls import path

from .views import sites as site_views

app_name = "sites"
urlpatterns = [
    path("", site_views.site_list, name="list"),
    path("neu/", site_views.site_edit, name="create"),
    path("<int:pk>/", site_views.site_edit, name="edit"),
    path("<int:pk>/archivieren/", site_views.site_remove, name="archive"),
    path("import/", site_views.import_upload, name="import"),
    path("import/vorlage.xlsx", site_views.import_template, name="import_template"),
    path("import/<int:pk>/ausfuehren/", site_views.import_run, name="import_run"),
]
