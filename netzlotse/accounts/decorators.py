"""Who may open a view: a role decorator and the personal-data gate; scoping lives with each app's lookups."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.cache import add_never_cache_headers

from . import roles


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


def personal_data_required(capability: str):
    """A page with personal data: signed in, allowed `capability`, and confirmed with a second factor in this
    session (users without an authenticator app are sent to set one up first); never cached."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            from django.shortcuts import redirect
            from django.urls import reverse
            from django.utils.http import urlencode
            from django_otp import user_has_device

            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not roles.can(request.user, capability):
                raise PermissionDenied
            if not request.user.is_verified():
                step = "accounts:twofactor_verify" if user_has_device(request.user) else "accounts:twofactor_setup"
                return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")
            response = view(request, *args, **kwargs)
            add_never_cache_headers(response)  # no browser or proxy keeps a copy of personal data
            return response

        return wrapper

    return decorator


# The case file: personal data of participants.
personal_data_view = personal_data_required(roles.VIEW_CASES)
