"""Encryption at rest for special categories: need notes and the kind of a need (health, addiction, debts …).

The keys come from the environment (`NETZLOTSE_FIELD_KEY`: one Fernet key, or several separated by commas,
the first one encrypting and every one decrypting, so a key can be rotated: put the new key first, run
`manage.py rotate_field_keys`, then drop the old one). Development and test runs derive a key from
SECRET_KEY so the demo works out of the box; production refuses to store such data without a configured
key. Encrypted values cannot be searched or sorted in the database, which is intended: nobody should filter
people by their health. What the product must count or filter on is kept apart, coded and unencrypted (a
need's `special` flag says whether it is a special category, never which one).
"""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "fernet:"


@lru_cache(maxsize=4)
def _fernet(keys: str) -> MultiFernet:
    return MultiFernet([Fernet(key.strip().encode()) for key in keys.split(",") if key.strip()])


def fernet() -> MultiFernet:
    keys = settings.FIELD_ENCRYPTION_KEY
    if not keys:
        raise ImproperlyConfigured("NETZLOTSE_FIELD_KEY is not set: special-category data cannot be stored.")
    return _fernet(keys)


def encrypt(value: str) -> str:
    return PREFIX + fernet().encrypt(value.encode()).decode() if value else ""


def decrypt(value: str) -> str:
    if not value or not value.startswith(PREFIX):
        return value or ""  # stored before it was encrypted (a migration encrypts such values)
    try:
        return fernet().decrypt(value[len(PREFIX):].encode()).decode()
    except InvalidToken as error:  # a wrong or removed key: never show ciphertext as if it were the data
        raise ImproperlyConfigured("NETZLOTSE_FIELD_KEY does not match the stored data.") from error


class EncryptedMixin:
    def get_prep_value(self, value):
        return encrypt(super().get_prep_value(value) or "")

    def from_db_value(self, value, expression, connection):
        return decrypt(value)


class EncryptedTextField(EncryptedMixin, models.TextField):
    """Text stored as a Fernet token; read back as plain text. Empty text stays empty (nothing to hide)."""


class EncryptedCharField(EncryptedMixin, models.CharField):
    """A short coded value (e.g. a choice) stored as a Fernet token; `max_length` is that of the plain value,
    the column is wide enough for the token."""

    def __init__(self, *args, **kwargs):
        self.plain_length = kwargs.pop("plain_length", kwargs.get("max_length", 50))
        kwargs["max_length"] = 255
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["plain_length"] = self.plain_length
        del kwargs["max_length"]
        return name, path, args, kwargs


def encrypted_fields():
    """(model, field name) of every encrypted field in the project, for key rotation."""
    from django.apps import apps

    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedMixin):
                yield model, field.name


def reencrypt(model, *names, batch=1000, **extra) -> int:
    """Write the fields again in batches: read decrypted (with any key), written encrypted with the first key.
    `extra` sets further fields from each row (e.g. a flag derived from the decrypted value)."""
    rows, count = [], 0
    for row in model.objects.only("pk", *names).iterator(chunk_size=batch):
        for field, derive in extra.items():
            setattr(row, field, derive(row))
        rows.append(row)
        if len(rows) == batch:
            model.objects.bulk_update(rows, [*names, *extra])
            count, rows = count + len(rows), []
    if rows:
        model.objects.bulk_update(rows, [*names, *extra])
    return count + len(rows)
