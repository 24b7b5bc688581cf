"""Lockout beyond the pair of user name and address that django-axes counts: an account under attack from
many addresses, and an address trying many names, are stopped too. The limits are higher than the pair's (an
office behind one address has many people who mistype), and the answer never says whether an account exists."""

from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


def _failures(**which) -> int:
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    total = AccessAttempt.objects.filter(attempt_time__gte=since, **which).aggregate(n=Sum("failures_since_start"))
    return total["n"] or 0


def locked_out(request, username: str) -> bool:
    address = get_client_ip_address(request)
    return bool((username and _failures(username=username) >= settings.LOGIN_ACCOUNT_FAILURE_LIMIT)
                or (address and _failures(ip_address=address) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT))
