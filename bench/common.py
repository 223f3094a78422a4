"""What the generator and the benchmark share: the bench database, its safety checks and Django setup.

Both scripts write to the database they are given (the generator empties and refills it, the closing
benchmark adds and removes a batch), so they refuse any database whose name does not contain "bench".
"""

import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/portal_bench"

# The scripts run as `python bench/<script>.py`: make the project's packages importable.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
# No script here may be named like a standard-library module (bench/ is first on the path): the HTTP bench
# is over_http.py, not http.py, which hid `http` from Django.


def database_settings(url: str) -> dict:
    import environ

    return environ.Env.db_url_config(url)


def check_bench_database(url: str) -> dict:
    """The parsed URL, or exit if it is not a PostgreSQL database named like a bench database."""
    config = database_settings(url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        sys.exit(f"bench: PostgreSQL only (DATABASE_URL={url!r} is {config['ENGINE']}).")
    if "bench" not in config["NAME"]:
        sys.exit(
            f"bench: refusing database {config['NAME']!r}: the bench empties and rewrites tables, "
            "so its database name must contain 'bench' (e.g. portal_bench)."
        )
    return config


def create_database_if_missing(config: dict) -> bool:
    """Create the bench database through the `postgres` maintenance database; True if it was created."""
    import psycopg
    from psycopg import sql

    conninfo = {
        "dbname": "postgres",
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
    }
    with psycopg.connect(**{k: v for k, v in conninfo.items() if v}, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone()
        if exists:
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
        return True


def setup_django(url: str, **environment) -> None:
    """Point the portal's settings at the bench database and start Django.

    Must run before anything imports the settings: DATABASE_URL is read once, at import.
    """
    os.environ["DATABASE_URL"] = url
    os.environ.update(environment)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "democracy.settings")
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit(f"bench: PostgreSQL only (the database vendor is {connection.vendor}).")


def database_url(argument: str | None) -> str:
    return argument or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


@contextmanager
def timed(label: str, results: dict | None = None):
    """Print how long a step took (and keep it in `results[label]` if given)."""
    print(f"… {label}", flush=True)
    start = time.perf_counter()
    yield
    elapsed = time.perf_counter() - start
    if results is not None:
        results[label] = elapsed
    print(f"  {label}: {elapsed:.1f} s", flush=True)
