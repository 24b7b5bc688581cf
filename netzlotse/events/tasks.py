"""Work the event pages hand off to the task worker (`manage.py db_worker`)."""

from django_tasks import task

from . import mails


@task()
def send_registration_mail(kind: str, registration_id: int, base_url: str) -> None:
    mails.send(kind, registration_id, base_url)


@task()
def draw_certificates(batch_id: str) -> None:
    from .certificates import batch_run

    batch_run(batch_id)
