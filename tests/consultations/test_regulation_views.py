"""The register's pages: the citizen's page of rules in force (a constant number of queries, only what is
in force, never an agency's), a rule's page and its file, and the staff's forms with their Vietnamese
messages and nothing half-saved."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from consultations.regulations import actions as reg_actions
from consultations.regulations.models import Regulation, RegulationKind
from democracy.models import AuditEvent

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def rule(
    cast, owner, number, *, kind=RegulationKind.COMMUNE_DEMOCRACY, effective=dt.date(2024, 1, 1), **extra
):
    return reg_actions.register_regulation(
        owner=owner, by=cast.clerk_a, kind=kind, title=f"Quy chế {number}", number=number,
        issued_on=effective, effective_from=effective, issuer="UBND", **extra,
    )  # fmt: skip


def test_the_board_lists_what_is_in_force_in_a_constant_number_of_queries(
    client, cast, django_assert_num_queries
):
    old = rule(cast, cast.a, "1/QC")
    rule(cast, cast.a, "2/QC", effective=dt.date(2024, 6, 1), replaces=old)
    rule(cast, cast.agency_a, "3/QC", kind=RegulationKind.AGENCY_DEMOCRACY)
    rule(cast, cast.village_a, "4/QĐ", kind=RegulationKind.HUONG_UOC)
    rule(cast, cast.b, "5/QC")
    with django_assert_num_queries(2):
        response = client.get("/units/07282/regulations/")
    text = response.content.decode()
    assert "2/QC" in text and "4/QĐ" in text and "Thôn Đồng Bông" in text
    assert "1/QC" not in text and "3/QC" not in text and "5/QC" not in text
    for n in range(6, 16):
        rule(cast, cast.village_a, f"{n}/QĐ", kind=RegulationKind.QUY_UOC)
    with django_assert_num_queries(2):
        assert client.get("/units/07282/regulations/").status_code == 200


def test_a_rule_page_and_file_for_the_public_an_agency_rule_only_for_its_people(client, cast):
    public = rule(cast, cast.a, "1/QC", file=__import__("democracy.uploads", fromlist=["x"]).check_upload(
        SimpleUploadedFile("quy-che.pdf", PDF)))  # fmt: skip
    internal = rule(cast, cast.agency_a, "3/QC", kind=RegulationKind.AGENCY_DEMOCRACY)
    assert client.get(f"/regulations/{public.pk}/").status_code == 200
    assert client.get(f"/regulations/{public.pk}/file/").status_code == 200
    assert client.get(f"/regulations/{internal.pk}/").status_code == 404
    assert client.get(f"/regulations/{internal.pk}/entry.pdf").status_code == 404
    client.force_login(cast.staff_agency_a)
    assert client.get(f"/regulations/{internal.pk}/").status_code == 200
    assert client.get(f"/regulations/{internal.pk}/entry.pdf")["content-type"] == "application/pdf"


def test_replacing_a_rule_by_itself_is_refused_in_the_page(client, cast):
    regulation = rule(cast, cast.a, "1/QC")
    client.force_login(cast.clerk_a)
    before = AuditEvent.objects.count()
    response = client.post(f"/staff/regulations/{regulation.pk}/replace/", {"replaced_by": regulation.pk})
    assert response.status_code == 400
    assert "Một văn bản không thể thay thế chính nó." in response.content.decode()
    regulation.refresh_from_db()
    assert regulation.replaced_by_id is None and AuditEvent.objects.count() == before
    newer = rule(cast, cast.a, "2/QC", effective=dt.date(2024, 6, 1))
    response = client.post(f"/staff/regulations/{regulation.pk}/replace/", {"replaced_by": newer.pk})
    assert response.status_code == 302
    regulation.refresh_from_db()
    assert regulation.replaced_by == newer


def test_the_register_form_says_what_is_wrong_and_saves_nothing(client, cast):
    client.force_login(cast.clerk_a)
    response = client.post("/staff/units/07282/regulations/new/", {
        "kind": "commune_democracy", "title": "Quy chế", "number": "1/QC", "issued_on": "26/02/2024",
        "effective_from": "20/02/2024", "issuer": "UBND xã Đồng Kỳ",
    })  # fmt: skip
    assert response.status_code == 400
    assert "Ngày có hiệu lực không được trước ngày ban hành." in response.content.decode()
    assert not Regulation.objects.exists()
    response = client.post("/staff/units/07282/regulations/new/", {
        "kind": "commune_democracy", "title": "Quy chế", "number": "1/QC", "issued_on": "26/02/2024",
        "effective_from": "26/02/2024", "issuer": "UBND xã Đồng Kỳ",
    })  # fmt: skip
    assert response.status_code == 302 and Regulation.objects.get().number == "1/QC"
    client.force_login(cast.reviewer_p)
    assert client.get("/staff/units/07282/regulations/new/").status_code == 403


def test_a_paper_cycle_is_entered_by_an_approver_only(client, cast, make_consultation):
    consultation = make_consultation()
    client.force_login(cast.clerk_a)
    assert client.get(f"/staff/consultations/{consultation.pk}/paper/").status_code == 403
    client.force_login(cast.approver_a)
    assert client.get(f"/staff/consultations/{consultation.pk}/paper/").status_code == 200
    response = client.post(
        f"/staff/consultations/{consultation.pk}/paper/", {"opened_on": "05/02/2024", "reason": "Giấy"}
    )
    assert response.status_code == 400  # no draft attached yet
    assert "Chưa có dự thảo" in response.content.decode()


def convention_decision(cast, *, state="recognised"):
    from consultations.models import Decision, Outcome
    from democracy.models import CatalogueItem

    return Decision.objects.create(
        unit=cast.village_a, item=CatalogueItem.objects.get(scope="commune", article=15, clause=3),
        title="Hương ước thôn Đồng Bông", method="meeting", electorate=120, present=100, agree=90,
        outcome=Outcome.PASSED, state=state, decided_on=dt.date(2024, 3, 15), recognised_by="commune",
        recognised_on=dt.date(2024, 3, 28) if state == "recognised" else None,
    )  # fmt: skip


def test_the_decision_page_offers_the_convention_to_the_clerk_and_the_page_confirms(client, cast):
    from democracy.models import Action

    decision = convention_decision(cast)
    issue = f"/staff/decisions/{decision.pk}/issue/"
    client.force_login(cast.inspector_a)  # reads the decision, does not write the register
    assert issue not in client.get(f"/staff/decisions/{decision.pk}/").content.decode()
    assert client.get(issue).status_code == 403
    client.force_login(cast.clerk_a)
    assert issue in client.get(f"/staff/decisions/{decision.pk}/").content.decode()
    page = client.get(issue).content.decode()
    assert "Xác nhận: hương ước, quy ước được ghi vào sổ của Thôn Đồng Bông" in page and "28/03/2024" in page
    # Bad input: a clear message on the field, nothing saved.
    response = client.post(issue, {"kind": "huong_uoc", "title": "Hương ước thôn Đồng Bông", "number": "",
                                   "issued_on": "28/03/2024", "effective_from": "28/03/2024", "issuer": "UBND xã"})  # fmt: skip
    assert response.status_code == 400 and "Hãy nhập số, ký hiệu văn bản." in response.content.decode()
    assert not Regulation.objects.exists()
    response = client.post(
        issue,
        {"kind": "huong_uoc", "title": "Hương ước thôn Đồng Bông", "number": "45/QĐ-UBND",
         "issued_on": "28/03/2024", "effective_from": "28/03/2024", "issuer": "UBND xã Đồng Kỳ"},
        follow=True,
    )  # fmt: skip
    regulation = Regulation.objects.get()
    assert "Đã ghi Hương ước" in response.content.decode() and "45/QĐ-UBND" in response.content.decode()
    assert regulation.decision == decision and regulation.unit == cast.village_a
    assert AuditEvent.objects.of(decision).filter(action=Action.REGULATION_ISSUED).count() == 1
    # Entered: the decision page links to it and offers no second entry.
    detail = client.get(f"/staff/decisions/{decision.pk}/").content.decode()
    assert f"/regulations/{regulation.pk}/" in detail and issue not in detail
    assert client.get(issue).status_code == 302


def test_a_convention_not_yet_recognised_cannot_be_entered_from_its_page(client, cast):
    decision = convention_decision(cast, state="sent")
    issue = f"/staff/decisions/{decision.pk}/issue/"
    client.force_login(cast.clerk_a)
    assert issue not in client.get(f"/staff/decisions/{decision.pk}/").content.decode()
    page = client.get(issue).content.decode()
    assert "chưa ghi vào sổ được" in page and "disabled" in page
    response = client.post(issue, {"kind": "quy_uoc", "title": "Quy ước", "number": "1/QĐ", "issued_on": "20/03/2024",
                                   "effective_from": "20/03/2024", "issuer": "UBND xã"})  # fmt: skip
    assert response.status_code == 400 and "đã được Ủy ban nhân dân xã công nhận" in response.content.decode()
    assert not Regulation.objects.exists()
