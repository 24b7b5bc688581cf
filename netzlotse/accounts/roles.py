"""The one role table: who may do what.

Every permission check in views, templates, forms, QuerySets and the API asks `can(user, capability)`
or `organization_ids(user, capability)`; nothing else decides what a role may do, and no code outside
this module names a role. Each capability has one meaning; a rule that needs a new meaning gets a new
capability here, never a borrowed one. Scopes (which organisation's offers, which network) come from
memberships: a capability counts in the organisations where the user's role grants it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administration")
    COORDINATOR = "coordinator", _("Netzwerkkoordination")
    PROVIDER = "provider", _("Trägermitarbeit")
    COUNSELLOR = "counsellor", _("Beratung / Fallmanagement")
    FUNDER = "funder", _("Programmsteuerung / Fördermittelgeber")


# Permission names used across the project.
VIEW_DASHBOARD = "view_dashboard"  # aggregates: counts per phase, stale and ending offers
VIEW_INTERNAL_OFFERS = "view_internal_offers"  # drafts and archived offers within scope
EDIT_OWN_OFFERS = "edit_own_offers"  # offers of the user's own organisations
EDIT_NETWORK_OFFERS = "edit_network_offers"  # every offer in the coordinated networks
EDIT_ALL_OFFERS = "edit_all_offers"  # every offer, whoever provides it
MANAGE_ALL_NETWORKS = "manage_all_networks"  # every organisation, network, project and cooperation (not only own)
EDIT_SHARED_CHAINS = "edit_shared_chains"  # the process chains no network owns (the default chain and shared ones)
VIEW_ALL_GAPS = "view_all_gaps"  # the coverage of every network, not only the user's own
VIEW_ALL_PROGRAMMES = "view_all_programmes"  # the monitoring of every programme, not only funded or coordinated ones
EDIT_NETWORK = "edit_network"  # organisations, projects, networks, cooperations
EDIT_CHAINS = "edit_chains"
IMPORT_DATA = "import_data"  # the offer import, within the user's scope (organisations only with EDIT_NETWORK)
VIEW_GAPS = "view_gaps"  # the coverage matrix, gap register and graph of the user's networks
VIEW_CASES = "view_cases"  # case files of the user's organisations and cases referred to them
EDIT_CASES = "edit_cases"  # admit participants, record contacts and needs in the own organisation's cases
OWN_CASELOAD = "own_caseload"  # cases assigned to the user personally (reminders start from them)
SEE_SPECIAL_CATEGORIES = "see_special_categories"  # health, disability and other Art. 9 needs of the own cases
MANAGE_GAPS = "manage_gaps"  # gap statuses, measures, thresholds, demand, interfaces of coordinated networks
VIEW_MONITORING = "view_monitoring"  # indicators at cut-off dates (aggregates only; small cells hidden from funders)
MANAGE_MONITORING = "manage_monitoring"  # cut-off series, closing dates, targets, history import of programmes in scope
SEE_SMALL_CELLS = "see_small_cells"  # monitoring figures of 1–4 unsuppressed (the network's own staff)
MANAGE_SITES = "manage_sites"  # placement sites (slots, requirements) of the own organisations and coordinated networks
MANAGE_ALL_SITES = "manage_all_sites"  # every placement site
MANAGE_SURVEYS = "manage_surveys"  # build and send surveys of the own organisations and coordinated networks
VIEW_SURVEY_RESULTS = "view_survey_results"  # results of surveys in scope (funders: of the networks they fund)
MANAGE_EVENTS = "manage_events"  # run events of the own organisations and coordinated networks: registrations, lists
READ_MINUTES = "read_minutes"  # minutes of the network meetings one's organisation took part in, and own actions

PERMISSIONS: dict[str, set[str]] = {
    Role.ADMIN: {MANAGE_ALL_NETWORKS, EDIT_SHARED_CHAINS, VIEW_ALL_GAPS, VIEW_ALL_PROGRAMMES,
                 MANAGE_SITES, MANAGE_ALL_SITES, VIEW_GAPS, MANAGE_GAPS, VIEW_MONITORING, MANAGE_MONITORING, SEE_SMALL_CELLS,
                 VIEW_DASHBOARD, VIEW_INTERNAL_OFFERS, EDIT_OWN_OFFERS, EDIT_NETWORK_OFFERS, EDIT_ALL_OFFERS,
                 EDIT_NETWORK, EDIT_CHAINS, IMPORT_DATA, MANAGE_SURVEYS, VIEW_SURVEY_RESULTS, MANAGE_EVENTS, READ_MINUTES},
    Role.COORDINATOR: {MANAGE_SITES, VIEW_GAPS, MANAGE_GAPS, VIEW_MONITORING, MANAGE_MONITORING, SEE_SMALL_CELLS,
                       VIEW_DASHBOARD, VIEW_INTERNAL_OFFERS, EDIT_OWN_OFFERS, EDIT_NETWORK_OFFERS, EDIT_NETWORK,
                       EDIT_CHAINS, IMPORT_DATA, MANAGE_SURVEYS, VIEW_SURVEY_RESULTS, MANAGE_EVENTS, READ_MINUTES},
    Role.PROVIDER: {MANAGE_SITES, VIEW_GAPS, VIEW_DASHBOARD, VIEW_INTERNAL_OFFERS, EDIT_OWN_OFFERS, VIEW_CASES,
                    IMPORT_DATA, MANAGE_SURVEYS, VIEW_SURVEY_RESULTS, MANAGE_EVENTS, READ_MINUTES},
    Role.COUNSELLOR: {VIEW_DASHBOARD, VIEW_CASES, EDIT_CASES, OWN_CASELOAD, SEE_SPECIAL_CATEGORIES, READ_MINUTES},
    # Funders read aggregates only; they never edit and never see a person.
    Role.FUNDER: {VIEW_DASHBOARD, VIEW_MONITORING, VIEW_SURVEY_RESULTS},
}


def roles_of(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_netzlotse_roles", None)
    if cached is None:
        cached = set(user.memberships.values_list("role", flat=True))
        if user.is_superuser:
            cached.add(Role.ADMIN)
        user._netzlotse_roles = cached
    return cached


def granting(capability: str) -> list[str]:
    """The roles whose members have the capability (to find the people who may take something on)."""
    return [role for role, granted in PERMISSIONS.items() if capability in granted]


def can(user, perm: str) -> bool:
    return any(perm in PERMISSIONS.get(role, set()) for role in roles_of(user))


def organization_ids(user, capability: str | None = None) -> set[int]:
    """The organisations the user belongs to; with a capability, only those where their role grants it."""
    if not user.is_authenticated:
        return set()
    # Kept on the user object like roles_of: a case page asks several times per request.
    cache = user.__dict__.setdefault("_netzlotse_orgs", {})
    if capability not in cache:
        memberships = user.memberships.all()
        if capability is not None:
            memberships = memberships.filter(role__in=granting(capability))
        cache[capability] = set(memberships.values_list("organization_id", flat=True))
    return set(cache[capability])
