from django.conf import settings
from django.utils.translation import get_language, get_language_bidi

from netzlotse.accounts import roles


def site(request):
    user = getattr(request, "user", None)
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "LANGUAGE_DIR": "rtl" if get_language_bidi() else "ltr",
        "CURRENT_LANGUAGE": get_language(),
        "nav": {
            "dashboard": bool(user) and roles.can(user, roles.VIEW_DASHBOARD),
            "edit_offers": bool(user) and roles.can(user, roles.EDIT_OWN_OFFERS),
            "network": bool(user) and roles.can(user, roles.EDIT_NETWORK),
            "chains": bool(user) and roles.can(user, roles.EDIT_CHAINS),
            "import": bool(user) and roles.can(user, roles.IMPORT_DATA),
        },
    }
