from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "netzlotse.monitoring"
    label = "monitoring"
