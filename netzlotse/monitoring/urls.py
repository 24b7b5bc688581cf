from django.urls import path

from . import import_views, views

app_name = "monitoring"
urlpatterns = [
    path("", views.report, name="report"),
    path("esf/", views.esf, name="esf"),
    path("export/", views.export_start, name="export_start"),
    path("export/<uuid:pk>/", views.export_status, name="export"),
    path("export/<uuid:pk>/datei/", views.export_file, name="export_file"),
    path("programm/<int:pk>/stichtage/", views.cutoffs, name="cutoffs"),
    path("programm/<int:pk>/ziele/", views.targets, name="targets"),
    path("import/", import_views.upload, name="import"),
    path("import/vorlage.xlsx", import_views.template, name="import_template"),
    path("import/<int:pk>/", import_views.run, name="import_run"),
]
