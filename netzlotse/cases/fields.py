"""Encryption at rest for special-category text (health, addiction, debts notes).

The key comes from the environment (`NETZLOTSE_FIELD_KEY`, a Fernet key). Development and test runs
derive one from SECRET_KEY so the demo works out of the box; production refuses to store such text
without a configured key. Encrypted text cannot be searched or sorted in the database, which is
intended: nobody should filter people by their health notes.
"""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "fernet:"


@lru_cache(maxsize=4)
def _fernet(key: str) -> Fernet:
    return Fernet(key.encode())


def fernet() -> Fernet:
    key = settings.FIELD_ENCRYPTION_KEY
    if not key:
        raise ImproperlyConfigured("NETZLOTSE_FIELD_KEY is not set: special-category data cannot be stored.")
    return _fernet(key)


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token; read back as plain text. Empty text stays empty (nothing to hide)."""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return ""
        return PREFIX + fernet().encrypt(value.encode()).decode()

    def from_db_value(self, value, expression, connection):
        if not value or not value.startswith(PREFIX):
            return value or ""
        try:
            return fernet().decrypt(value[len(PREFIX):].encode()).decode()
        except InvalidToken as error:  # a wrong or rotated key: never show ciphertext as if it were the note
            raise ImproperlyConfigured("NETZLOTSE_FIELD_KEY does not match the stored data.") from error
