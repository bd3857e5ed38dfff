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
    from e2e.browser import BrowserTestCase

    for item in items:
        cls = getattr(item, "cls", None)
        if cls is not None and issubclass(cls, BrowserTestCase):
            item.add_marker(pytest.mark.live)
            item.add_marker(pytest.mark.any_database)
