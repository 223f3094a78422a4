import pytest
from django.core.management import call_command

from consultations.petitions.models import BoxOpening, Petition, State

pytestmark = pytest.mark.slow  # the whole country: 34 provinces, 3,321 communes


def test_the_demo_petitions_load_once_in_every_state(db):
    call_command("load_units")
    call_command("load_demo")
    call_command("load_demo_petitions")
    call_command("load_demo_petitions")
    states = Petition.objects.values_list("state", flat=True)
    assert {
        State.ANSWERED,
        State.DECLINED,
        State.FORWARDED,
        State.ASSIGNED,
        State.RECEIVED,
        State.HIDDEN,
    } <= set(states)
    assert BoxOpening.objects.count() == 1
    assert Petition.objects.published().count() == 3
    assert Petition.objects.filter(rated_at__isnull=False).count() == 3
    assert Petition.objects.filter(agency__code="UBND-07282").count() == 1
