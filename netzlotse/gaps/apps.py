from django.apps import AppConfig


class GapsConfig(AppConfig):
    name = "netzlotse.gaps"
    label = "gaps"

    def ready(self):
        from netzlotse.directory.signals import offers_changed

        offers_changed.connect(_recheck, dispatch_uid="gaps-recheck")


def _recheck(sender, offer_ids, **kwargs):
    from .services import recheck_after_offer_change

    recheck_after_offer_change(offer_ids)
