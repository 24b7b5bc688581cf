"""The one way views find a survey: scoped by what the user may do with it (404 outside the scope)."""

from django.shortcuts import get_object_or_404

from .models import Survey


def survey_managed(user, pk: int) -> Survey:
    """A survey the user builds and sends."""
    return get_object_or_404(Survey.objects.managed_by(user).select_related("organization", "network"), pk=pk)


def survey_results(user, pk: int) -> Survey:
    """A survey whose results the user reads."""
    return get_object_or_404(Survey.objects.with_results_for(user).select_related("organization", "network"), pk=pk)
