"""An offer's classifications (phases, vocabularies, regions) in one query.

The detail page and the HSDS service need all seven relations of one offer. Instead of a
query per relation, one UNION ALL over the through tables returns (relation, id) pairs,
and the ids are mapped to the small, cached reference lists.
"""

from django.db import connection

from netzlotse.core.cache import reference_list
from netzlotse.network.models import Region

from .models import DeliveryMode, FieldOfAction, Language, Offer, Phase, ResidenceStatus, TargetGroup

RELATED = {
    "phases": Phase, "fields_of_action": FieldOfAction, "target_groups": TargetGroup,
    "residence_statuses": ResidenceStatus, "regions": Region, "delivery_modes": DeliveryMode, "languages": Language,
}


def _reference(model) -> dict:
    """pk → (rank in the model's ordering, object), kept with the other reference lists."""
    queryset = model.objects.select_related("chain") if model is Phase else model.objects.all()
    return reference_list(f"by-id:{model.__name__}", lambda: {obj.pk: (i, obj) for i, obj in enumerate(queryset)})


def _sql():
    parts = []
    for name in RELATED:
        through = Offer._meta.get_field(name).remote_field.through
        target = next(f.column for f in through._meta.concrete_fields if f.column not in ("id", "offer_id"))
        # Names come from model metadata; the offer id is a parameter.
        parts.append(f"SELECT '{name}', {target} FROM {through._meta.db_table} WHERE offer_id = %s")  # noqa: S608
    return " UNION ALL ".join(parts)


def offer_relations(offer: Offer) -> dict[str, list]:
    """{relation name: related objects, ordered as each model orders them}."""
    with connection.cursor() as cursor:
        cursor.execute(_sql(), [offer.pk] * len(RELATED))
        rows = cursor.fetchall()
    found = {name: [] for name in RELATED}
    for name, pk in rows:
        entry = _reference(RELATED[name]).get(pk)
        if entry is not None:
            found[name].append(entry)
    return {name: [obj for _rank, obj in sorted(entries, key=lambda e: e[0])] for name, entries in found.items()}
