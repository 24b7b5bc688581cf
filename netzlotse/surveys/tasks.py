"""Work the survey pages hand off to the task worker (`manage.py db_worker`)."""

from django_tasks import task

from . import invitations, jobs


@task()
def send_invitations(survey_id: int, reminder: bool, base_url: str, sent_before: str | None = None,
                     occasion_prefix: str = "") -> None:
    invitations.send(survey_id=survey_id, reminder=reminder, base_url=base_url, sent_before=sent_before,
                     occasion_prefix=occasion_prefix)


@task()
def export_survey(export_id: str) -> None:
    jobs.export_run(export_id=export_id)
