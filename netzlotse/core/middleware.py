"""Hostile input never reaches a view as a server error: a NUL character anywhere in the parameters (which
PostgreSQL cannot store or compare) and a parameter the view refuses (`BadParameter`) both answer 400 with a
message."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .params import BadParameter


def _has_nul(data) -> bool:
    return any("\x00" in key or any("\x00" in value for value in data.getlist(key)) for key in data)


class BadInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request.GET) or (request.method == "POST" and _has_nul(request.POST)):
            return _bad_request(request, _("Die Anfrage enthält ungültige Zeichen."))
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, BadParameter):
            return _bad_request(request, str(exception))
        return None


def _bad_request(request, message):
    if request.path.startswith("/api/v1/"):  # the JSON API's documented answer to an invalid parameter
        return JsonResponse({"detail": [{"type": "value_error", "loc": ["query"], "msg": message}]}, status=422)
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    return render(request, "400.html", {"message": message}, status=400)
