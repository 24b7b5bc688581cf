from django.urls import path

from .views import certificates, manage, minutes, public

app_name = "events"
urlpatterns = [
    path("", public.calendar_page, name="calendar"),
    path("kalender.ics", public.calendar_feed, name="feed"),
    path("<uuid:uuid>/", public.detail, name="detail"),
    path("<uuid:uuid>/termin.ics", public.event_ics, name="ics"),
    path("anmeldung/<str:token>/bestaetigen/", public.confirm, name="confirm"),
    path("anmeldung/<str:token>/abmelden/", public.cancel, name="cancel"),
    path("verwalten/", manage.event_list, name="manage"),
    path("verwalten/neu/", manage.event_edit, name="create"),
    path("verwalten/<int:pk>/", manage.event_edit, name="edit"),
    path("verwalten/<int:pk>/anmeldungen/", manage.registrations, name="registrations"),
    path("verwalten/<int:pk>/termine/<int:session>/", manage.attendance, name="attendance"),
    path("verwalten/<int:pk>/bescheinigungen/", certificates.certificates_start, name="certificates_start"),
    path("verwalten/<int:pk>/bescheinigung/<int:registration>.pdf", certificates.certificate, name="certificate"),
    path("verwalten/bescheinigungen/<uuid:batch>/", certificates.certificates_status, name="certificates"),
    path("verwalten/bescheinigungen/<uuid:batch>/datei/", certificates.certificates_file, name="certificates_file"),
    path("verwalten/<int:pk>/protokoll/", minutes.minutes_edit, name="minutes_edit"),
    path("protokolle/", minutes.minutes_list, name="minutes_list"),
    path("protokoll/<int:pk>/", minutes.minutes_view, name="minutes"),
    path("protokoll/<int:pk>/protokoll.docx", minutes.minutes_docx, name="minutes_docx"),
    path("aufgaben/<int:action>/erledigt/", minutes.action_done, name="action_done"),
    path("berichte/programm/<int:programme>.xlsx", manage.programme_report, name="programme_report"),
    path("verwalten/auskunft/", manage.person_export, name="person_export"),
]
