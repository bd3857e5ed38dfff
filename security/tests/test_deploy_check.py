"""Issue 10, point 4: Django's deployment check is clean with the documented
production environment (deploy/production.env), and DEBUG is off unless turned on."""

import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

from security.tests.test_behind_proxy import production_env

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")


def run_python(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """A fresh Python in the checkout, on the production settings and only the given environment."""
    base = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env={**base, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return run_python(MANAGE, *args, env=env)


# The settings as a process reads them, without starting Django (two seconds saved per run).
PRINT_DEBUG = "from django.conf import settings; print(settings.DEBUG)"


class DeployCheckTests(SimpleTestCase):
    def test_check_deploy_is_clean_with_the_documented_production_environment(self):
        secret = Path(self.enterContext(tempfile.TemporaryDirectory())) / "secret_key"
        secret.write_text(secrets.token_urlsafe(50))
        env = {**production_env(), "SECRET_KEY_FILE": str(secret)}
        result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("System check identified no issues", result.stdout)

    def test_without_the_documented_settings_the_check_complains(self):
        result = run_manage(
            "check", "--deploy", "--fail-level", "WARNING", env={"SECRET_KEY": secrets.token_urlsafe(50)}
        )
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("security.W004", result.stdout + result.stderr)  # no HSTS

    def test_debug_is_off_unless_turned_on_and_then_a_secret_key_is_required(self):
        result = run_python("-c", PRINT_DEBUG, env={})
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECRET_KEY (or SECRET_KEY_FILE) must be set", result.stderr)
        result = run_python("-c", PRINT_DEBUG, env={"DEBUG": "1"})
        self.assertEqual(result.stdout.strip(), "True", result.stderr)


class DeploymentDocTests(SimpleTestCase):
    def test_the_deployment_guide_shows_the_tested_configuration_as_it_is(self):
        root = Path(settings.BASE_DIR)
        guide = (root / "docs" / "deployment.md").read_text()
        for name in ("production.env", "nginx.conf"):
            with self.subTest(name=name):
                self.assertIn((root / "deploy" / name).read_text().rstrip(), guide)
