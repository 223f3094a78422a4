# Image of the grassroots-democracy portal: one image for the web server (gunicorn), the Celery
# worker and Celery beat (see docker-compose.yml). Configuration comes from the environment only
# (democracy/settings.py, documented in .env.example); nothing secret is baked into the image.
FROM python:3.11-slim-bookworm

# PYTHONPATH: the project tree in /app comes first on the path, before the copy `pip install .` puts
# in site-packages, so manage.py, gunicorn and celery all run the same code with its templates,
# static files and translations (settings.BASE_DIR is /app).
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=democracy.settings

# Shared libraries WeasyPrint needs to render PDF reports; Liberation Serif, the font the PDFs ask for
# (its files also ship in static/fonts), and DejaVu for glyphs it lacks.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
        fonts-liberation \
    && rm -rf /var/lib/apt/lists/*

# An unprivileged user; the containers never run as root.
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies first, from pyproject.toml alone, so that this layer is rebuilt only when they change.
COPY pyproject.toml README.md* ./
RUN pip install . \
    && rm -rf build *.egg-info

# Then the project itself.
COPY . .
RUN pip install --no-deps --force-reinstall . \
    && rm -rf build *.egg-info \
    && python -m compileall -q /app

# Static files are collected into the image (STATIC_ROOT = /app/staticfiles, served by WhiteNoise).
# The values below exist only for this build step: settings refuse DEBUG=false without them.
RUN DEBUG=false \
    SECRET_KEY=build-time-only-dummy-secret-key-never-used-at-runtime-0123456789 \
    ALLOWED_HOSTS=build \
    python manage.py collectstatic --noinput

# var/ holds the uploaded and generated files (MEDIA_ROOT = /app/var/media, a volume in
# docker-compose.yml) and the Celery beat schedule: the only places the app user writes to.
RUN mkdir -p /app/var/media \
    && chown -R app:app /app/var

USER app

EXPOSE 8000

CMD ["gunicorn", "democracy.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
