from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "netzlotse.events"
    label = "events"
    verbose_name = "Veranstaltungen"
