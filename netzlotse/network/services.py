"""Workflows on the network layer."""

from django.db import transaction

from netzlotse.accounts import roles

from .models import Network, NetworkMembership, Organization


@transaction.atomic
def organization_create(*, form, by) -> Organization:
    """Save a new organisation; a coordinator's new organisation joins the networks they coordinate."""
    organization = form.save()
    if not roles.can(by, roles.MANAGE_ALL_NETWORKS):
        for network in Network.objects.coordinated_by(roles.organization_ids(by, roles.EDIT_NETWORK)):
            NetworkMembership.objects.get_or_create(
                network=network, organization=organization,
                defaults={"role": NetworkMembership.Role.COOPERATION_PARTNER})
    return organization


@transaction.atomic
def network_save(*, form, members) -> Network:
    """Save a network with its members in one step (members is a bound, valid inline formset)."""
    network = form.save()
    members.instance = network
    members.save()
    return network
