"""Test accounts: a user with a membership (role) in an organisation."""

from netzlotse.accounts.models import Membership, User

PASSWORD = "correct horse battery staple"  # noqa: S105 - test accounts only


def make_user(username, organization=None, role=None, **extra) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, **extra)
    if organization is not None:
        Membership.objects.create(user=user, organization=organization, role=role)
    return user
