"""The objects the URL matrix (tests/test_url_matrix.py) requests, one bundle per scenario:

- "a": commune A (the unit of clerk_a, approver_a, inspector_a; in province P),
- "b": commune B (clerk_b's; the same province P),
- "c": commune C (the other province Q),
- "int": an internal object of agency A (staff_agency_a's agency, in commune A),
- "int_c": agency C (in commune C) — only for the URLs keyed by an agency code,
- "va", "vb", "vc": the decision of commune A, B or C whose online vote still runs (for the decision's
  PDFs, which exist only after the tally),
- "p", "q": provinces P and Q — the areas, roll-ups and jobs of reviewer_p and reviewer_q.

Each object is made once, through the domain functions (the fixtures of tests/*/conftest.py), in the
state in which most of its URLs answer: disclosures published (window open, with a document, a rendered
record and a feedback), consultations open (with a comment and a draft document), decisions tallied (and
an online vote running for the vote pages), a meeting, a recommendation, the period's report."""

import datetime as dt
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from consultations import actions as consultation_actions
from consultations.actions.meetings import record_meeting
from consultations.models import DraftDocument, MeetingAttachment
from consultations.petitions import actions as petition_actions
from consultations.petitions import links as petition_links
from democracy.models import CatalogueItem
from democracy.uploads import check_upload
from disclosures import actions as disclosure_actions
from disclosures.models import Channel, Record
from reports import actions as report_actions
from reports.checks import actions as check_actions
from reports.checks.models import CheckFix
from reports.models import AreaReport
from reports.plans import actions as plan_actions
from tests.conftest import make_unit
from tests.consultations.conftest import item
from tests.disclosures.conftest import PDF_BYTES, attach
from tests.supervision.matrix import add_boards
from units.models import Level, ReportingRegime, UnitType

KEY = "2026-H1"


def _disclosure(cast, make_disclosure, owner, today):
    d = make_disclosure(owner, state="published", published_on=today - dt.timedelta(days=1))
    document = attach(d)
    record = Record.objects.filter(disclosure=d).first() or Record.objects.create(
        disclosure=d, kind=Record.Kind.POSTING, number="1/BB-UBND"
    )
    record.pdf.save("bien-ban.pdf", ContentFile(PDF_BYTES), save=True)  # no WeasyPrint: the bytes suffice
    feedback = disclosure_actions.add_feedback(
        d, text="Câu hỏi", channel=Channel.IN_PERSON, by=cast.clerk_a, received_at=timezone.now()
    )
    return d, document, record, feedback


def _consultation(cast, make_consultation, owner, today):
    c = make_consultation(owner, opened_on=today - dt.timedelta(days=1))
    comment = consultation_actions.add_comment(c, text="Ý kiến")
    draft = DraftDocument.objects.create(consultation=c, original_name="du-thao.pdf",
        file=ContentFile(PDF_BYTES, name="du-thao.pdf"), content_type="application/pdf",
        size=len(PDF_BYTES), sha256="0" * 64)  # fmt: skip
    return c, comment, draft


def _decisions(cast, owner):
    today = timezone.localdate()
    internal = owner == cast.agency_a
    tallied = consultation_actions.create_decision(
        owner=owner, by=cast.clerk_a, title="Đường thôn",
        item=item(49, 1, "agency") if internal else item(15, 3),
        method="staff_conference" if internal else "meeting",
    )  # fmt: skip
    consultation_actions.record_tally(
        tallied, by=cast.clerk_a, decided_on=today, agree=tallied.electorate, present=tallied.electorate
    )
    if internal:  # an agency has no online vote: its vote URLs get the tallied decision
        return tallied, tallied
    voting = consultation_actions.create_decision(
        owner=owner, by=cast.clerk_a, item=item(15, 6), title="Đường thôn", method="online"
    )
    now = timezone.now()
    consultation_actions.open_online_vote(
        voting, by=cast.clerk_a, households=[f"Hộ {n}" for n in range(owner.households)],
        consent=owner.households // 2 + 1, opens_at=now - dt.timedelta(hours=1),
        closes_at=now + dt.timedelta(hours=1),
    )  # fmt: skip
    return tallied, voting


def _meeting(cast, owner, consultation):
    return record_meeting(
        owner=owner, by=cast.clerk_a, consultation=consultation,
        kind="staff_conference" if owner == cast.agency_a else "conference",
        title="Hội nghị lấy ý kiến", held_at=timezone.now() - dt.timedelta(hours=2), place="Hội trường",
        chair="Ông A", secretary="Bà B", expected=50, present=40,
    )  # fmt: skip


def _standalone(cast, owner):
    """A stand-alone meeting already held (public for a commune: an Art. 32 dialogue) and its file."""
    internal = owner == cast.agency_a
    meeting = consultation_actions.schedule_meeting(
        owner=owner, by=cast.clerk_a, kind="staff_conference" if internal else "dialogue",
        title="Hội nghị thường kỳ", held_at=timezone.now() - dt.timedelta(hours=3), place="Hội trường",
        convened_by="Chủ tịch UBND",
    )  # fmt: skip
    consultation_actions.record_minutes(
        meeting, by=cast.clerk_a, chair="Ông A", secretary="Bà B", expected=50, present=40
    )
    attachment = MeetingAttachment(meeting=meeting, original_name="danh-sach.pdf",
                                   content_type="application/pdf", size=len(PDF_BYTES), sha256="0" * 64)  # fmt: skip
    attachment.file.save("danh-sach.pdf", ContentFile(PDF_BYTES), save=True)
    return meeting, attachment


def _plans(cast, owner, today):
    """An issued plan with one task its owner leads, and a draft with one task."""
    lead = {"lead_agency": owner} if owner == cast.agency_a else {"lead_unit": owner}
    found = []
    for number in (7, None):
        plan = plan_actions.create_plan(owner=owner, by=cast.admin, title="Kế hoạch thực hiện dân chủ",
                                        date=today, place="Xã", number=number)  # fmt: skip
        task = plan_actions.add_task(plan, by=cast.admin, code="II.1", heading="Tuyên truyền", due_kind="year",
                                     due_year=today.year, **lead)  # fmt: skip
        if number:
            plan_actions.issue(plan, by=cast.admin)
        found += [plan, task]
    # The lead body's progress update on the issued plan's task, with a file (downloaded through the task's accessor).
    pdf = SimpleUploadedFile("bien-ban.pdf", PDF_BYTES, content_type="application/pdf")
    update = plan_actions.post_update(found[1], by=cast.admin, by_owner=owner, status="in_progress", on=today,
                                      text="Đã tổ chức hội nghị", files=[check_upload(pdf)])  # fmt: skip
    return [*found, update.attachments.get()]


def _rollup(province, reviewer):
    period = ReportingRegime.for_owner(province).period_for_key(KEY)
    job = report_actions.request_rollup(province, period, by=reviewer)
    # Compiled here: the job's task runs on commit, which a test transaction never reaches.
    rollup = report_actions.compile_rollup(AreaReport.objects.get(pk=job.params["area_report"]))
    return rollup, job


def _check(province, reviewer, owner):
    """A check of `owner` by its province's reviewer, concluded with one fix still open."""
    today = timezone.localdate()
    plan = check_actions.plan_check(
        province, by=reviewer, title="Kiểm tra thực hiện dân chủ", subject="Công khai", team_lead="Trưởng đoàn",
        starts_on=today - dt.timedelta(days=10), ends_on=today, units=[owner],
    )  # fmt: skip
    visit = plan.visits.get()
    check_actions.conclude_visit(
        visit, by=reviewer, visited_on=today - dt.timedelta(days=1), minutes="Biên bản", conclusions="Kết luận",
        fixes=[("Bổ sung sổ theo dõi", today + dt.timedelta(days=10))],
    )  # fmt: skip
    return plan, visit, CheckFix.objects.get(visit=visit)


def _regulation(cast, owner, consultation, today):
    """A rule in the owner's register (with its file), and the posting record of the consultation's draft."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from consultations.regulations import actions as regulation_actions
    from consultations.regulations.models import DraftRecord
    from consultations.regulations.postings import _make
    from democracy.uploads import check_upload

    internal = owner == cast.agency_a
    regulation = regulation_actions.register_regulation(
        owner=owner, by=cast.clerk_a, kind="agency_democracy" if internal else "commune_democracy",
        title="Quy chế thực hiện dân chủ", number="156/QC-UBND", issued_on=today, effective_from=today,
        issuer=str(owner), file=check_upload(SimpleUploadedFile("quy-che.pdf", PDF_BYTES)),
    )  # fmt: skip
    return regulation, _make(consultation, DraftRecord.Kind.POSTING, consultation.opened_at)


def build(cast, make_disclosure, make_consultation, make_report):
    """The bundles by scenario label. Needs MEDIA_ROOT pointed at a temporary directory."""
    today = timezone.localdate()
    village_c = make_unit("00070-01", "Tổ dân phố số 1", Level.VILLAGE, UnitType.TO_DAN_PHO, cast.c,
                          households=60)  # fmt: skip
    villages = {"a": cast.village_a, "b": cast.village_b, "c": village_c}
    quarter = (today.month - 1) // 3 + 1
    bundles = {}
    for label, owner in [("a", cast.a), ("b", cast.b), ("c", cast.c), ("int", cast.agency_a)]:
        s = SimpleNamespace(label=label, owner=owner, year=today.year, quarter=quarter)
        s.disclosure, s.document, s.record, s.feedback = _disclosure(cast, make_disclosure, owner, today)
        s.consultation, s.comment, s.draft = _consultation(cast, make_consultation, owner, today)
        s.decision, s.voting = _decisions(cast, cast.agency_a if label == "int" else villages[label])
        s.meeting = _meeting(cast, owner, s.consultation)
        s.standalone, s.meeting_file = _standalone(cast, owner)
        s.recommendation = consultation_actions.make_recommendation(
            owner=owner, by=cast.inspector_a, subject="Chậm trả lời", text="Chi tiết", addressed_to="UBND",
            made_on=today,
        )  # fmt: skip
        s.report = make_report(owner, KEY)
        s.petition = petition_actions.send_petition(owner, text="Kiến nghị sửa đường", by=cast.clerk_a)
        s.petition_token = petition_links.token_for(s.petition)
        province, reviewer = (
            (cast.other_province, cast.reviewer_q) if label == "c" else (cast.province, cast.reviewer_p)
        )
        s.check_plan, s.check_visit, s.check_fix = _check(province, reviewer, owner)
        s.plan, s.plan_task, s.plan_draft, s.plan_draft_task, s.plan_file = _plans(cast, owner, today)
        s.regulation, s.draft_record = _regulation(cast, owner, s.consultation, today)
        s.code = owner.code
        if label != "int":
            s.village_code = villages[label].code
        add_boards(cast, s, owner, None if label == "int" else villages[label])
        bundles[label] = s
    for label in ("a", "b", "c"):
        bundles[f"v{label}"] = SimpleNamespace(label=f"v{label}", decision=bundles[label].voting)
    bundles["int"].agency_code = cast.agency_a.code
    bundles["int_c"] = SimpleNamespace(label="int_c", code=cast.agency_c.code, agency_code=cast.agency_c.code)
    for label, province, reviewer in [
        ("p", cast.province, cast.reviewer_p),
        ("q", cast.other_province, cast.reviewer_q),
    ]:
        rollup, job = _rollup(province, reviewer)
        report_request = report_actions.request_reports(
            province, by=reviewer, subject="Báo cáo đột xuất", outline="1. Kết quả",
            period_start=today - dt.timedelta(days=30), period_end=today, due_on=today + dt.timedelta(days=7),
        )  # fmt: skip
        bundles[label] = SimpleNamespace(
            label=label,
            code=province.code,
            rollup=rollup,
            job=job,
            report_request=report_request,
            grading_year=today.year - 1,
        )
    bundles["-"] = SimpleNamespace(label="-", catalogue_item=CatalogueItem.objects.order_by("pk").first())
    return bundles
