"""Settings of the load test only: the production settings plus this app (the
data generator), a URLconf with a bare view, and the public form's rate limit
raised so one load client may submit thousands of complaints."""

from config.settings import *  # noqa: F403
from config.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "scale"]

ROOT_URLCONF = "scale.bench_urls"
INTAKE_RATE_LIMIT = 10**9  # the load client posts from a handful of addresses
