from django.apps import AppConfig


class GapsConfig(AppConfig):
    name = "netzlotse.gaps"
    label = "gaps"
