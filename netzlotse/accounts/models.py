from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import Role


class User(AbstractUser):
    """A person who signs in. What they may do comes from their memberships."""

    class Meta:
        verbose_name = _("Benutzer*in")
        verbose_name_plural = _("Benutzer*innen")

    def __str__(self):
        return self.get_full_name() or self.username


class Membership(models.Model):
    """A user works for an organisation in one role."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey("network.Organization", on_delete=models.CASCADE, related_name="memberships",
                                     verbose_name=_("Organisation"))
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organization", "role"], name="unique_membership")]
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")

    def __str__(self):
        return f"{self.user} – {self.organization} ({self.get_role_display()})"
