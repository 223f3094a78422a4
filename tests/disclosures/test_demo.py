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
    # Đông Sơn 2024: the agency's own regulation (Art. 53 item 8), no comments in its 20 days.
    assert finished.is_internal and (finished.item.article, finished.item.clause) == (53, 8)
    assert finished.comments.count() == 0 and finished.draft_records.count() == 2
    assert finished.regulations.get().number == "156/QC-UBND"
    assert all(c.plan_date <= c.opened_at.date() for c in Consultation.objects.exclude(opened_at=None))


def test_the_demo_reads_as_real_documents(db):
    """Issue 15: every demo disclosure's summary differs from its body; the loader's disclosures carry
    their act as a real PDF (printed by the portal's renderer) with its number and a named signer; the
    posting records name people, never "Quản trị viên"."""
    import io

    from django.contrib.auth import get_user_model
    from pypdf import PdfReader

    from disclosures import outputs

    def text_of(data: bytes) -> str:
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)

    for command in (
        "load_units",
        "load_demo",
        "load_demo_disclosures",
        "load_demo_consultations",
        "load_demo_reports",
    ):
        call_command(command)
    assert [d.title for d in Disclosure.objects.all() if d.summary.strip() == d.body.strip()] == []
    # Every disclosure but the consultation's result report (its report is its text) carries its act.
    loaded = (
        Disclosure.objects.exclude(item__article=11, item__clause=11)
        .exclude(item__article=46, item__clause=10)
        .select_related("unit", "agency")
    )
    assert len(loaded) == 15  # with the Đông Sơn regulation's posting (Art. 46 item 9)
    for d in loaded:
        with d.documents.get().file.open("rb") as f:
            text = text_of(f.read())
        assert d.decision_number in text and "Độc lập - Tự do - Hạnh phúc" in text, d
    signers = {"45/NQ-HĐND": "Nguyễn Văn Thắng", "09/QĐ-UBND": "Trần Văn Minh", "03/KH-VP": "Bùi Quang Huy"}
    for number, name in signers.items():
        with Disclosure.objects.get(decision_number=number).documents.get().file.open("rb") as f:
            assert name in text_of(f.read()), number
    office = Disclosure.objects.get(agency__code="UBND-07282", decision_number="03/KH-VP")
    record = text_of(outputs.record_pdf(office.records.get()))
    assert "Bùi Quang Huy" in record and "Phạm Thu Trang" in record
    assert "Quản trị viên" not in get_user_model().objects.values_list("first_name", flat=True)
    from reports.models import UnitReport

    signed = UnitReport.objects.exclude(signed_by=None).select_related("signed_by")
    assert {r.signed_by.username for r in signed} == {"approver", "approver_yenthe", "agency_head"}
