"""Suite-wide collection rules.

Tests that start real servers (a browser against the live test server, gunicorn, nginx,
runserver with the worker) are marked ``live``: `make test` runs the unit tests of both
databases in parallel processes (pytest-xdist) and these in a step of their own
(scripts/test.sh). A live test whose database does not matter (the browser, the reverse proxy)
is also ``any_database`` and runs once, on SQLite.

Every browser test (a subclass of e2e.browser.BrowserTestCase) is both, without having to say
so; other live tests carry ``pytestmark = [pytest.mark.live, ...]`` in their module.
"""

import pytest


def pytest_collection_modifyitems(config, items):
    from django.test import TestCase, TransactionTestCase

    from e2e.browser import BrowserTestCase

    for item in items:
        cls = getattr(item, "cls", None)
        if cls is not None and issubclass(cls, BrowserTestCase):
            item.add_marker(pytest.mark.live)
            item.add_marker(pytest.mark.any_database)
        if (
            cls is not None
            and issubclass(cls, TransactionTestCase)
            and not issubclass(cls, TestCase)
            and shared_build(item.nodeid)
        ):
            # It would empty every table in the middle of its group's unit (see SHARED_BUILDS).
            raise pytest.UsageError(
                f"{item.nodeid}: a TransactionTestCase may not be in a module of SHARED_BUILDS;"
                " move it to a module of its own"
            )


# Test modules whose classes share something a test process builds once: the seed import and
# its report (annualreport/tests/base.py, `build_once`), the week of reporting/tests/helpers.py,
# deduce's lookup structures (`deduce_instance`). `--dist loadscope` makes each class a unit of
# its own, and the two processes would each build it; the modules of one group run in one
# process. xdist hands out the units with the most tests first, so these big ones start early.
# No TransactionTestCase in these modules (checked at collection): it empties every table when it
# ends, and the tests its worker runs after it would miss the migrations' data.
SHARED_BUILDS = {
    "annualreport/tests/": "annual report seed",
    "demo/tests/test_demo_register.py": "annual report seed",
    "reporting/tests/test_language.py": "reporting week 47",
    "reporting/tests/test_weekly_report.py": "reporting week 47",
    "reporting/tests/test_weekly_report_send.py": "reporting week 47",
    "reporting/tests/test_weekly_report_view.py": "reporting week 47",
    "triage/tests/test_deduce.py": "deduce",
}


def shared_build(nodeid: str) -> str | None:
    """The group of SHARED_BUILDS a test belongs to, if any."""
    path = nodeid.split("::", 1)[0]
    for prefix, group in SHARED_BUILDS.items():
        if path == prefix or (prefix.endswith("/") and path.startswith(prefix)):
            return group
    return None


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getoption("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class SharedBuildScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            group = shared_build(nodeid)
            return f"shared build: {group}" if group else super()._split_scope(nodeid)

    return SharedBuildScheduling(config, log)
