from django.conf import settings
from django.core.management.base import BaseCommand

from netzlotse.events.followup import surveys_send


class Command(BaseCommand):
    help = ("Invite those who attended an event that is over to its feedback survey, and to its follow-up survey "
            "once its weeks have passed (each once), and remind those who have not answered a week later (once). "
            "Run daily.")

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default=settings.SITE_URL, help="the address the links in the mails start with")

    def handle(self, *args, base_url, **options):
        sent = surveys_send(base_url=base_url)
        self.stdout.write(f"Einladungen: {sent['feedback']} zum Feedback, {sent['followup']} zur Nachbefragung; "
                          f"{sent['reminders']} Erinnerungen.")
