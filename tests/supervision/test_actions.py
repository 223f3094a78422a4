"""The boards' write functions: the law's size rules refused with their article, the election and the
recognition, vacancies and by-elections (Art. 36(2)), the inspection's 5 working days, the findings'
notice, recommendations counted from receipt, the investor's 45 days, the reports' due dates."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from consultations.actions.recommendations import answer_recommendation
from consultations.models import Recommendation
from consultations.supervision import actions
from consultations.supervision.models import Board, BoardKind, BoardState, MemberRole, PlanPeriod, ReportKind
from democracy import periods
from democracy.audit import trail
from democracy.calendar import add_working_days, is_working_day
from reports import figures
from units.models import Agency, ReportingRegime

from .conftest import NAMES, commune_board, compose, today, villages_of_a

pytestmark = pytest.mark.django_db


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def test_a_commune_board_of_four_members_is_refused_with_the_article(cast):
    villages = villages_of_a(cast, 4)
    board = commune_board(cast, villages=villages, elect=False)
    with pytest.raises(ValidationError) as error:
        actions.record_election(board, by=cast.clerk_a, elected_on=today(), note="Biên bản")
    assert "Ban có 4 thành viên" in messages(error.value)
    assert "Điều 36 khoản 1 Luật Thực hiện dân chủ ở cơ sở" in messages(error.value)
    assert "ít nhất 5" in messages(error.value)
    board.refresh_from_db()
    assert board.state == BoardState.COMPOSING


def test_every_village_has_a_member_and_at_most_two_vice_chairs(cast):
    villages = villages_of_a(cast, 6)
    board = commune_board(cast, villages=villages[:5], elect=False)
    with pytest.raises(ValidationError) as error:
        actions.record_election(board, by=cast.clerk_a, elected_on=today(), note="Biên bản")
    assert "chưa có: Thôn số 6" in messages(error.value)
    compose(board, cast.clerk_a, [("Đỗ Văn Hải", MemberRole.VICE_CHAIR, villages[5])])
    board.members.filter(full_name=NAMES[2]).update(role=MemberRole.VICE_CHAIR)
    with pytest.raises(ValidationError) as error:
        actions.record_election(board, by=cast.clerk_a, elected_on=today(), note="Biên bản")
    assert "3 Phó Trưởng ban" in messages(error.value) and "Nghị định số 59/2023/NĐ-CP" in messages(
        error.value
    )


def test_a_member_comes_from_a_village_of_the_commune(cast):
    board = commune_board(cast, villages=[], elect=False)
    with pytest.raises(ValidationError) as error:
        actions.add_member(
            board, by=cast.clerk_a, full_name="A", role="member", since=today(), village=cast.village_b
        )
    assert "phải thuộc Xã Đồng Kỳ" in messages(error.value)
    with pytest.raises(ValidationError, match="Điều 36 khoản 1"):
        actions.add_member(board, by=cast.clerk_a, full_name="A", role="member", since=today())


def test_election_recognition_and_the_audit(cast):
    board = commune_board(cast, recognise=False)
    assert board.state == BoardState.ELECTED and board.recognition_due is None  # no rule: the Front's date
    recognised = actions.recognise_board(board, by=cast.admin, on=today(), number="5/QĐ-MTTQ")
    assert recognised.state == BoardState.RECOGNISED and recognised.recognised_on == today()
    assert [e.action for e in trail(board)][-2:] == ["board_elected", "recognised"]
    with pytest.raises(ValidationError):
        actions.recognise_board(board, by=cast.admin, on=today())


def test_a_vacancy_is_filled_only_with_six_months_of_the_term_left(cast):
    start = today() - dt.timedelta(days=400)
    board = commune_board(cast, term_start=start, term_end=today() + dt.timedelta(days=150))
    leaving = board.members.get(role=MemberRole.MEMBER, village__name="Thôn số 3")
    actions.member_leaves(leaving, by=cast.clerk_a, on=today(), reason="Chuyển nơi cư trú")
    with pytest.raises(ValidationError) as error:
        actions.by_elect(board, by=cast.clerk_a, full_name="Ngô Văn Khải", role=MemberRole.MEMBER,
                         village=leaving.village, since=today())  # fmt: skip
    assert "Điều 36 khoản 2" in messages(error.value) and "ít nhất 6 tháng" in messages(error.value)
    Board.objects.filter(pk=board.pk).update(term_end=today() + dt.timedelta(days=200))
    board.refresh_from_db()
    member = actions.by_elect(board, by=cast.clerk_a, full_name="Ngô Văn Khải", role=MemberRole.MEMBER,
                              village=leaving.village, since=today())  # fmt: skip
    assert member.by_election and board.members.filter(until__isnull=True).count() == 5
    assert not actions.composition_errors(board)


def test_an_agency_board_size_term_exemption_and_union_deadline(cast):
    small = Agency.objects.create(code="TRAM-YT", name="Trạm Y tế xã Đồng Kỳ", unit=cast.a, staff_count=6)
    with pytest.raises(ValidationError) as error:
        actions.create_board(owner=small, by=cast.admin, kind=BoardKind.AGENCY, name="Ban TTND Trạm Y tế",
                             term_start=today(), term_end=today() + dt.timedelta(days=700))  # fmt: skip
    assert "không tổ chức Ban Thanh tra nhân dân" in messages(error.value) and "Điều 60 khoản 1" in messages(
        error.value
    )
    with pytest.raises(ValidationError, match="Điều 60 khoản 3"):
        actions.create_board(owner=cast.agency_a, by=cast.admin, kind=BoardKind.AGENCY, name="Ban",
                             term_start=today(), term_end=today() + dt.timedelta(days=3 * 365))  # fmt: skip
    elected_on = today() - dt.timedelta(days=20)
    board = actions.create_board(owner=cast.agency_a, by=cast.admin, kind=BoardKind.AGENCY, name="Ban TTND Văn phòng",
                                 term_start=elected_on, term_end=elected_on + dt.timedelta(days=700))  # fmt: skip
    compose(board, cast.admin, [(NAMES[0], MemberRole.CHAIR, None), (NAMES[1], MemberRole.MEMBER, None)])
    with pytest.raises(ValidationError, match="ít nhất 3"):
        actions.record_election(board, by=cast.admin, elected_on=elected_on, note="Hội nghị CBCCVC")
    compose(board, cast.admin, [(NAMES[2], MemberRole.MEMBER, None)])
    board = actions.record_election(board, by=cast.admin, elected_on=elected_on, note="Hội nghị CBCCVC")
    assert board.recognition_due == add_working_days(elected_on, 5).date
    assert "Nghị định số 59/2023/NĐ-CP" in board.recognition_due_explanation
    assert board.recognition_overdue()


def test_an_investment_board_for_a_road_and_the_45_day_notice(cast):
    starts = today() + dt.timedelta(days=40)
    board = actions.create_board(
        owner=cast.a, by=cast.clerk_a, kind=BoardKind.INVESTMENT, name="Ban Giám sát đầu tư đường thôn Đồng Bông",
        term_start=today(), term_end=today() + dt.timedelta(days=365), project="Bê tông hóa đường thôn Đồng Bông",
        investor="UBND xã Đồng Kỳ", supervision_starts_on=starts,
    )  # fmt: skip
    assert board.investor_notice_due == starts - dt.timedelta(days=45)
    compose(board, cast.clerk_a, [(n, MemberRole.MEMBER, None) for n in NAMES[:4]])
    with pytest.raises(ValidationError) as error:
        actions.record_election(board, by=cast.clerk_a, elected_on=today(), note="Hội nghị")
    assert "Điều 41 khoản 1" in messages(error.value) and "Ban có 4 thành viên" in messages(error.value)
    compose(board, cast.clerk_a, [(NAMES[4], MemberRole.CHAIR, None)])
    board = actions.record_election(board, by=cast.clerk_a, elected_on=today(), note="Hội nghị")
    board = actions.notify_investor(board, by=cast.admin, on=today())
    assert board.investor_notice_late() is True  # 40 days ahead, not 45
    with pytest.raises(ValidationError, match="Điều 41"):
        actions.create_board(owner=cast.a, by=cast.clerk_a, kind=BoardKind.INVESTMENT, name="Ban", term_start=today(),
                             term_end=today(), investor="X", supervision_starts_on=starts)  # fmt: skip


def test_the_inspection_plan_goes_out_five_working_days_ahead(cast):
    board = commune_board(cast)
    sent = today()
    earliest = add_working_days(sent, 5).date
    with pytest.raises(ValidationError) as error:
        actions.announce_inspection(board, by=cast.inspector_a, subject="Thu chi quỹ", inspected="Ban quản lý",
                                    sent_to="MTTQ; Chủ tịch UBND", plan_sent_on=sent,
                                    starts_on=earliest - dt.timedelta(days=1))  # fmt: skip
    assert f"sớm nhất ngày {earliest:%d/%m/%Y}" in messages(error.value) and "5 ngày làm việc" in messages(
        error.value
    )
    inspection = actions.announce_inspection(
        board, by=cast.inspector_a, subject="Thu chi quỹ", inspected="Ban quản lý", sent_to="MTTQ; Chủ tịch UBND",
        plan_sent_on=sent, starts_on=earliest, raised_by="Ông Nguyễn Văn Tư",
    )  # fmt: skip
    assert inspection.earliest_start == earliest


def test_findings_are_notified_to_whoever_raised_the_matter(cast):
    board = commune_board(cast)
    sent = today() - dt.timedelta(days=30)
    inspection = actions.announce_inspection(
        board, by=cast.inspector_a, subject="Thu chi quỹ", inspected="Ban quản lý", sent_to="MTTQ",
        plan_sent_on=sent, starts_on=add_working_days(sent, 5).date, raised_by="Bà Lê Thị Hoa",
    )  # fmt: skip
    with pytest.raises(ValidationError, match="Bà Lê Thị Hoa"):
        actions.record_findings(
            inspection, by=cast.inspector_a, findings="Đúng quy định.", concluded_on=today()
        )
    done = actions.record_findings(inspection, by=cast.inspector_a, findings="Đúng quy định.", concluded_on=today(),
                                   notified_on=today())  # fmt: skip
    assert done.state == "concluded" and done.notified_on == today()


def _received_so_day_15_is_a_working_day():
    received = today() - dt.timedelta(days=40)
    while not is_working_day(received + dt.timedelta(days=15)):
        received -= dt.timedelta(days=1)
    return received


def test_a_recommendation_answered_on_day_16_after_receipt_is_late_on_the_dashboard(cast):
    board = commune_board(cast)
    received = _received_so_day_15_is_a_working_day()
    r = actions.recommend(board, by=cast.inspector_a, subject="Công khai quỹ", text="Đề nghị công khai",
                          addressed_to="UBND xã", made_on=received - dt.timedelta(days=2), received_on=received)  # fmt: skip
    assert (r.board, r.due_on) == (board, received + dt.timedelta(days=15))
    answer_recommendation(r, by=cast.clerk_a, answer="Đã công khai", on=received + dt.timedelta(days=16))
    p = ReportingRegime.for_owner(cast.province).containing(r.made_on, periods.YEAR)
    result = figures.compute(p, units=[cast.a.pk], agencies=[], breakdowns=False)[f"u{cast.a.pk}"]
    assert result["recommendations"]["answered"] == 1 and result["recommendations"]["answered_on_time"] == 0


def test_existing_recommendations_without_a_board_stay_valid(cast):
    r = Recommendation.objects.create(unit=cast.a, subject="Cũ", text="x", addressed_to="UBND", made_on=today(),
                                      due_on=today() + dt.timedelta(days=15))  # fmt: skip
    assert r.board is None and r.inspection is None and r.received_on == today()


def test_a_board_that_is_not_recognised_does_not_work(cast):
    board = commune_board(cast, recognise=False)
    with pytest.raises(ValidationError, match="chưa được công nhận"):
        actions.file_plan(board, by=cast.inspector_a, period=PlanPeriod.QUARTER, year=today().year, number=1,
                          content="Kiểm tra", filed_on=today())  # fmt: skip


def test_plans_by_quarter_half_year_and_year(cast):
    board = commune_board(cast)
    y = today().year
    q = actions.file_plan(board, by=cast.inspector_a, period=PlanPeriod.QUARTER, year=y, number=2, content="Quý",
                          filed_on=today())  # fmt: skip
    h = actions.file_plan(board, by=cast.inspector_a, period=PlanPeriod.HALF, year=y, number=1, content="Nửa năm",
                          filed_on=today())  # fmt: skip
    a = actions.file_plan(board, by=cast.inspector_a, period=PlanPeriod.YEAR, year=y, number=3, content="Năm",
                          filed_on=today())  # fmt: skip
    assert (q.period_label, h.period_label, a.period_label, a.number) == (
        f"Quý 2/{y}", f"6 tháng đầu năm {y}", f"Năm {y}", 0)  # fmt: skip
    with pytest.raises(ValidationError, match="Quý từ 1 đến 4"):
        actions.file_plan(board, by=cast.inspector_a, period=PlanPeriod.QUARTER, year=y, number=5, content="x",
                          filed_on=today())  # fmt: skip
    with pytest.raises(ValidationError, match="đã có kế hoạch"):
        actions.file_plan(board, by=cast.inspector_a, period=PlanPeriod.QUARTER, year=y, number=2, content="x",
                          filed_on=today())  # fmt: skip


def test_reports_on_time_and_late_count_in_the_boards_family(cast):
    board = commune_board(cast)
    end = today() - dt.timedelta(days=10)
    on_time = actions.send_report(board, by=cast.inspector_a, kind=ReportKind.QUARTER, title="Quý", text="Kết quả",
                                  period_start=end - dt.timedelta(days=80), period_end=end,
                                  due_on=end + dt.timedelta(days=5), sent_on=end + dt.timedelta(days=4))  # fmt: skip
    late = actions.send_report(board, by=cast.inspector_a, kind=ReportKind.AD_HOC, title="Đột xuất", text="Vụ việc",
                               period_start=end, period_end=end, due_on=end, sent_on=end + dt.timedelta(days=2))  # fmt: skip
    assert on_time.on_time and not late.on_time
    with pytest.raises(ValidationError, match="không được trước cuối kỳ"):
        actions.send_report(board, by=cast.inspector_a, kind=ReportKind.YEAR, title="Năm", text="x",
                            period_start=end - dt.timedelta(days=300), period_end=end, due_on=end - dt.timedelta(days=1),
                            sent_on=end)  # fmt: skip
    p = ReportingRegime.for_owner(cast.province).containing(end, periods.YEAR)
    result = figures.compute(p, units=[cast.a.pk, cast.b.pk], agencies=[cast.agency_a.pk], breakdowns=False)
    counts = result[f"u{cast.a.pk}"]["boards"]
    expected_due = sum(1 for r in (on_time, late) if p.start <= r.due_on <= p.end)
    assert counts["boards"] == 1 and counts["recognised"] == 1
    assert counts["reports_due"] == expected_due
    assert result.get(f"u{cast.b.pk}", figures.empty())["boards"]["boards"] == 0
    actions.receive_report(late, by=cast.admin, on=today())
    with pytest.raises(ValidationError, match="đã được tiếp nhận"):
        actions.receive_report(late, by=cast.admin, on=today())
