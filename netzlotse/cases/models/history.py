"""The change history of a case file: every changed field with its old and new value, who and when.

Coded values (status, phase, dates, levels) are kept as shown; free text and encrypted notes are only marked
as changed, so the history never holds a second, unencrypted copy of what a counsellor wrote."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .cases import AppendOnly, Case
from .participants import Participant

TEXT_CHANGED = None  # stands for both values of a free-text field


class CaseChange(AppendOnly):
    class Record(models.TextChoices):
        PERSON = "person", _("Personendaten")
        PLAN = "plan", _("Fallplan")
        NEED = "need", _("Handlungsbedarf")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="changes")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, null=True, related_name="changes")
    record = models.CharField(max_length=10, choices=Record.choices)
    record_id = models.PositiveBigIntegerField()
    # {field name: [old, new]} with values as shown to users; [null, null] for free text that changed.
    changes = models.JSONField(default=dict)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("Änderung")
        verbose_name_plural = _("Änderungen")
        indexes = [models.Index(fields=["participant", "-at"], name="casechange_participant_idx")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_record_display()}"

    def summary(self) -> str:
        """When, by whom and which fields: how a change is named where someone else's save was refused."""
        return f"{timezone.localtime(self.at):%d.%m.%Y %H:%M}, {self.by or '–'}: " + ", ".join(
            label for label, _old, _new in self.entries())

    def entries(self) -> list[tuple[str, str | None, str | None]]:
        """(field label in the reader's language, old, new); old and new are None for changed free text."""
        from .cases import Need

        model = {self.Record.PERSON: Participant, self.Record.PLAN: Case, self.Record.NEED: Need}[self.record]
        order = {field.name: position for position, field in enumerate(model._meta.get_fields())}
        # In the form's order: PostgreSQL's JSON keeps no key order of its own.
        names = sorted(self.changes, key=lambda name: order.get(name, len(order)))
        return [(str(model._meta.get_field(name).verbose_name), *self.changes[name]) for name in names]


FREE_TEXT = (models.TextField, )


def snapshot(instance, fields) -> dict[str, object]:
    """The named fields as users see them; many-to-many fields as a sorted, comma-separated list."""
    values = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if field.many_to_many:
            values[name] = ", ".join(sorted(str(obj) for obj in getattr(instance, name).all())) if instance.pk else ""
            continue
        value = getattr(instance, name)
        if isinstance(field, FREE_TEXT):  # includes the encrypted notes
            values[name] = ("text", value or "")
        elif field.choices:
            values[name] = str(getattr(instance, f"get_{name}_display")()) if value not in (None, "") else ""
        elif hasattr(value, "strftime"):
            values[name] = value.strftime("%d.%m.%Y")
        else:
            values[name] = "" if value is None else str(value)
    return values


def record_changes(*, record: str, instance, before: dict, after: dict, participant, case=None, by) -> CaseChange | None:
    """Append one history entry with the fields whose value differs, labelled as the forms label them."""
    changes = {}
    for name, new in after.items():
        old = before.get(name, "")
        if old == new:
            continue
        changes[name] = [TEXT_CHANGED, TEXT_CHANGED] if isinstance(new, tuple) else [old, new]
    if not changes:
        return None
    return CaseChange.objects.create(participant=participant, case=case, record=record, record_id=instance.pk,
                                     changes=changes, by=by)
