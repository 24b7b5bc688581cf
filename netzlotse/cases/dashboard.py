"""The case file's reminders on the start page: counts only (no person appears), linking to the due list."""

from django.utils import timezone

from netzlotse.accounts import roles
from netzlotse.core.dashboard import panel

from .models import Case, Referral
from .reminders import due_lists


@panel("cases/dashboard_panel.html")
def reminders(request):
    if not roles.can(request.user, roles.VIEW_CASES):
        return None
    # Counsellors see their own caseload; provider staff, who have none, their organisation's cases.
    lists = due_lists(request.user, timezone.localdate(),
                      all_cases=not roles.can(request.user, roles.OWN_CASELOAD))
    orgs = roles.organization_ids(request.user)
    return {"counts": {name: items.count() for name, items in lists.items()},
            "open_cases": Case.objects.filter(organization__in=orgs, closed_on__isnull=True).count(),
            "referrals_waiting": Referral.objects.sharing().filter(recipient__in=orgs,
                                                                   status=Referral.Status.PROPOSED).count()}
