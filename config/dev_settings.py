"""Settings of the tooling around the product: the demo (`make run`), the load
test (`make bench`, via `scale.bench_settings`) and the test suite. The
production settings plus the tooling apps, which production does not install:

- ``demo``: demo users of every role and a few dozen demo complaints (``setup_demo``);
- ``scale``: the generator of data at scale (``generate_demo_data``) and the bench's helpers.

Use it with ``DJANGO_SETTINGS_MODULE=config.dev_settings`` (the Makefile and
``scripts/run.sh`` do)."""

from config.settings import *  # noqa: F403
from config.settings import INSTALLED_APPS

TOOLING_APPS = ["demo", "scale"]
INSTALLED_APPS = [*INSTALLED_APPS, *TOOLING_APPS]
