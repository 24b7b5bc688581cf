from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "netzlotse.core"
    label = "core"
