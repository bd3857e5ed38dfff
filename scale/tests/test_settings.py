from importlib import import_module

from django.apps import apps
from django.test import SimpleTestCase

TOOLING = {"demo", "scale"}


class ToolingAppsTests(SimpleTestCase):
    """The demo data and the generator are tooling: installed for the demo, the
    bench and the tests, never by the production settings."""

    def test_production_does_not_install_them(self) -> None:
        production = import_module("config.settings")
        self.assertFalse(TOOLING & set(production.INSTALLED_APPS))
        # The product itself is still all there.
        self.assertIn("complaints", production.INSTALLED_APPS)

    def test_the_dev_settings_add_them_to_production(self) -> None:
        production = import_module("config.settings")
        dev = import_module("config.dev_settings")
        self.assertEqual(dev.INSTALLED_APPS, [*production.INSTALLED_APPS, *sorted(TOOLING)])

    def test_the_bench_settings_add_the_generator_only(self) -> None:
        production = import_module("config.settings")
        bench = import_module("scale.bench_settings")
        self.assertEqual(set(bench.INSTALLED_APPS) - set(production.INSTALLED_APPS), {"scale"})

    def test_the_tests_run_with_them(self) -> None:
        self.assertTrue(apps.is_installed("demo"))
        self.assertTrue(apps.is_installed("scale"))
