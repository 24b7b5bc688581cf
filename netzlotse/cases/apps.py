from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "netzlotse.cases"
    label = "cases"
