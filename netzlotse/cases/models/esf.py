"""What ESF+-funded projects record about a participant for the common indicators of Regulation (EU)
2021/1057, Annex I: the situation at entry, and the results within four weeks and six months after leaving.

Age, gender and education come from the participant; everything else is asked here. Disability and
belonging to a minority are special categories of personal data (Art. 9 GDPR): the person may decline to
answer, and a declined answer is counted nowhere but in the total.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..fields import EncryptedCharField
from .cases import Case


class Answer(models.TextChoices):
    YES = "yes", _("ja")
    NO = "no", _("nein")
    DECLINED = "declined", _("keine Angabe gewünscht")


class EsfRecord(models.Model):
    class Employment(models.TextChoices):
        UNEMPLOYED = "unemployed", _("arbeitslos")
        INACTIVE = "inactive", _("nicht erwerbstätig")
        EMPLOYED = "employed", _("erwerbstätig, auch selbstständig")

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="esf")
    # At entry
    employment = models.CharField(_("Erwerbsstatus bei Eintritt"), max_length=12, choices=Employment.choices)
    long_term_unemployed = models.BooleanField(_("langzeitarbeitslos"), default=False,
                                               help_text=_("nur bei „arbeitslos“"))
    # Special categories (health, ethnic origin): encrypted at rest, counted by the ESF+ table after decrypting.
    disability = EncryptedCharField(_("Behinderung"), max_length=10, choices=Answer.choices, default=Answer.DECLINED)
    third_country_national = models.CharField(_("Drittstaatsangehörige*r"), max_length=10, choices=Answer.choices,
                                              default=Answer.NO)
    foreign_background = models.CharField(_("ausländische Herkunft"), max_length=10, choices=Answer.choices,
                                          default=Answer.DECLINED)
    minority = EncryptedCharField(_("Angehörige*r einer Minderheit (auch marginalisierte Gemeinschaften wie Roma)"),
                                  max_length=10, choices=Answer.choices, default=Answer.DECLINED)
    homeless = models.CharField(_("obdachlos oder von Ausgrenzung auf dem Wohnungsmarkt betroffen"), max_length=10,
                                choices=Answer.choices, default=Answer.DECLINED)
    rural = models.BooleanField(_("lebt in einem ländlichen Gebiet"), default=False)
    # Within four weeks after leaving (immediate results)
    job_searching = models.BooleanField(_("nach der Teilnahme auf Arbeitsuche"), default=False)
    in_education = models.BooleanField(_("nach der Teilnahme in schulischer oder beruflicher Bildung"), default=False)
    qualification = models.BooleanField(_("nach der Teilnahme mit erlangter Qualifizierung"), default=False)
    in_employment = models.BooleanField(_("nach der Teilnahme erwerbstätig, auch selbstständig"), default=False)
    # Six months after leaving (longer-term results); empty while not yet asked
    employed_after_six_months = models.BooleanField(_("sechs Monate nach der Teilnahme erwerbstätig"), null=True,
                                                    blank=True)
    improved_after_six_months = models.BooleanField(_("sechs Monate nach der Teilnahme mit verbesserter "
                                                      "Arbeitsmarktsituation"), null=True, blank=True)

    class Meta:
        verbose_name = _("ESF+-Angaben")
        verbose_name_plural = _("ESF+-Angaben")

    def __str__(self):
        return f"ESF+ {self.case_id}"
