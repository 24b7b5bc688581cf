"""Work the report pages hand off to the task worker (`manage.py db_worker`)."""

from django_tasks import task

from . import jobs


@task()
def export_report(job_id: str) -> None:
    jobs.export_run(job_id=job_id)
