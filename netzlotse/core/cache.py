"""Short-lived caches for small reference lists that every public page needs."""

from django.core.cache import cache

REFERENCE_TTL_SECONDS = 60


def reference_list(key: str, build):
    """A small list (vocabulary entries, phases) cached per process; edits show within a minute."""
    return cache.get_or_set(f"reference:{key}", build, REFERENCE_TTL_SECONDS)
