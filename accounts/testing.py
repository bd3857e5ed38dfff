"""Test support: a logged-in test session that has also passed the second factor."""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from accounts.models import User


def second_factor_session(user: User) -> dict[str, str]:
    """The session entries of a login that passed the second factor (none for a
    user who needs none), giving the user an authenticator first when their role
    requires one; for tests and benchmarks about something else than the login."""
    if two_factor.pending_step(user) is None:
        return {}
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Test", confirmed=True)
    return {DEVICE_ID_SESSION_KEY: device.persistent_id}


def pass_second_factor(client: Client, user: User) -> None:
    """Mark ``client``'s logged-in session verified (see ``second_factor_session``)."""
    entries = second_factor_session(user)
    if entries:
        session = client.session
        session.update(entries)
        session.save()


class VerifiedClient(Client):
    """``force_login`` as the staff tests use it: logged in and past the second
    factor. Tests of the login itself use ``login`` or post to the pages."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        pass_second_factor(self, user)
