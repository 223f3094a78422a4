import pytest
from django.core.management import call_command

from disclosures.models import Disclosure, State

pytestmark = pytest.mark.slow  # the whole country: 34 provinces, 3,321 communes


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


def test_the_demo_consultations_load_once_with_a_published_result(db):
    from consultations.models import Consultation, Decision, Recommendation

    call_command("load_units")
    call_command("load_demo")
    call_command("load_demo_consultations")
    call_command("load_demo_consultations")
    assert sorted(Consultation.objects.values_list("state", flat=True)) == ["open", "results_published"]
    assert Decision.objects.get().outcome == "passed"  # 130/186 ≥ 2/3
    assert Recommendation.objects.get().is_overdue()
