from django.urls import path

from .views import case as views
from .views import imports as import_views
from .views import placing, sharing, steps

app_name = "cases"
urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("faellig/", views.due, name="due"),
    path("neu/", views.admit, name="admit"),
    path("einsatzstellen/", views.slots_board, name="slots"),
    path("import/", import_views.upload, name="import"),
    path("import/vorlage.xlsx", import_views.template, name="import_template"),
    path("import/<int:pk>/ausfuehren/", import_views.run, name="import_run"),
    path("<int:pk>/kontakt/", views.record, {"what": "kontakt"}, name="contact"),
    path("<int:pk>/bedarf/", views.record, {"what": "bedarf"}, name="need"),
    path("<int:pk>/bedarf/<int:need_pk>/", views.record, {"what": "bedarf"}, name="need_edit"),
    path("<int:pk>/person/", views.person, name="person"),
    path("<int:pk>/auskunft/", views.participant_rights, name="rights"),
    path("<int:pk>/einwilligung/", sharing.consent_add, name="consent"),
    path("<int:pk>/einwilligung/<int:consent_pk>/widerruf/", sharing.consent_revoke, name="consent_revoke"),
    path("<int:pk>/zuweisung/", sharing.refer, name="refer"),
    path("<int:pk>/platz/", placing.book, name="book"),
    path("<int:pk>/austritt/", placing.close, name="close"),
    path("<int:pk>/plan/", placing.plan, name="plan"),
    path("<int:pk>/esf/", placing.esf, name="esf"),
    path("<int:pk>/aufenthalt/", placing.residence, name="residence"),
    path("<int:pk>/platz/<int:placement_pk>/beginn/", placing.start, name="placement_start"),
    path("<int:pk>/platz/<int:placement_pk>/ende/", placing.end, name="placement_end"),
    path("<int:pk>/platz/<int:placement_pk>/absage/", placing.cancel, name="placement_cancel"),
    path("<int:pk>/kette/", steps.apply, name="chain_apply"),
    path("<int:pk>/schritt/<int:step_pk>/", steps.tick, name="step_tick"),
    path("<int:pk>/zuweisung/<int:referral_pk>/", sharing.referral_status, name="referral_status"),
]
