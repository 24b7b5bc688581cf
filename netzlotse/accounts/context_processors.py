"""The navigation a user is offered, decided by the role table."""

from . import roles


def navigation(request):
    user = getattr(request, "user", None)
    return {"nav": {
        "dashboard": bool(user) and roles.can(user, roles.VIEW_DASHBOARD),
        "gaps": bool(user) and roles.can(user, roles.VIEW_GAPS),
        "monitoring": bool(user) and roles.can(user, roles.VIEW_MONITORING),
        "surveys": bool(user) and roles.can(user, roles.VIEW_SURVEY_RESULTS),
        "events": bool(user) and roles.can(user, roles.MANAGE_EVENTS),
        "manage_gaps": bool(user) and roles.can(user, roles.MANAGE_GAPS),
        "cases": bool(user) and roles.can(user, roles.VIEW_CASES),
        "edit_offers": bool(user) and roles.can(user, roles.EDIT_OWN_OFFERS),
        "sites": bool(user) and roles.can(user, roles.MANAGE_SITES),
        "network": bool(user) and roles.can(user, roles.EDIT_NETWORK),
        "chains": bool(user) and roles.can(user, roles.EDIT_CHAINS),
        "import": bool(user) and roles.can(user, roles.IMPORT_DATA),
    }}
