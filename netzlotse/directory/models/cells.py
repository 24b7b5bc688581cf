"""Coverage cells: which districts and phases each offer covers, kept ready for the gap analysis.

An offer covers a district when its area names the district or the district's state, or when it has
a place there; it covers its phases, or (cross-phase) every phase of a chain, stored as an empty
phase. Working that out at read time means de-duplicating hundreds of thousands of pairs for a
nationwide matrix; here it is done once per write, so a coverage count is one scan of a narrow table.
The columns the "Stand am" filter needs are copied from the offer for the same reason.

Every write path (the offer services, the importer, the generator, the admin) calls `refresh`.
"""

from django.db import connection, models, transaction

CHUNK = 900  # offer ids per statement: three branches stay below SQLite's variable limit


class OfferCellQuerySet(models.QuerySet):
    def refresh(self, offer_ids=None) -> None:
        """Rebuild the cells of these offers (all offers when None) from their areas, places and phases."""
        with transaction.atomic():
            if offer_ids is None:
                self.all().delete()
                self._insert(None)
                return
            ids = list(offer_ids)
            # PostgreSQL takes all ids as one array parameter; SQLite gets them in chunks of placeholders.
            chunk_size = (len(ids) or 1) if connection.vendor == "postgresql" else CHUNK
            for start in range(0, len(ids), chunk_size):
                chunk = ids[start:start + chunk_size]
                self._delete(chunk)
                self._insert(chunk)

    @staticmethod
    def _id_filter(column: str, ids) -> str:
        if connection.vendor == "postgresql":
            return f" AND {column} = ANY(%s)"
        return f" AND {column} IN ({', '.join(['%s'] * len(ids))})"

    @classmethod
    def _params(cls, ids, branches: int) -> list:
        if connection.vendor == "postgresql":
            return [list(ids)] * branches
        return [*ids] * branches

    @classmethod
    def _delete(cls, ids) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM directory_offercell WHERE 1 = 1{cls._id_filter('offer_id', ids)}",  # noqa: S608
                           cls._params(ids, 1))

    @classmethod
    def _insert(cls, ids) -> None:
        only = (lambda column: cls._id_filter(column, ids)) if ids else (lambda column: "")
        sql = f"""
            INSERT INTO directory_offercell (offer_id, district_id, phase_id, provider_id, capacity, status,
                                            valid_from, valid_until, archived_on, created_at)
            SELECT o.id, s.district_id, ph.phase_id, o.provider_id, o.capacity, o.status,
                   o.valid_from, o.valid_until, o.archived_on, o.created_at
              FROM directory_offer o
              JOIN (SELECT r.offer_id, r.region_id AS district_id FROM directory_offer_regions r
                      JOIN network_region d ON d.id = r.region_id WHERE d.level = 'district'{only("r.offer_id")}
                    UNION
                    SELECT r.offer_id, d.id FROM directory_offer_regions r
                      JOIN network_region d ON d.parent_id = r.region_id WHERE 1 = 1{only("r.offer_id")}
                    UNION
                    SELECT l.offer_id, l.district_id FROM directory_location l
                      JOIN network_region d ON d.id = l.district_id WHERE d.level = 'district'{only("l.offer_id")}
                   ) s ON s.offer_id = o.id
              LEFT JOIN directory_offer_phases ph ON ph.offer_id = o.id AND NOT o.is_cross_phase
             WHERE o.is_cross_phase OR ph.phase_id IS NOT NULL
        """  # noqa: S608 - fixed table names; ids are parameters
        with connection.cursor() as cursor:
            cursor.execute(sql, cls._params(ids, 3) if ids else [])


class OfferCell(models.Model):
    offer = models.ForeignKey("directory.Offer", on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey("network.Region", on_delete=models.CASCADE, related_name="+")
    phase = models.ForeignKey("directory.Phase", on_delete=models.CASCADE, null=True, related_name="+")
    provider = models.ForeignKey("network.Organization", on_delete=models.CASCADE, related_name="+")
    capacity = models.PositiveIntegerField(null=True)
    status = models.CharField(max_length=20)
    valid_from = models.DateField(null=True)
    valid_until = models.DateField(null=True)
    archived_on = models.DateField(null=True)
    created_at = models.DateTimeField()

    objects = OfferCellQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["district", "phase"], name="offercell_district_idx")]

    def __str__(self):
        return f"{self.offer_id} → {self.district_id} / {self.phase_id or '*'}"
