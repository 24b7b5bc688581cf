"""What needs doing in a counsellor's cases, as querysets: for the due list and the start page's counts."""

from datetime import timedelta

from netzlotse.accounts import roles

from .models import Case, CaseStep, Placement


def due_lists(user, today, *, all_cases: bool) -> dict:
    """Overdue follow-ups, residence permits ending within 60 days, placements ending within 30 days and overdue
    service-chain steps, in the user's caseload (or all cases of their organisations)."""
    mine = Case.objects.visible_to(user, own_caseload_only=not all_cases)
    own = mine.filter(organization__in=roles.organization_ids(user))
    return {
        "overdue": own.follow_up_overdue(today).select_related("participant").order_by("next_due"),
        "permits": own.permit_ending(today).select_related("participant").order_by("permit_until"),
        "placements": Placement.objects.filter(case__in=own, status=Placement.Status.ACTIVE, planned_end__gte=today,
                                               planned_end__lte=today + timedelta(days=30))
        .select_related("case__participant", "site").order_by("planned_end"),
        "steps": CaseStep.objects.overdue(today).filter(case__in=own).select_related("case__participant")
        .order_by("due_on"),
    }
