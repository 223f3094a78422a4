import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()  # the counters live in the cache, shared by every test in this process
    yield
    cache.clear()
