"""The architecture as checked contracts (pyproject.toml ``[tool.importlinter]``):
ground apps < complaints < interfaces < tooling, interfaces independent of each
other, no cycles inside an app; and no app uses another app's private names."""

import ast
import subprocess
import sys
import tempfile
import textwrap
import tomllib
from pathlib import Path

from django.conf import settings
from django.test import SimpleTestCase

BASE_DIR = Path(settings.BASE_DIR)
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PYPROJECT = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["tool"]["importlinter"]

# TODO(issue 9, point 3): the annual report's charts use reporting.charts' internals
# until the charts get a public API. Nothing may be added to this list.
KNOWN_PRIVATE_IMPORTS: set[tuple[str, str, str]] = set()


def lint_imports(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def write_package(root: Path, name: str, modules: dict[str, str]) -> None:
    package = root / name
    package.mkdir()
    (package / "__init__.py").write_text("")
    for module, source in modules.items():
        (package / f"{module}.py").write_text(textwrap.dedent(source))


class ImportContractTests(SimpleTestCase):
    def test_the_contracts_of_this_project_are_kept(self):
        result = lint_imports(cwd=BASE_DIR)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("Contracts: 3 kept, 0 broken.", result.stdout)

    def test_the_contracts_name_every_app_in_its_layer(self):
        contracts = {contract["id"]: contract for contract in PYPROJECT["contracts"]}
        self.assertEqual(set(contracts), {"layers", "interfaces", "acyclic"})
        self.assertEqual(
            contracts["layers"]["layers"],
            [
                "demo | scale",
                "intake : staff : api : imports : reminders : improvements : reporting : annualreport : inbox : triage",
                "complaints",
                "accounts | organisation | disputes",
                "notifications",
            ],
        )
        apps = {app.split(".")[0] for app in settings.INSTALLED_APPS if not app.startswith(("django", "rest_", "drf_"))}
        self.assertLessEqual(apps - {"huey", "storages", "e2e", "axes"}, set(PYPROJECT["root_packages"]))

    def test_a_cycle_between_layers_and_inside_an_app_breaks_the_contracts(self):
        # A synthetic project shaped like the cycle this contract was written
        # for: the outbox (ground) calling back into the core.
        root = Path(self.enterContext(tempfile.TemporaryDirectory()))
        write_package(root, "core", {"services": "from ground import outbox\n"})
        write_package(root, "ground", {"outbox": "from core import services\n"})
        write_package(root, "app", {"a": "from app import b\n", "b": "from app import a\n"})
        (root / "contracts.toml").write_text(
            textwrap.dedent(
                """
                [tool.importlinter]
                root_packages = ["core", "ground", "app"]

                [[tool.importlinter.contracts]]
                name = "Layers"
                type = "layers"
                layers = ["core", "ground"]

                [[tool.importlinter.contracts]]
                name = "Acyclic"
                type = "acyclic_siblings"
                ancestors = ["app"]
                """
            )
        )
        result = lint_imports("contracts.toml", cwd=root)
        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertIn("Contracts: 0 kept, 2 broken.", result.stdout)
        self.assertIn("ground is not allowed to import core", result.stdout)
        self.assertIn("ground.outbox -> core.services", result.stdout)
        self.assertIn("No cycles are allowed in app", result.stdout)


def private_imports(path: Path, module: str) -> set[tuple[str, str, str]]:
    """(module, imported module, name) for each ``from other_app.x import _name``."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] == module.split(".")[0]:
                continue
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.add((module, node.module, alias.name))
    return found


class PrivateNameTests(SimpleTestCase):
    def test_no_app_imports_the_private_names_of_another(self):
        found: set[tuple[str, str, str]] = set()
        for app in PYPROJECT["root_packages"]:
            for path in (BASE_DIR / app).rglob("*.py"):
                relative = path.relative_to(BASE_DIR).with_suffix("")
                if "tests" in relative.parts or "migrations" in relative.parts:
                    continue
                found |= private_imports(path, ".".join(relative.parts))
        self.assertEqual(found - KNOWN_PRIVATE_IMPORTS, set())

    def test_it_notices_a_private_name_taken_from_another_app(self):
        root = Path(self.enterContext(tempfile.TemporaryDirectory()))
        source = root / "charts.py"
        source.write_text("from reporting.charts import _rc_lock, RECEIVED_COLOUR\nfrom annualreport.x import _own\n")
        self.assertEqual(
            private_imports(source, "annualreport.charts"), {("annualreport.charts", "reporting.charts", "_rc_lock")}
        )
