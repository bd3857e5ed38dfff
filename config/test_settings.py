"""Settings for the test suite: the real settings, with tasks run eagerly and
uploads in a throw-away folder."""

import hashlib
import os
import tempfile

# The real settings refuse to start without a secret key when DEBUG is off, as in production.
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-" + "x" * 20)
# deduce takes seconds and a gigabyte to load; the suite (and the live servers it starts) runs without it.
os.environ.setdefault("TRIAGE_USE_DEDUCE", "0")

from config.settings import *  # noqa: E402, F403
from config.settings import BASE_DIR, DATABASES, HUEY  # noqa: E402

HUEY = {**HUEY, "immediate": True}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="klachtwijs-test-media-")

# Two checkouts (or two runs) on one machine must not share a test database:
# the name carries the checkout's path and the process. SQLite stays in memory.
TEST_RUN_ID = os.environ.get("KLACHTWIJS_TEST_RUN_ID") or (
    f"{hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:8]}_{os.getpid()}"
)
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": f"test_klachtwijs_{TEST_RUN_ID}"}
