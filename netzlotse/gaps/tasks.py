"""What the gap analysis does after someone else's save, handed to the task worker (`manage.py db_worker`):
the offer page, the import and the public search answer without waiting for it, and a failing detection is a
failed task in the worker's log, never an offer that was not saved."""

from django_tasks import task

from .models import DemandSignal
from .services import recheck_after_offer_change


@task()
def recheck_gaps(offer_ids: list[int]) -> None:
    recheck_after_offer_change(offer_ids)


@task()
def record_demand(source: str, district_id: int, phase_id: int | None, target_group_id: int | None,
                  field_of_action_id: int | None) -> None:
    DemandSignal.objects.create(source=source, district_id=district_id, phase_id=phase_id,
                                target_group_id=target_group_id, field_of_action_id=field_of_action_id)
