import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fast_tests(settings):
    # Argon2 is slow on purpose; tests that create users use a fast hasher.
    # test_security checks that the real settings hash with Argon2.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LANGUAGE_CODE = "de"


@pytest.fixture
def world(db):
    from netzlotse.directory.tests.helpers import World

    return World()


@pytest.fixture
def after_commit(settings, django_capture_on_commit_callbacks):
    """`with after_commit(): ...` runs what the block hands to the task worker when its transaction commits, at
    once (as the worker would a moment later): for tests of a save's effects, not of the queue."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def committed(transactional_db):
    """A database whose writes commit, for a second connection to read (the live server, the task worker).
    Such a test's flush also removes the rows the data migrations wrote; they are put back first."""
    from django.apps import apps

    from netzlotse.directory.reference_data import load_reference_data
    from netzlotse.network.models import Region
    from netzlotse.network.regions import load_regions

    load_regions(Region)
    load_reference_data(apps.get_model)
