"""Test settings: the real settings with a fast password hasher, in-memory e-mail and eager Celery.

Tests marked `redis` turn eagerness off and run a real worker against REDIS_URL.
"""

import os

os.environ.setdefault("DEBUG", "true")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
SECOND_FACTOR_ROLES = []  # the second-factor tests turn it on
# The public pages' cache stays in this process, even with REDIS_URL: clearing it before each test
# (tests/conftest.py) must not flush the Redis database the broker shares.
CACHES["public"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "public"}  # noqa: F405
