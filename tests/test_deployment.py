"""The deployment files agree with the code: docker-compose.yml, Dockerfile, .dockerignore and
.env.example name only commands, modules, tasks and variables that exist, and production mode
refuses to start without its secrets. Plain pytest: no database, no Docker."""

import importlib
import importlib.util
import json
import os
import re
import shlex
import subprocess
import sys
from functools import cache
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_FILE = ROOT / "democracy" / "settings.py"
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
ENV_EXAMPLE = ROOT / ".env.example"

REQUIRED_SERVICES = {
    "db",
    "redis",
    "objectstore",
    "web",
    "web-staff",
    "router",
    "worker",
    "pdf-worker",
    "beat",
}
APP_SERVICES = {"web", "web-staff", "worker", "pdf-worker", "beat"}  # built from this project's Dockerfile
HEALTHCHECKED = {"db", "redis", "web"}
# Variables of the official images' entrypoints, allowed in those services' `environment:`.
IMAGE_VARIABLES = {
    "db": {"POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_INITDB_ARGS", "PGDATA"},
    "objectstore": {"MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD"},
}

# env.bool("DEBUG", ...), env.db("DATABASE_URL", ...), env.email_url("EMAIL_URL", ...), env("X"),
# and plain os.environ / os.getenv reads, should settings.py ever use them.
SETTINGS_READ = re.compile(
    r"""\b(?:env(?:\.\w+)?|os\.environ\.get|os\.getenv|os\.environ\.setdefault)\(\s*["']([A-Z][A-Z0-9_]*)["']"""
    r"""|\bos\.environ\[\s*["']([A-Z][A-Z0-9_]*)["']\s*\]"""
)
ENV_EXAMPLE_ASSIGNMENT = re.compile(r"^\s*#?\s*([A-Z][A-Z0-9_]*)=", re.MULTILINE)
COMPOSE_SUBSTITUTION = re.compile(r"\$\{([A-Z_][A-Z0-9_]*)")


# --- Reading the files ------------------------------------------------------------------------------


@cache
def settings_variables():
    found = {a or b for a, b in SETTINGS_READ.findall(SETTINGS_FILE.read_text(encoding="utf-8"))}
    # Guard the regex itself: if settings.py changes style and nothing matches, the tests below
    # would pass vacuously.
    assert {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "EMAIL_URL"} <= found, found
    return frozenset(found)


@cache
def compose():
    data = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict), "docker-compose.yml is not a mapping"
    assert isinstance(data.get("services"), dict), "docker-compose.yml has no services"
    return data


def services():
    return compose()["services"]


def environment(service):
    """A service's `environment:` as a dict, whether written as a mapping or as a list."""
    raw = services()[service].get("environment") or {}
    if isinstance(raw, list):
        return dict(item.split("=", 1) if "=" in item else (item, None) for item in raw)
    return dict(raw)


def substitute(value):
    """Compose's ${NAME...} substitution, with a recognisable placeholder for every variable."""
    return re.sub(r"\$\{([A-Z_][A-Z0-9_]*)[^}]*\}", lambda m: f"SUBSTITUTED-{m.group(1)}", str(value))


@cache
def env_example_variables():
    return frozenset(ENV_EXAMPLE_ASSIGNMENT.findall(ENV_EXAMPLE.read_text(encoding="utf-8")))


@cache
def compose_substituted_variables():
    return frozenset(COMPOSE_SUBSTITUTION.findall(COMPOSE_FILE.read_text(encoding="utf-8")))


@cache
def dockerfile_instructions():
    """(INSTRUCTION, arguments) pairs, continuation lines joined and comments dropped."""
    instructions, current = [], ""
    for line in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        current += stripped
        keyword, _, arguments = current.partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
        current = ""
    assert not current, "the Dockerfile ends in a line continuation"
    return instructions


def dockerfile(keyword):
    return [arguments for kw, arguments in dockerfile_instructions() if kw == keyword]


# --- Checking commands ------------------------------------------------------------------------------


def simple_commands(command):
    """Split a compose `command:` or a Dockerfile CMD into simple commands (lists of words)."""
    if isinstance(command, str):
        words = shlex.split(command)
    else:
        words = [str(word) for word in command]
    if len(words) >= 3 and words[0] in {"sh", "/bin/sh", "bash", "/bin/bash"} and words[1] == "-c":
        lexer = shlex.shlex(words[2], posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        words = list(lexer)
    result, current = [], []
    for word in words:
        if word in {"&&", "||", ";", "&"}:
            result.append(current)
            current = []
        else:
            current.append(word)
    result.append(current)
    commands = []
    for words in filter(None, result):
        while words and (words[0] == "exec" or re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", words[0])):
            words = words[1:]
        commands.append(words)
    return commands


def check_gunicorn(args):
    from gunicorn.config import Config

    try:
        parsed = Config().parser().parse_args(args)
    except SystemExit:  # argparse reports the error on stderr
        pytest.fail(f"gunicorn does not accept the options {args}")
    assert len(parsed.args) == 1, f"gunicorn needs exactly one application, got {parsed.args}"
    module_name, _, attribute = parsed.args[0].partition(":")
    module = importlib.import_module(module_name)
    application = getattr(module, attribute or "application", None)
    assert callable(application), f"{parsed.args[0]} is not a WSGI application"
    return parsed


def check_celery(args):
    from celery.app.utils import find_app
    from celery.bin.base import CLIContext
    from celery.bin.celery import celery

    import democracy

    index = next((i for i, word in enumerate(args) if word in celery.commands), None)
    assert index is not None, f"no celery subcommand in {args}"
    context = celery.make_context("celery", list(args[: index + 1]))
    app_name = context.params["app"]
    assert app_name, f"celery {args} does not name its app with -A"
    app = find_app(app_name)
    assert app is democracy.celery_app, f"-A {app_name} is not the project's Celery app"
    context.obj = CLIContext(app=app, no_color=True, workdir=None, quiet=True)
    name = args[index]
    sub = celery.commands[name].make_context(name, list(args[index + 1 :]), parent=context)
    return name, sub.params


def check_manage_py(args):
    from django.core.management import get_commands, load_command_class

    assert args, "manage.py without a subcommand"
    name, rest = args[0], args[1:]
    commands = get_commands()
    assert name in commands, f"manage.py has no command {name!r}"
    parser = load_command_class(commands[name], name).create_parser("manage.py", name)
    parser.parse_args(rest)  # raises CommandError on an unknown option
    return name


def check_command(words):
    """Validate one simple command; return (program, detail) for further assertions."""
    program = PurePosixPath(words[0]).name
    if program == "gunicorn":
        return program, check_gunicorn(words[1:])
    if program == "celery":
        return program, check_celery(words[1:])
    if re.fullmatch(r"python(3(\.\d+)?)?", program):
        if words[1:2] == ["manage.py"]:
            return "manage.py", check_manage_py(words[2:])
        if words[1:3] == ["-m", "gunicorn"]:
            return "gunicorn", check_gunicorn(words[3:])
        if words[1:3] == ["-m", "celery"]:
            return "celery", check_celery(words[3:])
    pytest.fail(f"the deployment test does not know how to check {words}: teach it")


def compose_command_programs(service):
    command = services()[service].get("command")
    assert command, f"service {service} has no command"
    return [check_command(words) for words in simple_commands(command)]


# --- docker-compose.yml ----------------------------------------------------------------------------


def test_compose_has_the_services():
    assert REQUIRED_SERVICES <= set(services())


@pytest.mark.parametrize("service", sorted(HEALTHCHECKED))
def test_services_have_healthchecks(service):
    healthcheck = services()[service].get("healthcheck") or {}
    assert healthcheck.get("test"), f"{service} has no healthcheck"
    assert not healthcheck.get("disable"), f"{service} disables its healthcheck"
    test = " ".join(healthcheck["test"]) if isinstance(healthcheck["test"], list) else healthcheck["test"]
    expected = {"db": "pg_isready", "redis": "redis-cli ping", "web": "127.0.0.1"}[service]
    assert expected in test


def test_images():
    assert str(services()["db"]["image"]).startswith("postgres:16")
    assert str(services()["redis"]["image"]).startswith("redis:7")


def test_app_services_are_built_from_an_existing_dockerfile():
    built = {name for name, service in services().items() if service.get("build")}
    assert built == APP_SERVICES
    for name in built:
        build = services()[name]["build"]
        context = build if isinstance(build, str) else build.get("context", ".")
        dockerfile_name = "Dockerfile" if isinstance(build, str) else build.get("dockerfile", "Dockerfile")
        path = COMPOSE_FILE.parent / context / dockerfile_name
        assert path.is_file(), f"{name}: no {dockerfile_name} in {context}"


def test_depends_on_waits_for_healthy_services():
    for name, service in services().items():
        depends_on = service.get("depends_on") or {}
        assert isinstance(depends_on, dict), f"{name}: depends_on must use the long form with a condition"
        for target, condition in depends_on.items():
            assert target in services(), f"{name} depends on an unknown service {target}"
            assert condition.get("condition") == "service_healthy", f"{name} → {target}"
            assert services()[target].get("healthcheck"), f"{name} waits for {target}: it has no healthcheck"
    for name in APP_SERVICES:
        assert {"db", "redis"} <= set(services()[name].get("depends_on") or {}), name


def test_app_services_read_env_file():
    for name in APP_SERVICES:
        env_file = services()[name].get("env_file")
        files = env_file if isinstance(env_file, list) else [env_file]
        paths = [item["path"] if isinstance(item, dict) else item for item in files]
        assert ".env" in paths or "./.env" in paths, f"{name} does not read .env"


def test_app_services_point_at_the_db_and_redis_services():
    import environ

    db = environment("db")
    for name in APP_SERVICES:
        env = environment(name)
        database = environ.Env.db_url_config(substitute(env["DATABASE_URL"]))
        assert database["ENGINE"] == "django.db.backends.postgresql", name
        assert database["HOST"] == "db", name
        assert database["NAME"] == db["POSTGRES_DB"], name
        assert database["USER"] == db["POSTGRES_USER"], name
        assert database["PASSWORD"] == substitute(db["POSTGRES_PASSWORD"]), name
        redis = urlsplit(env["REDIS_URL"])
        assert (redis.scheme, redis.hostname) == ("redis", "redis"), name


@pytest.mark.parametrize("service", sorted(APP_SERVICES))
def test_compose_environment_names_only_variables_settings_reads(service):
    unknown = set(environment(service)) - settings_variables()
    assert not unknown, f"{service} sets variables settings.py never reads: {sorted(unknown)}"


def test_image_services_environment_names_only_their_image_variables():
    for name in services():
        if name in APP_SERVICES:
            continue
        unknown = set(environment(name)) - IMAGE_VARIABLES.get(name, set())
        assert not unknown, f"{name} sets variables its image does not read: {sorted(unknown)}"


def test_web_migrates_then_serves_on_port_8000():
    programs = compose_command_programs("web")
    assert [program for program, _ in programs] == ["manage.py", "gunicorn"]
    assert programs[0][1] == "migrate"
    gunicorn = programs[1][1]
    assert gunicorn.args == ["democracy.wsgi:application"]
    assert "0.0.0.0:8000" in gunicorn.bind


def test_worker_and_beat_run_the_project_celery_app():
    for service, queue in (("worker", "celery"), ("pdf-worker", "pdf")):  # PDFs on a worker of their own
        (program, (name, _)), *rest = compose_command_programs(service)
        assert (program, name, rest) == ("celery", "worker", [])
        command = services()[service]["command"]
        assert command[command.index("-Q") + 1] == queue, service
    (program, (name, params)), *rest = compose_command_programs("beat")
    assert (program, name, rest) == ("celery", "beat", [])
    schedule = PurePosixPath(params["schedule"])
    assert schedule == PurePosixPath("/app/var/celerybeat-schedule")
    mounts = [PurePosixPath(str(v).split(":")[1]) for v in services()["beat"].get("volumes") or []]
    assert any(schedule.is_relative_to(mount) for mount in mounts), "beat's schedule is not on a volume"


@pytest.mark.parametrize("service", sorted(APP_SERVICES))
def test_every_command_names_existing_modules_and_commands(service):
    assert compose_command_programs(service)


def test_celery_app_registers_the_scheduled_tasks():
    from celery.app.utils import find_app
    from django.conf import settings

    app = find_app("democracy")  # what `celery -A democracy` loads
    app.loader.import_default_modules()  # what a worker does at start: autodiscovers tasks.py
    assert settings.CELERY_BEAT_SCHEDULE
    for entry, schedule in settings.CELERY_BEAT_SCHEDULE.items():
        assert schedule["task"] in app.tasks, f"beat entry {entry}: task {schedule['task']} is not registered"


def test_media_volume_is_mounted_at_media_root():
    assert "media" in (compose().get("volumes") or {})
    for name in ("web", "worker", "pdf-worker"):
        media_root = environment(name).get("MEDIA_ROOT")
        assert media_root, f"{name} does not set MEDIA_ROOT"
        assert f"media:{media_root}" in services()[name].get("volumes", []), name


def test_database_is_on_a_named_volume():
    volumes = compose().get("volumes") or {}
    mounts = [str(v) for v in services()["db"].get("volumes", [])]
    assert any(m.split(":")[0] in volumes and m.split(":")[1] == "/var/lib/postgresql/data" for m in mounts)


# --- .env.example ----------------------------------------------------------------------------------


def test_env_example_documents_every_variable_settings_reads():
    missing = settings_variables() - env_example_variables()
    assert not missing, f".env.example does not document {sorted(missing)}"


def test_env_example_names_only_variables_that_are_used():
    # Besides settings.py's, only variables docker-compose.yml substitutes (the database password).
    compose_only = env_example_variables() - settings_variables()
    unused = compose_only - compose_substituted_variables()
    assert not unused, f".env.example documents variables nothing reads: {sorted(unused)}"


def test_env_example_explains_each_variable_in_both_languages():
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    for name in env_example_variables():
        block = re.search(rf"^# {name}\n((?:#   .*\n)+)# {name}=", text, re.MULTILINE)
        assert block, f".env.example: no '# {name}' explanation just above '# {name}='"
        explanation = block.group(1)
        assert "vi:" in explanation and "en:" in explanation, name
        assert "Mặc định" in explanation or "Không có mặc định" in explanation, name
        assert "Default" in explanation or "No default" in explanation, name


def test_env_example_is_inert_when_copied_to_env():
    """Every line is a comment: a copy used as .env keeps the embedded local defaults."""
    active = [line for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    active = [line for line in active if not line.lstrip().startswith("#")]
    assert not active, f".env.example has active lines: {active}"


# --- Dockerfile and .dockerignore -----------------------------------------------------------------


def test_dockerfile_base_image_and_system_libraries():
    assert dockerfile("FROM") == ["python:3.11-slim-bookworm"]
    runs = " ".join(dockerfile("RUN"))
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fonts-dejavu-core"):
        assert package in runs, package
    assert re.search(r"\bpip install \.", runs)


def test_dockerfile_runs_as_a_non_root_user():
    users = dockerfile("USER")
    assert users, "the Dockerfile never leaves root"
    assert users[-1].split(":")[0] not in {"root", "0"}


def test_dockerfile_cmd_serves_the_wsgi_application():
    (cmd,) = dockerfile("CMD")
    words = json.loads(cmd)  # the exec form, so that gunicorn gets the signals
    assert "democracy.wsgi:application" in words
    for simple in simple_commands(words):
        check_command(simple)


def test_dockerfile_settings_module_exists():
    env = " ".join(dockerfile("ENV"))
    match = re.search(r"DJANGO_SETTINGS_MODULE=(\S+)", env)
    assert match, "the image does not set DJANGO_SETTINGS_MODULE"
    assert importlib.util.find_spec(match.group(1)), f"{match.group(1)} is not importable"


def collectstatic_build_environment():
    (run,) = [run for run in dockerfile("RUN") if "collectstatic" in run]
    words = shlex.split(run)
    assignments = dict(word.split("=", 1) for word in words[: words.index("python")] if "=" in word)
    return words[words.index("python") :], assignments


@pytest.mark.slow
def test_collectstatic_at_build_time_works(tmp_path):
    """The image's collectstatic step, with its own build-time variables, into a scratch STATIC_ROOT."""
    command, variables = collectstatic_build_environment()
    assert variables.get("DEBUG") == "false"
    assert len(variables.get("SECRET_KEY", "")) >= 50
    assert variables.get("ALLOWED_HOSTS")
    assert command[:3] == ["python", "manage.py", "collectstatic"] and "--noinput" in command
    result = run_django([sys.executable, *command[1:]], STATIC_ROOT=str(tmp_path / "static"), **variables)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "static" / "staticfiles.json").is_file(), "no manifest: not the production storage"


def test_dockerignore_keeps_secrets_and_local_state_out():
    patterns = {line.strip() for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()}
    assert {".env", ".venv", ".git", "var"} <= patterns
    assert "!.env.example" in patterns or ".env.*" not in patterns
    for needed in ("manage.py", "pyproject.toml", "democracy", "units", "templates", "static"):
        assert needed not in patterns, f".dockerignore excludes {needed}, which the image needs"


# --- Production mode ------------------------------------------------------------------------------


def run_django(args, **variables):
    """Run with democracy.settings (not the test settings), none of the settings variables inherited
    from this process (nor DATABASE_URL/REDIS_URL: SQLite and no broker), none of the DJANGO_*
    variables test code sets (tests/browser sets DJANGO_ALLOW_ASYNC_UNSAFE), plus `variables`."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in settings_variables() and not name.startswith("DJANGO_")
    }
    env.update(DJANGO_SETTINGS_MODULE="democracy.settings", **variables)
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)


SETUP = [sys.executable, "-c", "import django; django.setup()"]
PRODUCTION_KEY = "test-only-" + "x9Q2mV7rT4wB8nK1" * 3 + "pZ"  # 60 characters, not a real secret


@pytest.mark.slow
def test_production_refuses_to_start_without_secret_key():
    # An empty SECRET_KEY, not an absent one: it also wins over a developer's .env.
    result = run_django(SETUP, DEBUG="false", SECRET_KEY="", ALLOWED_HOSTS="portal.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.slow
def test_production_refuses_to_start_without_allowed_hosts():
    assert len(PRODUCTION_KEY) == 60
    result = run_django(SETUP, DEBUG="false", SECRET_KEY=PRODUCTION_KEY, ALLOWED_HOSTS="")
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr
    assert "SECRET_KEY" not in result.stderr.strip().splitlines()[-1]


@pytest.mark.slow
def test_production_passes_the_deployment_checks():
    result = run_django(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DEBUG="false",
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="portal.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
