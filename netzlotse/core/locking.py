"""Optimistic locking: a record that two people may edit at once carries a version; a save names the version its
form was opened with, and when someone saved in between, the save is refused instead of overwriting their change."""

from django import forms
from django.utils.translation import gettext as _


class EditedMeanwhile(Exception):
    """Someone saved the record after this form was opened."""


def take_version(instance, opened_version) -> None:
    """Inside the save's transaction: lock the stored row, refuse if its version moved on since the form was
    opened (None: no form, e.g. an import), and give the instance the next version."""
    if instance.pk is None:
        return
    stored = type(instance).objects.select_for_update().only("version").get(pk=instance.pk).version
    if opened_version is not None and opened_version != stored:
        raise EditedMeanwhile
    instance.version = stored + 1


class VersionField(forms.IntegerField):
    """The hidden field that carries the version a form was opened with."""

    def __init__(self, **kwargs):
        super().__init__(widget=forms.HiddenInput, required=False, min_value=0, **kwargs)


def edited_meanwhile_message(last_change=None) -> str:
    """What the user reads instead of a lost change; names the latest change when the history has one."""
    text = _("Jemand hat diesen Eintrag gespeichert, nachdem Sie das Formular geöffnet haben. Ihre Eingaben sind "
             "nicht gespeichert. Bitte laden Sie die Seite neu, sehen Sie sich die Änderung an und tragen Sie Ihre "
             "Änderung dann noch einmal ein.")
    if last_change:
        text += " " + _("Zuletzt geändert: %(change)s.") % {"change": last_change}
    return text


class VersionedFormMixin:
    """A model form that carries the version of the record it was opened with, as the hidden field `version`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = VersionField(initial=self.instance.version)
