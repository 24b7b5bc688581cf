from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "netzlotse.surveys"
    label = "surveys"
    verbose_name = "Umfragen"
