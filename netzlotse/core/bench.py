"""The benchmark's operations: each app registers its own in a `bench.py` module.

`manage.py bench` discovers those modules through the app registry, so an app
lower down never imports one above it.
"""

import time
from dataclasses import dataclass, field

from django.test import Client


@dataclass
class Context:
    size: str
    runs: int
    import_runs: int
    rng: object
    client: Client
    notes: list = field(default_factory=list)  # lines an operation adds to the printout (e.g. a comparison)

    def time_requests(self, next_url, runs=None):
        """Time GET requests. Each URL is requested once untimed first, so the figures are for a warm
        database cache (README also reports cold-cache figures)."""
        urls = [next_url() for _ in range(runs or self.runs)]
        for url in urls:
            self.client.get(url, secure=True)
        timings = []
        for url in urls:
            started = time.perf_counter()
            response = self.client.get(url, secure=True)  # as behind TLS in production
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"{url}: HTTP {response.status_code}")
        return timings

    def time_posts(self, make, runs=None):
        """Time POSTs built by `make()` → (client, url, data); any answer but a redirect is an error."""
        timings = []
        for _ in range(runs or self.runs):
            client, url, data = make()
            started = time.perf_counter()
            response = client.post(url, data, secure=True)
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 302:
                raise RuntimeError(f"{url}: HTTP {response.status_code}")
        return timings

    def time_calls(self, call, runs=None):
        timings = []
        for _ in range(runs or self.runs):
            started = time.perf_counter()
            call()
            timings.append((time.perf_counter() - started) * 1000)
        return timings


OPERATIONS: dict[str, tuple] = {}  # name → (function(context) → timings in ms, goal p95 in ms)


def operation(name: str, goal_ms: float):
    def register(function):
        OPERATIONS[name] = (function, goal_ms)
        return function

    return register


def percentile(values, pct):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]
