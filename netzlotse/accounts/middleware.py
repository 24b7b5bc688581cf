"""The second factor, once set up, is part of every sign-in: a session of an account with a confirmed
authenticator that has passed only the password reaches the code prompt and sign-out, nothing else. Without
this, such a session could open the set-up page, confirm a second device of its own and so skip the factor."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import user_has_device

ALWAYS_OPEN = ("accounts:twofactor_verify", "accounts:logout", "accounts:login")


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_verified() and not self._open(request) \
                and self._has_device(request):
            return redirect(f"{reverse('accounts:twofactor_verify')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _has_device(request) -> bool:
        """Asked once per session, not on every page: a session without a device can reach no personal data
        anyway (`personal_data_view` sends it to the set-up), and setting one up verifies the session."""
        if "otp_device_known" not in request.session:
            request.session["otp_device_known"] = user_has_device(request.user, confirmed=True)
        return request.session["otp_device_known"]

    @staticmethod
    def _open(request) -> bool:
        path = request.path_info
        if path.startswith(("/static/", "/i18n/", "/healthz", "/api/")):
            return True  # assets, the language switch, the health check; the API answers 401/403 itself
        return any(path == reverse(name) for name in ALWAYS_OPEN)


class SessionLimitsMiddleware:
    """A signed-in session ends after a time without activity and after a maximum age, whatever happens in
    between (settings SESSION_IDLE_MINUTES, SESSION_MAX_HOURS): an office computer left open does not stay open."""

    TOUCH_EVERY = 60  # seconds; the session is written at most once a minute for the idle clock

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now, session = time.time(), request.session
            started, seen = session.setdefault("started_at", now), session.get("seen_at", now)
            if now - seen > settings.SESSION_IDLE_MINUTES * 60 or now - started > settings.SESSION_MAX_HOURS * 3600:
                logout(request)
                return redirect(f"{reverse('accounts:login')}?{urlencode({'next': request.get_full_path()})}")
            if now - seen > self.TOUCH_EVERY or "seen_at" not in session:
                session["seen_at"] = now
        return self.get_response(request)
