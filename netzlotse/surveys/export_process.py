"""The survey export run in a process of its own (for the benchmark's memory measurement): this module imports
nothing of Django at load time, since a freshly spawned interpreter must set Django up before any model."""

import time


def run(export_id: str, queue) -> None:
    import django

    django.setup()
    from netzlotse.surveys.jobs import export_run

    started = time.perf_counter()
    export = export_run(export_id=export_id)
    queue.put((time.perf_counter() - started, export.status, export.path.stat().st_size if export.path.exists() else 0))
