"""Who builds and who reads which surveys, decided by the role table and applied in the query: provider
staff their organisation's, coordinators their networks', funders the results of networks they fund,
counsellors none; administrators all."""

from netzlotse.network.models import Programme, Project
from netzlotse.surveys.models import Survey


def test_each_role_finds_the_surveys_of_its_scope(world):
    own = Survey.objects.create(organization=world.provider_a, title={"de": "Nachbefragung A"})
    network = Survey.objects.create(organization=world.coordination, network=world.network,
                                    title={"de": "Akteursbefragung"})
    other = Survey.objects.create(organization=world.provider_c, title={"de": "Nachbefragung C"})
    programme = Programme.objects.create(name="Landesprogramm")
    programme.funders.add(world.funder_org)
    Project.objects.create(name="Projekt", lead=world.coordination, programme=programme, network=world.network)

    def managed(user):
        return set(Survey.objects.managed_by(user))

    def results(user):
        return set(Survey.objects.with_results_for(user))

    assert managed(world.owner) == {own} == results(world.owner)
    assert managed(world.outsider) == {other}
    assert managed(world.coordinator) == {network} and results(world.coordinator) == {network}
    assert managed(world.funder) == set() and results(world.funder) == {network}  # results only
    assert managed(world.counsellor) == set() == results(world.counsellor)
    assert managed(world.admin) == {own, network, other}
