from django.core.management.base import BaseCommand
from django.db import transaction

from netzlotse.cases.fields import encrypted_fields


class Command(BaseCommand):
    help = ("Encrypt every encrypted field again with the first key of NETZLOTSE_FIELD_KEY (after a new key was put "
            "first); afterwards the old keys can be removed from the list.")

    def handle(self, *args, **options):
        for model, name in encrypted_fields():
            count = 0
            with transaction.atomic():
                # Read decrypted (any key of the list), written encrypted with the first key.
                for pk, value in model.objects.exclude(**{name: ""}).values_list("pk", name).iterator():
                    model.objects.filter(pk=pk).update(**{name: value})
                    count += 1
            self.stdout.write(f"{model._meta.label}.{name}: {count} neu verschlüsselt")
