"""Work the report pages hand off to the task worker (`manage.py db_worker`)."""

from django_tasks import task

from . import services


@task()
def export_report(job_id: str) -> None:
    services.export_run(job_id=job_id)
