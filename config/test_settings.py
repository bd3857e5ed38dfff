"""Settings for the test suite: the real settings, with tasks run eagerly and
uploads in a throw-away folder."""

import tempfile

from config.settings import *  # noqa: F403
from config.settings import HUEY

HUEY = {**HUEY, "immediate": True}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="klachtwijs-test-media-")
