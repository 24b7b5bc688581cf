"""Authorisation helpers: a role decorator for views; scoping lives with each app's lookups."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from netzlotse.accounts import roles


def permission_required(perm: str):
    """Anonymous visitors go to the login page; signed-in users without the permission get 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not roles.can(request.user, perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
