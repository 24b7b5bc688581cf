from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "netzlotse.network"
    label = "network"
