"""Short-lived per-process memory for small reference lists that every public page needs.

A plain dict, not Django's cache: the local-memory cache pickles values, and unpickling
hundreds of objects on every request costs more than the query it saves.
"""

import time

from django.conf import settings

_memo: dict[str, tuple[float, object]] = {}


def reference_list(key: str, build):
    """A small list or mapping (vocabulary entries, phases, regions); edits show within the TTL."""
    ttl = settings.REFERENCE_CACHE_SECONDS
    now = time.monotonic()
    hit = _memo.get(key)
    if hit and now - hit[0] < ttl:
        return hit[1]
    value = build()
    if ttl > 0:
        _memo[key] = (now, value)
    return value
