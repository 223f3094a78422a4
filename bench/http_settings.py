"""The portal's own settings for `bench/over_http.py`, plus a URLconf that adds the two reference views.

gunicorn imports this module as `bench.http_settings` (the repository root on PYTHONPATH, `bench/`
as a namespace package). Everything else comes from the environment, as in production.
"""

from democracy.settings import *  # noqa: F403

ROOT_URLCONF = "bench.http_urls"
