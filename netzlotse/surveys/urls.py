from django.urls import path

from .views import builder, distribute, results, xlsform

app_name = "surveys"
urlpatterns = [
    path("", builder.survey_list, name="list"),
    path("neu/", builder.survey_edit, name="create"),
    path("xlsform/", xlsform.xlsform_import, name="xlsform_import"),
    path("<int:pk>/", builder.builder, name="builder"),
    path("<int:pk>/einstellungen/", builder.survey_edit, name="edit"),
    path("<int:pk>/fragen/neu/", builder.question_edit, name="question_create"),
    path("<int:pk>/fragen/<int:question>/", builder.question_edit, name="question_edit"),
    path("<int:pk>/fragen/<int:question>/entfernen/", builder.question_remove, name="question_remove"),
    path("<int:pk>/reihenfolge/", builder.arrange, name="arrange"),
    path("<int:pk>/seiten/<int:number>/", builder.page_edit, name="page_edit"),
    path("<int:pk>/status/", builder.set_status, name="status"),
    path("<int:pk>/xlsform.xlsx", xlsform.xlsform_export, name="xlsform_export"),
    path("<int:pk>/verteilen/", distribute.distribute, name="distribute"),
    path("<int:pk>/anlaesse/", distribute.occasion_create, name="occasion_create"),
    path("<int:pk>/einladungen/", distribute.invite, name="invite"),
    path("<int:pk>/einladungen/senden/", distribute.send, name="send"),
    path("<int:pk>/einladungen/loeschen/", distribute.invitations_remove, name="invitations_remove"),
    path("<int:pk>/ergebnisse/", results.results_page, name="results"),
    path("<int:pk>/export/", results.export_start, name="export_start"),
    path("export/<uuid:export>/", results.export_status, name="export"),
    path("export/<uuid:export>/datei/", results.export_file, name="export_file"),
]
