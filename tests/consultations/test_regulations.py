"""The register of rules in force, Decree 61's steps, the draft's posting and closing records, the
conference deadline, a cycle entered from paper, and the dashboard's regulation indicator: each write
function leaves one audit row per act, and a refused one leaves nothing."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from consultations import actions
from consultations.models import CommentChannel, ConsultationState, Decision, DecisionState, Outcome
from consultations.regulations import actions as reg_actions
from consultations.regulations.conventions import steps_of
from consultations.regulations.models import ComplianceDeadline, DraftRecord, Regulation, RegulationKind
from consultations.regulations.postings import draft_record_pdf
from democracy.models import Action, AuditEvent
from democracy.uploads import check_upload
from disclosures import actions as disclosure_actions
from disclosures.models import Record, State
from reports import compliance, figures
from tests.disclosures.conftest import make_disclosure  # noqa: F401, F811 (a fixture)
from units.regimes import ReportingRegime

from .conftest import HCM, attach_draft, item

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def at(day, hour=8):
    return dt.datetime.combine(day, dt.time(hour), HCM)


def text_of(pdf: bytes) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages)


def register(cast, owner=None, **fields):
    values = {
        "kind": RegulationKind.COMMUNE_DEMOCRACY, "title": "Quy chế thực hiện dân chủ ở xã Đồng Kỳ",
        "number": "12/QC-UBND", "issued_on": dt.date(2023, 3, 1), "effective_from": dt.date(2023, 3, 1),
        "issuer": "UBND xã Đồng Kỳ",
    }  # fmt: skip
    values.update(fields)
    return reg_actions.register_regulation(owner=owner or cast.a, by=cast.clerk_a, **values)


def trail(obj):
    return list(AuditEvent.objects.of(obj).values_list("action", flat=True))


# --- The register --------------------------------------------------------------------------------


def test_register_replace_and_in_force_today(cast):
    old = register(cast)
    file = check_upload(SimpleUploadedFile("quy-che-2024.pdf", PDF))
    new = register(cast, number="156/QC-UBND", issued_on=dt.date(2024, 2, 26),
                   effective_from=dt.date(2024, 3, 1), replaces=old, file=file)  # fmt: skip
    old.refresh_from_db()
    assert old.replaced_by == new and new.replaces == old
    assert new.file and new.original_name == "quy-che-2024.pdf"
    assert old.is_in_force(dt.date(2024, 2, 29)) and not old.is_in_force(dt.date(2024, 3, 1))
    assert list(Regulation.objects.in_force(dt.date(2024, 2, 29))) == [old]
    assert list(Regulation.objects.in_force(dt.date(2024, 3, 1))) == [new]
    assert trail(old) == [Action.CREATED, Action.REGULATION_REPLACED]
    assert trail(new) == [Action.CREATED]


def test_a_regulation_never_replaces_itself_and_nothing_is_half_saved(cast):
    regulation = register(cast)
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        reg_actions.set_replacement(regulation, by=cast.clerk_a, replaced_by=regulation)
    assert "không thể thay thế chính nó" in str(error.value)
    regulation.refresh_from_db()
    assert regulation.replaced_by_id is None and AuditEvent.objects.count() == before


def test_no_circle_of_replacements(cast):
    a = register(cast)
    b = register(cast, number="13/QC-UBND", effective_from=dt.date(2023, 3, 1))
    reg_actions.set_replacement(a, by=cast.clerk_a, replaced_by=b)
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match="vòng tròn"):
        reg_actions.set_replacement(b, by=cast.clerk_a, replaced_by=a)
    b.refresh_from_db()
    assert b.replaced_by_id is None and AuditEvent.objects.count() == before


def test_bad_fields_are_refused_each_on_its_field(cast):
    with pytest.raises(ValidationError) as error:
        register(cast, kind=RegulationKind.HUONG_UOC, number=" ", effective_from=dt.date(2023, 2, 1))
    assert set(error.value.error_dict) == {"kind", "number", "effective_from"}
    assert not Regulation.objects.exists()
    with pytest.raises(ValidationError) as error:
        register(cast, owner=cast.agency_a, kind=RegulationKind.COMMUNE_DEMOCRACY)
    assert "kind" in error.value.error_dict


def test_a_replacement_from_another_owner_is_refused(cast):
    a = register(cast)
    b = register(cast, owner=cast.b)
    with pytest.raises(ValidationError, match="cùng xã"):
        reg_actions.set_replacement(a, by=cast.clerk_a, replaced_by=b)


# --- Issued from a consultation, posted, linked both ways ------------------------------------------------


def closed_consultation(cast, make_consultation, owner=None, **fields):
    consultation = make_consultation(owner, opened_on=dt.date(2024, 2, 5), **fields)
    actions.close_due_consultations(now=consultation.ends_at + dt.timedelta(minutes=1))
    consultation.refresh_from_db()
    return consultation


def test_issuing_from_a_consultation_feeds_the_register_and_the_permanent_posting(cast, make_consultation):
    consultation = closed_consultation(cast, make_consultation)
    file = check_upload(SimpleUploadedFile("qc-156.pdf", PDF))
    regulation = reg_actions.issue_from_consultation(
        consultation, by=cast.clerk_a, file=file, title="Quy chế thực hiện dân chủ ở xã Đồng Kỳ",
        number="156/QC-UBND", issued_on=dt.date(2024, 2, 26), effective_from=dt.date(2024, 2, 26),
        issuer="UBND xã Đồng Kỳ",
    )  # fmt: skip
    assert regulation.kind == RegulationKind.COMMUNE_DEMOCRACY and regulation.consultation == consultation
    disclosure = regulation.disclosure
    assert (disclosure.item.article, disclosure.item.clause) == (
        11,
        4,
    ) and disclosure.regulation == regulation
    assert disclosure.state == State.SUBMITTED and disclosure.documents.count() == 1
    assert disclosure_actions.publish(disclosure, by=cast.approver_a, now=at(dt.date(2024, 2, 27)))
    disclosure.refresh_from_db()
    assert disclosure.window_ends_at is None  # posted permanently (Art. 13(2))
    assert Action.REGULATION_ISSUED in trail(consultation)
    with pytest.raises(ValidationError, match="đã được ghi vào sổ"):
        reg_actions.issue_from_consultation(
            consultation, by=cast.clerk_a, title="x", number="157/QC-UBND", issued_on=dt.date(2024, 2, 27),
            effective_from=dt.date(2024, 2, 27), issuer="UBND xã Đồng Kỳ",
        )  # fmt: skip


def test_an_agency_regulation_is_posted_under_article_46_item_9(cast, make_consultation):
    consultation = closed_consultation(cast, make_consultation, owner=cast.agency_a)
    regulation = reg_actions.issue_from_consultation(
        consultation, by=cast.staff_agency_a, title="Quy chế dân chủ", number="156/QC-UBND",
        issued_on=dt.date(2024, 2, 26), effective_from=dt.date(2024, 2, 26), issuer="UBND xã Đồng Kỳ",
    )  # fmt: skip
    assert regulation.kind == RegulationKind.AGENCY_DEMOCRACY and regulation.agency == cast.agency_a
    assert (regulation.disclosure.item.article, regulation.disclosure.item.clause) == (46, 9)
    assert regulation.disclosure.agency == cast.agency_a
    # Art. 46 item 9 is not among the items posted permanently (Art. 13(2) names Art. 11 items 4 and 13,
    # for communes only): an agency posts it for at least 20 consecutive days (Art. 48(1)-(2)), the
    # catalogue's number with its article.
    item = regulation.disclosure.item
    assert not item.is_permanent and item.posting_days == 20 and "Điều 48" in item.legal_basis
    assert regulation.disclosure.window_days == item.posting_days
    from tests.conftest import make_user
    from units.models import Role

    head = make_user("head_agency_a", Role.APPROVER, agency=cast.agency_a)
    assert disclosure_actions.publish(regulation.disclosure, by=head, now=at(dt.date(2024, 2, 27)))
    regulation.disclosure.refresh_from_db()
    assert regulation.disclosure.window_ends_at.date() == dt.date(2024, 3, 18)  # 27/02 + 20 days


def test_no_regulation_before_the_period_ends(cast, make_consultation):
    consultation = make_consultation(opened_on=dt.date(2024, 2, 5))
    with pytest.raises(ValidationError, match="sau khi kết thúc"):
        reg_actions.issue_from_consultation(
            consultation, by=cast.clerk_a, title="x", number="1/QC", issued_on=dt.date(2024, 2, 6),
            effective_from=dt.date(2024, 2, 6), issuer="UBND",
        )  # fmt: skip
    assert not Regulation.objects.exists()


def test_a_recognised_village_convention_enters_the_register_with_decree_61_steps(cast):
    decision = Decision.objects.create(
        unit=cast.village_a, item=item(15, 3), title="Hương ước thôn Đồng Bông", method="meeting",
        electorate=120, present=100, agree=90, outcome=Outcome.PASSED, state=DecisionState.RECOGNISED,
        decided_on=dt.date(2024, 3, 15), recognised_by="commune", recognised_on=dt.date(2024, 3, 28),
    )  # fmt: skip
    regulation = reg_actions.issue_from_decision(
        decision, by=cast.clerk_a, kind=RegulationKind.HUONG_UOC, title="Hương ước thôn Đồng Bông",
        number="45/QĐ-UBND", issuer="UBND xã Đồng Kỳ", draft_posted_on=dt.date(2024, 2, 1),
        dossier_sent_on=dt.date(2024, 3, 20), sent_on=dt.date(2024, 4, 3),
    )  # fmt: skip
    assert regulation.unit == cast.village_a and regulation.effective_from == dt.date(2024, 3, 28)
    assert regulation.disclosure.unit == cast.a  # the commune posts it
    steps = {s.label: s for s in steps_of(regulation, today=dt.date(2024, 5, 1))}
    decided = steps["Cộng đồng dân cư bàn, biểu quyết thông qua (trên 50% đại diện hộ gia đình tán thành)"]
    assert decided.due == dt.date(2024, 3, 2) and decided.status == "ok"  # 01/02 + 30 days (Art. 9(1))
    dossier = steps["Trưởng thôn gửi hồ sơ đề nghị công nhận tới UBND xã"]
    assert dossier.due == dt.date(2024, 3, 22) and dossier.status == "ok"  # 15/03 + 5 working days
    recognition = steps["UBND xã ban hành quyết định công nhận"]
    assert recognition.due == dt.date(2024, 3, 27) and recognition.status == "late"  # 20/03 + 5 working days
    sending = steps["Gửi hương ước, quy ước đã công nhận tới Trưởng thôn, Ban công tác Mặt trận"]
    assert sending.due == dt.date(2024, 4, 1) and sending.status == "late"  # 28/03 + 2 working days
    review = steps["Rà soát, đánh giá việc thực hiện hằng năm"]
    assert review.due == dt.date(2024, 11, 18)
    assert "Điều 11 khoản 3 điểm b" in recognition.article
    pdf = text_of(__import__("consultations.regulations.outputs", fromlist=["x"]).entry_pdf(regulation))
    assert "45/QĐ-UBND" in pdf and "Nghị định 61/2023/NĐ-CP" in pdf


def test_a_village_decision_not_yet_recognised_is_refused(cast):
    decision = Decision.objects.create(
        unit=cast.village_a, item=item(15, 3), title="Quy ước", method="meeting", electorate=120,
        outcome=Outcome.PASSED, state=DecisionState.SENT, decided_on=dt.date(2024, 3, 15), recognised_by="commune",
    )  # fmt: skip
    with pytest.raises(ValidationError, match="công nhận"):
        reg_actions.issue_from_decision(
            decision, by=cast.clerk_a, kind=RegulationKind.QUY_UOC, title="Quy ước", number="1",
            issuer="UBND", issued_on=dt.date(2024, 3, 20), effective_from=dt.date(2024, 3, 20),
        )  # fmt: skip
    assert not Regulation.objects.exists()


# --- The draft's posting and closing records ------------------------------------------------------------


def test_posting_the_draft_makes_the_posting_and_closing_records_numbered_with_disclosures(
    cast,
    make_consultation,
    make_disclosure,  # noqa: F811
):
    make_disclosure(state="published", published_on=dt.date(2024, 2, 1))  # takes 1/BB-UBND of 2024
    consultation = make_consultation(forms=["e", "posting"], opened_on=dt.date(2024, 2, 5))
    posting = DraftRecord.objects.get(consultation=consultation, kind=DraftRecord.Kind.POSTING)
    assert posting.number == "2/BB-UBND"
    actions.add_comment(
        consultation, text="Đề nghị bổ sung thời hạn trả lời kiến nghị.", channel=CommentChannel.ZALO,
        by=cast.clerk_a, received_at=at(dt.date(2024, 2, 10)),
    )  # fmt: skip
    actions.close_due_consultations(now=consultation.ends_at + dt.timedelta(minutes=1))
    closing = DraftRecord.objects.get(consultation=consultation, kind=DraftRecord.Kind.CLOSING)
    assert closing.number == "3/BB-UBND"
    assert Record.objects.count() == 1  # the disclosure's own; the draft's are their own rows
    text = text_of(draft_record_pdf(posting))
    assert "Số: 2/BB-UBND" in text and "Niêm yết công khai" in text and "127/KH-UBND" in text
    text = text_of(draft_record_pdf(closing))
    assert "Kết thúc niêm yết" in text and "Zalo" in text and "Đề nghị bổ sung thời hạn" in text


def test_no_posting_no_records_and_none_received_says_so(cast, make_consultation):
    plain = make_consultation(opened_on=dt.date(2024, 2, 5))
    assert not plain.draft_records.exists()
    posted = make_consultation(forms=["posting"], opened_on=dt.date(2024, 2, 5))
    actions.close_due_consultations(now=posted.ends_at + dt.timedelta(minutes=1))
    closing = posted.draft_records.get(kind=DraftRecord.Kind.CLOSING)
    assert "không nhận được câu hỏi, ý kiến phản ánh nào" in text_of(draft_record_pdf(closing))


# --- Comment channels and the conference deadline --------------------------------------------------


def test_email_and_zalo_are_recorded_channels(cast, make_consultation):
    consultation = make_consultation(opened_on=dt.date(2024, 2, 5))
    for channel in (CommentChannel.EMAIL, CommentChannel.ZALO):
        comment = actions.add_comment(
            consultation, text="Góp ý", channel=channel, by=cast.clerk_a, received_at=at(dt.date(2024, 2, 7))
        )
        assert comment.get_channel_display() in ("Thư điện tử", "Zalo")


def test_conference_comments_close_at_their_deadline_inside_the_window(cast, make_consultation):
    consultation = make_consultation(
        opened_on=dt.date(2024, 2, 5), conference_comments_until=dt.date(2024, 2, 10)
    )
    actions.add_comment(consultation, text="Tại hội nghị", channel=CommentChannel.CONFERENCE, people_count=28,
                        by=cast.clerk_a, received_at=at(dt.date(2024, 2, 10), 15))  # fmt: skip
    with pytest.raises(ValidationError, match="10/02/2024"):
        actions.add_comment(consultation, text="Muộn", channel=CommentChannel.CONFERENCE, people_count=28,
                            by=cast.clerk_a, received_at=at(dt.date(2024, 2, 11)))  # fmt: skip
    # Another channel still runs to the end of the period.
    actions.add_comment(consultation, text="Thư", channel=CommentChannel.EMAIL, by=cast.clerk_a,
                        received_at=at(dt.date(2024, 2, 12)))  # fmt: skip
    outside = actions.create_consultation(
        owner=cast.a, by=cast.clerk_a, item=item(25, 7), title="Dự thảo", content="x", forms=["a"],
        period_days=20, conference_comments_until=dt.date(2024, 3, 30),
    )  # fmt: skip
    attach_draft(outside)
    with pytest.raises(ValidationError, match="phải nằm trong thời gian lấy ý kiến"):
        actions.open_consultation(outside, by=cast.approver_a, now=at(dt.date(2024, 2, 5)))
    outside.refresh_from_db()
    assert outside.state == ConsultationState.DRAFT and Action.OPENED not in trail(outside)


# --- A cycle held on paper -----------------------------------------------------------------------------


def test_the_dong_son_cycle_entered_from_paper_with_its_real_dates(cast, make_consultation):
    consultation = make_consultation(owner=cast.agency_a, forms=["2", "posting"], item=item(53, 8, "agency"))
    attach_draft(consultation)
    reg_actions.enter_paper_cycle(
        consultation, by=cast.approver_a, reason="Hồ sơ giấy năm 2024", opened_at=at(dt.date(2024, 2, 5), 14),
        last_day=dt.date(2024, 2, 25), closed_at=at(dt.date(2024, 2, 25), 16),
    )  # fmt: skip
    consultation.refresh_from_db()
    assert consultation.state == ConsultationState.CLOSED and consultation.ends_on == dt.date(2024, 2, 25)
    event = AuditEvent.objects.of(consultation).get(action=Action.PAPER_CYCLE_ENTERED)
    assert event.note == "Hồ sơ giấy năm 2024" and event.actor == cast.approver_a
    records = {r.kind: r for r in consultation.draft_records.all()}
    assert (
        records["posting"].made_at == at(dt.date(2024, 2, 5), 14) and records["posting"].number == "1/BB-UBND"
    )
    assert (
        records["closing"].made_at == at(dt.date(2024, 2, 25), 16)
        and records["closing"].number == "2/BB-UBND"
    )
    assert "05/02/2024" in text_of(draft_record_pdf(records["posting"]))
    with pytest.raises(ValidationError, match="chưa công bố"):
        reg_actions.enter_paper_cycle(
            consultation, by=cast.approver_a, reason="x", opened_at=at(dt.date(2024, 2, 5))
        )


def test_a_paper_cycle_needs_a_reason_and_leaves_nothing_when_refused(cast, make_consultation):
    consultation = make_consultation(forms=["posting"])
    attach_draft(consultation)
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match="lý do"):
        reg_actions.enter_paper_cycle(
            consultation, by=cast.approver_a, reason=" ", opened_at=at(dt.date(2024, 2, 5))
        )
    with pytest.raises(ValidationError, match="sau ngày công bố"):
        reg_actions.enter_paper_cycle(consultation, by=cast.approver_a, reason="Giấy",
                                      opened_at=at(dt.date(2024, 2, 5)), last_day=dt.date(2024, 2, 1))  # fmt: skip
    consultation.refresh_from_db()
    assert consultation.state == ConsultationState.DRAFT and AuditEvent.objects.count() == before
    assert not consultation.draft_records.exists()


# --- The dashboard's indicator ------------------------------------------------------------------------


def test_regulation_indicator_equals_an_independent_count(cast):
    ComplianceDeadline.objects.create(kind=RegulationKind.COMMUNE_DEMOCRACY, due_on=dt.date(2024, 6, 30),
                                      article="Kế hoạch của tỉnh")  # fmt: skip
    ComplianceDeadline.objects.create(kind=RegulationKind.AGENCY_DEMOCRACY, due_on=dt.date(2024, 6, 30),
                                      article="Kế hoạch của tỉnh")  # fmt: skip
    register(cast, effective_from=dt.date(2024, 3, 1), issued_on=dt.date(2024, 3, 1))  # commune A: on time
    register(cast, owner=cast.b, effective_from=dt.date(2024, 8, 1), issued_on=dt.date(2024, 8, 1))  # B: late
    old_c = register(cast, owner=cast.c, effective_from=dt.date(2024, 1, 1), issued_on=dt.date(2024, 1, 1))
    new_c = register(
        cast, owner=cast.c, number="2/QC", effective_from=dt.date(2024, 9, 1), issued_on=dt.date(2024, 9, 1)
    )
    reg_actions.set_replacement(old_c, by=cast.clerk_a, replaced_by=new_c)  # C: replaced by a late one
    reg_actions.register_regulation(
        owner=cast.agency_a, by=cast.staff_agency_a, kind=RegulationKind.AGENCY_DEMOCRACY, title="QC",
        number="156/QC-UBND", issued_on=dt.date(2024, 2, 26), effective_from=dt.date(2024, 2, 26), issuer="UBND",
    )  # fmt: skip
    result = figures.compute(
        ReportingRegime().period_for_key("2024"), units=[cast.a.pk, cast.b.pk, cast.c.pk], agencies=[cast.agency_a.pk, cast.agency_c.pk],
        breakdowns=False, today=dt.date(2024, 12, 31),
    )  # fmt: skip
    got = {key: result[key]["regulations"] for key in result}
    assert got[f"u{cast.a.pk}"] == {"required": 1, "in_force": 1}
    assert got[f"u{cast.b.pk}"] == {"required": 1, "in_force": 0}
    assert got[f"u{cast.c.pk}"] == {"required": 1, "in_force": 0}
    assert got[f"a{cast.agency_a.pk}"] == {"required": 1, "in_force": 1}
    assert got[f"a{cast.agency_c.pk}"] == {"required": 1, "in_force": 0}
    indicator = next(i for i in compliance.indicators_of(result[f"u{cast.b.pk}"]) if i.key == "regulation")
    assert (indicator.done, indicator.total, indicator.status) == (0, 1, compliance.BAD)
    # Before the deadline nothing is required yet.
    early = figures.compute(ReportingRegime().period_for_key("2024"), units=[cast.b.pk], agencies=[], breakdowns=False,
                            today=dt.date(2024, 5, 1))  # fmt: skip
    assert early[f"u{cast.b.pk}"]["regulations"] == {"required": 0, "in_force": 0}
