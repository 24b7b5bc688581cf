from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "netzlotse.accounts"
    label = "accounts"
