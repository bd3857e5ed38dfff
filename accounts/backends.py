"""The login backend: Django's ``ModelBackend``, whose ``get_user`` (run on every
request by ``AuthenticationMiddleware``) also reads the authenticator app the session
was verified with, in the same query, for ``accounts.middleware.OTPMiddleware``.
Nothing is kept between requests: a deactivated user, a changed password (the
session hash), a removed or unconfirmed device take effect on the very next request,
exactly as with the two queries of Django and django_otp."""

from contextvars import ContextVar

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db.models import FilteredRelation, Q

# The primary key of the TOTP device named in the session being read (set by the
# middleware only while it loads the user); None: read the user alone.
session_device_pk: ContextVar[int | None] = ContextVar("session_device_pk", default=None)


class ModelBackend(DjangoModelBackend):
    def get_user(self, user_id):
        device_pk = session_device_pk.get()
        if device_pk is None:
            return super().get_user(user_id)
        users = get_user_model()._default_manager.annotate(
            session_device=FilteredRelation("totpdevice", condition=Q(totpdevice__pk=device_pk))
        )
        try:
            user = users.select_related("session_device").get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        if not self.user_can_authenticate(user):
            return None
        # The device is read (no such device of this user: no attribute): no second query.
        user.session_device = getattr(user, "session_device", None)
        user.session_device_read = True
        return user
