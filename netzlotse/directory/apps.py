from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "netzlotse.directory"
    label = "directory"
