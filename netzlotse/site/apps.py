from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "netzlotse.site"
    label = "netzlotse_site"
    verbose_name = "netzlotse"
