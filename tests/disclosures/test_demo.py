from django.core.management import call_command

from disclosures.models import Disclosure, State


def test_the_demo_fills_the_board_of_dong_ky_once(db):
    call_command("load_units")
    call_command("load_demo")
    call_command("load_demo_disclosures")
    call_command("load_demo_disclosures")
    states = sorted(Disclosure.objects.values_list("state", flat=True))
    assert states == sorted(
        [State.PUBLISHED, State.PUBLISHED, State.PUBLISHED, State.CLOSED, State.DRAFT, State.PUBLISHED]
    )
    assert Disclosure.objects.filter(agency__code="UBND-07282").count() == 1
