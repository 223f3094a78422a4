"""The annual grading of a province: equal to a computation made here from the rows themselves, in a
constant number of queries, with weights the province sets (data) and a clear message when they do not
add up."""

import datetime as dt
import io
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from consultations import actions as consultation_actions
from consultations.models import Recommendation
from disclosures.models import Disclosure
from reports import compliance
from reports.checks import actions, grading
from reports.checks.models import CheckFix, CheckVisit, GradingScheme
from tests.conftest import make_unit
from units.models import Level, UnitType

pytestmark = pytest.mark.django_db

WEIGHTS = {"on_time": 50, "recommendations": 30, "check_fixes": 20}


@pytest.fixture
def year():
    return timezone.localdate().year - 1  # a year that has ended: every date of it is in the past


def weekday(day):
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def posting(make_disclosure, owner, day, *, late=False):
    day = weekday(day)
    decided = day - dt.timedelta(days=30 if late else 0)
    return make_disclosure(owner, state="published", published_on=day, decision_date=decided)


def recommendation(cast, owner, made_on, *, answered_after=None):
    r = consultation_actions.make_recommendation(
        owner=owner,
        by=cast.inspector_a,
        subject="Kiến nghị",
        text="Chi tiết",
        addressed_to="UBND",
        made_on=made_on,
    )
    if answered_after is not None:
        consultation_actions.answer_recommendation(
            r, by=cast.clerk_a, answer="Đã trả lời", on=made_on + dt.timedelta(days=answered_after)
        )
    return r


@pytest.fixture
def year_of_work(cast, make_disclosure, year):
    """Commune A: 2 of 3 postings on time, its recommendation answered on time, one fix answered on time
    and one never. Commune B: its one posting on time, its recommendation never answered, no check."""
    june = dt.date(year, 6, 2)
    posting(make_disclosure, cast.a, june)
    posting(make_disclosure, cast.a, june + dt.timedelta(days=7))
    posting(make_disclosure, cast.a, june + dt.timedelta(days=14), late=True)
    posting(make_disclosure, cast.b, june)
    recommendation(cast, cast.a, dt.date(year, 5, 4), answered_after=3)
    recommendation(cast, cast.b, dt.date(year, 5, 4))
    plan = actions.plan_check(
        cast.province, by=cast.reviewer_p, title="Kiểm tra năm", subject="Công khai", team_lead="Trưởng đoàn",
        starts_on=dt.date(year, 6, 1), ends_on=dt.date(year, 6, 30), units=[cast.a],
    )  # fmt: skip
    visit = CheckVisit.objects.get(plan=plan)
    actions.conclude_visit(
        visit, by=cast.reviewer_p, visited_on=dt.date(year, 6, 10), minutes="M", conclusions="K",
        fixes=[("Sửa một", dt.date(year, 7, 10)), ("Sửa hai", dt.date(year, 8, 10))],
    )  # fmt: skip
    first = CheckFix.objects.get(visit=visit, position=1)
    actions.answer_fix(first, by=cast.clerk_a, answer="Đã sửa", answered_on=dt.date(year, 7, 5))
    actions.set_grading(cast.province, year, by=cast.reviewer_p, weights=WEIGHTS, commend_from=70)


def expected_score(owner, period, today):
    """The score computed here from the rows, independently of the figures' combined statement."""
    start, end = period.bounds()
    disclosures = Disclosure.objects.filter(unit=owner, published_at__gte=start, published_at__lt=end)
    recommendations = Recommendation.objects.filter(
        unit=owner, made_on__gte=period.start, made_on__lte=period.end
    )
    fixes = CheckFix.objects.filter(visit__unit=owner, due_on__gte=period.start, due_on__lte=period.end)
    rates = {}
    if disclosures:
        rates["on_time"] = Fraction(sum(1 for d in disclosures if not d.is_late), len(disclosures))
    due = [r for r in recommendations if r.answered_on or r.due_on < today]
    if due:
        rates["recommendations"] = Fraction(
            sum(1 for r in due if r.answered_on and r.answered_on <= r.due_on), len(due)
        )
    due = [f for f in fixes if f.answered_on or f.due_on < today]
    if due:
        rates["check_fixes"] = Fraction(
            sum(1 for f in due if f.answered_on and f.answered_on <= f.due_on), len(due)
        )
    if not rates:
        return None
    return 100 * sum(WEIGHTS[k] * rate for k, rate in rates.items()) / sum(WEIGHTS[k] for k in rates)


def test_the_grading_of_a_province_equals_an_independent_computation(cast, year, year_of_work):
    today = timezone.localdate()
    result = grading.grade(cast.province, year)
    by_name = {g.name: g for g in result.grades}
    a, b = by_name[cast.a.name], by_name[cast.b.name]
    assert (
        a.score == expected_score(cast.a, result.period, today) == Fraction(100, 3) * 50 / 100 * 2 + 30 + 10
    )
    assert b.score == expected_score(cast.b, result.period, today) == Fraction(50 * 100, 80)
    assert (a.rank, b.rank) == (1, 2)
    assert [g.name for g in result.proposed] == [cast.a.name]  # 73.33 ≥ 70; B's 62.5 is not
    assert by_name[cast.agency_a.name].score is None  # nothing due: not graded, not last
    assert cast.c.name not in by_name  # another province
    line = next(line for line in a.lines if line.key == "check_fixes")
    assert (line.done, line.total, line.weight, line.points) == (1, 2, 20, 10)


def test_the_grading_is_computed_in_a_constant_number_of_queries(cast, year, year_of_work, make_disclosure):
    with CaptureQueriesContext(connection) as few:
        grading.grade(cast.province, year)
    for n in range(6):
        commune = make_unit(f"0730{n}", f"Xã Thử {n}", Level.COMMUNE, UnitType.XA, cast.province)
        posting(make_disclosure, commune, dt.date(year, 3, 2 + n))
    with CaptureQueriesContext(connection) as many:
        result = grading.grade(cast.province, year)
    assert len(result.grades) == 2 + 1 + 6  # communes A, B, agency A, the new ones
    assert len(many) == len(few)


def test_weights_that_do_not_add_up_are_refused(cast, year):
    with pytest.raises(ValidationError) as error:
        actions.set_grading(
            cast.province, year, by=cast.reviewer_p, weights={"on_time": 60, "windows": 30}, commend_from=80
        )
    assert "Tổng các trọng số phải bằng 100 (hiện là 90)." in error.value.messages
    with pytest.raises(ValidationError, match="không có trên bảng theo dõi"):
        actions.set_grading(
            cast.province, year, by=cast.reviewer_p, weights={"nothing": 100}, commend_from=80
        )
    assert not GradingScheme.objects.exists()


def test_the_defaults_weigh_every_indicator_including_registered_families(cast, year):
    weights = grading.default_weights()
    assert set(weights) == set(compliance.INDICATOR_KEYS) and "check_fixes" in weights
    assert sum(weights.values()) == 100
    scheme = grading.scheme_for(cast.province, year)
    assert scheme.is_default and scheme.commend_from == grading.DEFAULT_COMMEND_FROM


def test_the_reviewer_sets_the_weights_and_downloads_the_xlsx(client, cast, year, year_of_work):
    url = reverse("checks:weights", args=[cast.province.code, year])
    client.force_login(cast.reviewer_q)
    assert client.get(url).status_code == 404
    client.force_login(cast.clerk_a)
    assert client.get(url).status_code == 404
    client.force_login(cast.reviewer_p)
    data = {f"w_{key}": 0 for key in compliance.INDICATOR_KEYS}
    data.update(
        {"w_on_time": 40, "w_recommendations": 40, "commend_from": 60, "basis": "Kế hoạch 12/KH-UBND"}
    )
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Tổng các trọng số phải bằng 100 (hiện là 80)." in response.content.decode()
    data["w_check_fixes"] = 20
    assert client.post(url, data).status_code == 302
    scheme = grading.scheme_for(cast.province, year)
    assert (scheme.weights["on_time"], scheme.commend_from, scheme.basis) == (40, 60, "Kế hoạch 12/KH-UBND")

    page = client.get(reverse("checks:grading", args=[cast.province.code, year])).content.decode()
    assert "Đề nghị khen thưởng" in page and "Xem cách tính" in page
    response = client.get(reverse("checks:grading_xlsx", args=[cast.province.code, year]))
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Hạng", "Mã", "Đơn vị")
    by_name = {row[2]: row for row in rows[1:] if row and row[2]}
    a = by_name[cast.a.name]
    # A: 2/3 × 40 + 1/1 × 40 + 1/2 × 20 = 76.67 ≥ 60: proposed; B: (40 + 0) / 80 = 50: not.
    assert (a[0], a[-3], a[-2], a[-1]) == (1, 100, 76.67, "Có")
    b = by_name[cast.b.name]
    assert (b[0], b[-2], b[-1]) == (2, 50, None)
