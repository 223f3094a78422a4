"""Helpers for the reports tests: periods under the default regime and reports of the cast's units."""

import pytest

from reports import actions
from tests.consultations.conftest import make_consultation  # noqa: F401 (fixture)
from tests.disclosures.conftest import make_disclosure  # noqa: F401 (fixture)
from units.models import ReportingRegime


@pytest.fixture
def period():
    """A period of the national default regime by key: period("2026-H1")."""

    def make(key="2026-H1"):
        return ReportingRegime().period_for_key(key)

    return make


@pytest.fixture
def make_report(cast):
    """The compiled report of an owner (a unit or an agency) for a period key."""

    def make(owner=None, key="2026-H1"):
        owner = owner or cast.a
        return actions.ensure_report(owner, ReportingRegime.for_owner(owner).period_for_key(key))

    return make
