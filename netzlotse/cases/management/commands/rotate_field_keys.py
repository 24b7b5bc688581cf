from django.core.management.base import BaseCommand
from django.db import transaction

from netzlotse.cases.fields import encrypted_fields, reencrypt


class Command(BaseCommand):
    help = ("Encrypt every encrypted field again with the first key of NETZLOTSE_FIELD_KEY (after a new key was put "
            "first); afterwards the old keys can be removed from the list.")

    def handle(self, *args, **options):
        for model, name in encrypted_fields():
            with transaction.atomic():
                count = reencrypt(model, name)
            self.stdout.write(f"{model._meta.label}.{name}: {count} neu verschlüsselt")
