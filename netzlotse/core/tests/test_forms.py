"""Every form speaks German to the user, its empty choices too."""

from django import forms
from django.contrib.auth.models import Group

from netzlotse.core.forms import KernForm


class Sample(KernForm):
    group = forms.ModelChoiceField(queryset=Group.objects.all(), required=False)
    kind = forms.ChoiceField(choices=[("", "---------"), ("a", "A")], required=False)


def test_an_empty_choice_reads_bitte_waehlen_not_dashes(db):
    html = str(Sample())
    assert "---------" not in html
    assert html.count("– bitte wählen –") == 2
