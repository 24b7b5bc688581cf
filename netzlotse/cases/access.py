"""How a case view gets at a case: through these lookups only, so the scoping rule lives in one place and the
case views share it without importing one another."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from netzlotse.accounts import roles

from .models import AccessLog, Case


def counselling_organizations(user) -> set[int]:
    """The organisations whose cases the user works on as a counsellor."""
    return roles.organization_ids(user, roles.Role.COUNSELLOR)


def own_case(user, pk) -> Case:
    """A case of the user's own counselling organisations, for a page that changes it: 403 for a user who may
    not edit cases at all, 404 for a case of anyone else (shared cases are read, never changed, by others)."""
    if not roles.can(user, roles.EDIT_CASES):
        raise PermissionDenied
    return get_object_or_404(Case.objects.filter(organization__in=counselling_organizations(user)), pk=pk)


def case_for(request, pk, *, part) -> Case:
    """`own_case`, and the read written to the access log: a page that shows a part of a case (`part` names it
    in the log the person can read) logs every GET; what a POST changes, the case's events and history record."""
    case = own_case(request.user, pk)
    if request.method == "GET":
        AccessLog.objects.create(user=request.user, participant=case.participant, action=AccessLog.Action.VIEW,
                                 purpose=str(part)[:200])
    return case
