from django.urls import path

from .views import public

app_name = "events"
urlpatterns = [
    path("", public.calendar_page, name="calendar"),
    path("kalender.ics", public.calendar_feed, name="feed"),
    path("<uuid:uuid>/", public.detail, name="detail"),
    path("<uuid:uuid>/termin.ics", public.event_ics, name="ics"),
    path("anmeldung/<str:token>/bestaetigen/", public.confirm, name="confirm"),
    path("anmeldung/<str:token>/abmelden/", public.cancel, name="cancel"),
]
