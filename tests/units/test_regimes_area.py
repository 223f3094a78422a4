"""The regime of an area as a whole is picked the same way by the dashboard (`for_unit`) and by the
jobs that loop over many areas (`area_regime`, no query per area)."""

import pytest

from units.models import ReportingRegime

pytestmark = pytest.mark.django_db


def test_the_jobs_pick_the_province_regime_for_its_communes_not_its_agencies_only_one(cast):
    agencies_only = ReportingRegime.objects.create(
        authority=cast.province, name="Cơ quan", for_units=False, for_agencies=True, reminder_working_days=1
    )
    for_units = ReportingRegime.objects.create(
        authority=cast.province,
        name="Xã, phường",
        for_units=True,
        for_agencies=False,
        reminder_working_days=7,
    )
    commune_own = ReportingRegime.objects.create(authority=cast.a, name="Thôn của xã A")
    everything = ReportingRegime.all_by_authority()

    assert ReportingRegime.for_unit(cast.province) == for_units
    assert ReportingRegime.area_regime(cast.province, everything) == for_units
    # A commune's own regimes are for its villages and agencies: the area of A follows the province.
    assert ReportingRegime.for_unit(cast.a) == for_units
    assert ReportingRegime.area_regime(cast.a, everything) == for_units != commune_own
    assert agencies_only.pk < for_units.pk  # the old pick (the first by id) would have taken it
    # Province Q set nothing: the national default, a fresh one when none is stored.
    assert (
        ReportingRegime.area_regime(cast.other_province, everything).pk
        == ReportingRegime.for_unit(cast.other_province).pk
    )
