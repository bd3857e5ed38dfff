"""Settings for the test suite: the real settings with the tooling apps
(config/dev_settings.py), tasks run eagerly, and every file in a throw-away
folder of this run (removed at exit), never the checkout's var/."""

import atexit
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

# The real settings refuse to start without a secret key when DEBUG is off, as in production.
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-" + "x" * 20)
# deduce takes seconds and a gigabyte to load; the suite (and the live servers it starts) runs without it.
os.environ.setdefault("TRIAGE_USE_DEDUCE", "0")

from config.dev_settings import *  # noqa: E402, F403
from config.dev_settings import BASE_DIR, DATABASES, HUEY  # noqa: E402

# Two checkouts (or two runs) on one machine must not share a test database or
# a file: the names carry the checkout's path and the process. SQLite stays in memory.
TEST_RUN_ID = os.environ.get("KLACHTWIJS_TEST_RUN_ID") or (
    f"{hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:8]}_{os.getpid()}"
)
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": f"test_klachtwijs_{TEST_RUN_ID}"}

SCRATCH_DIR = Path(tempfile.mkdtemp(prefix=f"klachtwijs-test-{TEST_RUN_ID}-"))
atexit.register(shutil.rmtree, SCRATCH_DIR, ignore_errors=True)
MEDIA_ROOT = str(SCRATCH_DIR / "media")
STATIC_ROOT = str(SCRATCH_DIR / "static")
# Eager, so the queue stays in memory; the file is this run's should a test turn that off.
HUEY = {**HUEY, "immediate": True}
if "filename" in HUEY:
    HUEY["filename"] = str(SCRATCH_DIR / "huey.sqlite3")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
