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


def test_the_demo_trails_read_in_the_order_things_happened(db):
    """Issue 15: the loaders act in one go, yet each trail starts with its creation, publication is
    logged when the disclosure was published, and a window closed when it ended, not at loading time."""
    import datetime as dt

    from consultations.models import Consultation
    from democracy.models import Action, AuditEvent
    from reports.models import UnitReport

    for command in (
        "load_units",
        "load_demo",
        "load_demo_disclosures",
        "load_demo_consultations",
        "load_demo_reports",
    ):
        call_command(command)
    objects = [
        *Disclosure.objects.all(),
        *Consultation.objects.all(),
        *UnitReport.objects.exclude(state="draft"),
    ]
    for obj in objects:
        actions = list(AuditEvent.objects.of(obj).order_by("at", "pk").values_list("action", flat=True))
        assert actions[0] in (Action.CREATED, Action.COMPILED), (obj, actions)
    for d in Disclosure.objects.exclude(published_at=None):
        assert AuditEvent.objects.of(d).get(action=Action.PUBLISHED).at == d.published_at
    for d in Disclosure.objects.filter(state=State.CLOSED):
        closed = AuditEvent.objects.of(d).get(action=Action.CLOSED).at
        assert d.window_ends_at < closed <= d.window_ends_at + dt.timedelta(minutes=5), d
    finished = Consultation.objects.get(state="results_published")
    assert finished.plan_date < finished.opened_at.date()
    assert finished.comments.count() == 2 and not finished.comments.filter(response="").exists()
    assert all(c.plan_date <= c.opened_at.date() for c in Consultation.objects.exclude(opened_at=None))
