from django.apps import AppConfig


class GapsConfig(AppConfig):
    name = "netzlotse.gaps"
    label = "gaps"

    def ready(self):
        from netzlotse.directory.signals import offers_changed, search_without_result, unmet_referral

        offers_changed.connect(_recheck, dispatch_uid="gaps-recheck")
        search_without_result.connect(_log_search, dispatch_uid="gaps-search-miss")
        unmet_referral.connect(_log_referral, dispatch_uid="gaps-unmet-referral")


# The directory sends its signals after the save committed; these hand the work on to the task worker.

def _recheck(sender, offer_ids, **kwargs):
    from .tasks import recheck_gaps

    recheck_gaps.enqueue(list(offer_ids))


def _log_demand(source, district, phase, target_group, field_of_action):
    from .tasks import record_demand

    record_demand.enqueue(source, district.pk, *(getattr(obj, "pk", None) for obj in (phase, target_group,
                                                                                       field_of_action)))


def _log_search(sender, district, phase, target_group, field_of_action, **kwargs):
    _log_demand("search", district, phase, target_group, field_of_action)


def _log_referral(sender, district, phase, target_group, field_of_action, **kwargs):
    _log_demand("referral", district, phase, target_group, field_of_action)
