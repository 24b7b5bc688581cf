from django.apps import AppConfig


class GapsConfig(AppConfig):
    name = "netzlotse.gaps"
    label = "gaps"

    def ready(self):
        from netzlotse.directory.signals import offers_changed, search_without_result

        offers_changed.connect(_recheck, dispatch_uid="gaps-recheck")
        search_without_result.connect(_log_miss, dispatch_uid="gaps-search-miss")


def _recheck(sender, offer_ids, **kwargs):
    from .services import recheck_after_offer_change

    recheck_after_offer_change(offer_ids)


def _log_miss(sender, district, phase, target_group, field_of_action, **kwargs):
    from .models import SearchMiss

    SearchMiss.objects.create(district=district, phase=phase, target_group=target_group,
                              field_of_action=field_of_action)
