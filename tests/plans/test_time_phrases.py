"""Every time phrase of seeds 000 (Sa Pa), 002 (Hồng Lĩnh) and 004 (Bình Lư), word for word, and the due
rule the import proposes for it; then the due dates a periodic rule by calendar periods computes."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from reports.plans import actions, due, parse
from reports.plans.models import DueKind, Task

ONGOING_6 = {"due_kind": DueKind.ONGOING, "every_months": 6}
TRIGGERED_30 = {"due_kind": DueKind.TRIGGERED, "trigger_days": 30}
EVERY_6 = {"due_kind": DueKind.PERIODIC, "every_months": 6}
EVERY_YEAR = {"due_kind": DueKind.PERIODIC, "every_months": 12}
EXTRA = "khi có yêu cầu"

# (seed, the words as the document writes them, the year of the plan, the rule, words the note must hold)
PHRASES = [
    ("000", "Thường xuyên.", 2024, ONGOING_6, "Thường xuyên"),
    ("000", "Năm 2024 và các năm tiếp theo.", 2024, EVERY_YEAR, ""),
    ("000", "Khi có văn bản hướng dẫn của cấp có thẩm quyền.", 2024, TRIGGERED_30, "kể từ khi có văn bản"),
    ("000", "Năm 2024.", 2024, {"due_kind": DueKind.YEAR, "due_year": 2024}, ""),
    ("000", "Quý I năm 2024.", 2024, {"due_kind": DueKind.QUARTER, "due_quarter": 1, "due_year": 2024}, ""),
    ("000", "Định kỳ và khi có yêu cầu.", 2024, EVERY_6, EXTRA),
    ("002", "Quý II năm 2023.", 2023, {"due_kind": DueKind.QUARTER, "due_quarter": 2, "due_year": 2023}, ""),
    ("002", "Quý III năm 2023.", 2023, {"due_kind": DueKind.QUARTER, "due_quarter": 3, "due_year": 2023}, ""),
    ("002", "năm 2023 và các năm tiếp theo.", 2023, EVERY_YEAR, ""),
    (
        "002",
        "ngay sau khi có Nghị định của Chính phủ quy định chi tiết một số điều của Luật.",
        2023,
        TRIGGERED_30,
        "kể từ khi có văn bản",
    ),
    ("002", "Ngay sau khi có Thông tư của Bộ trưởng Bộ Tài chính.", 2023, TRIGGERED_30, ""),
    (
        "002",
        "Năm 2023, ngay sau khi có văn bản hướng dẫn, chỉ đạo của Bộ Quốc phòng, Bộ Công an.",
        2023,
        TRIGGERED_30,
        "",
    ),
    ("002", "Từ năm 2023 trở đi.", 2023, EVERY_YEAR, ""),
    ("002", "Trước ngày 01/7/2023.", 2023, {"due_kind": DueKind.DATE, "due_date": dt.date(2023, 7, 1)}, ""),
    ("002", "Tháng 10 năm 2023.", 2023, {"due_kind": DueKind.MONTH, "due_month": 10, "due_year": 2023}, ""),
    (
        "002",
        "Định kỳ theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023 của Bộ trưởng Bộ Nội vụ quy định chế độ "
        "báo cáo thống kê ngành Nội vụ; theo quy định của Ủy ban nhân dân tỉnh và khi có yêu cầu.",
        2023,
        EVERY_6,
        EXTRA,
    ),
    (
        "002",
        "trước ngày 01 tháng 12 hằng năm hoặc khi có yêu cầu",
        2023,
        {"due_kind": DueKind.PERIODIC, "periodic_days": "01/12"},
        EXTRA,
    ),
    (
        "004",
        "báo cáo định kỳ 06 tháng (trước ngày 05/5), 01 năm (trước ngày 05/11) hoặc đột xuất",
        2026,
        {"due_kind": DueKind.PERIODIC, "periodic_days": "05/05, 05/11"},
        "đột xuất",
    ),
    ("004", "báo cáo định kỳ 06 tháng, 01 năm hoặc đột xuất", 2026, EVERY_6, "đột xuất"),
    ("004", "Định kỳ tổ chức sơ kết, tổng kết", 2026, EVERY_6, "hãy kiểm tra"),
    ("004", "Thường xuyên kiểm tra, đôn đốc việc thực hiện QCDC trong cơ quan", 2026, ONGOING_6, ""),
    (
        "demo",
        "Trước ngày 05/5 và 05/11",
        2026,
        {"due_kind": DueKind.PERIODIC, "periodic_days": "05/05, 05/11"},
        "",
    ),
    ("other", "Định kỳ hằng quý", 2024, {"due_kind": DueKind.PERIODIC, "every_months": 3}, ""),
    ("other", "Định kỳ 6 tháng", 2024, EVERY_6, ""),
    ("other", "Hằng tháng", 2024, {"due_kind": DueKind.PERIODIC, "every_months": 1}, ""),
    ("other", "Khi có yêu cầu", 2024, TRIGGERED_30, "khi có yêu cầu"),
    ("other", "Thường xuyên và khi có yêu cầu", 2024, ONGOING_6, "khi có yêu cầu"),
]


@pytest.mark.parametrize(("seed", "words", "year", "rule", "note"), PHRASES, ids=[p[1][:40] for p in PHRASES])
def test_each_time_phrase_of_the_seeds_reads_as_its_rule(seed, words, year, rule, note):
    found, said = parse.read_rule(words, year)
    assert found == rule
    assert note in said


def test_periodic_and_on_request_is_never_read_as_ongoing():
    for words in ("Định kỳ và khi có yêu cầu", "định kỳ 6 tháng", "định kỳ hằng quý"):
        rule, _note = parse.read_rule(words, 2024)
        assert rule["due_kind"] == DueKind.PERIODIC, words


SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.exists(), reason="the shared seeds are not in this checkout")
def test_seed_002_wrapped_lines_and_bare_time_lines():
    """002 is a PDF's text: values wrap onto the next line and some time lines say only "Thời gian:"."""
    lines = next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8").splitlines()
    found = {p.code: p for p in parse.propose(lines, 2023)}
    assert found["II.2.a"].rule == TRIGGERED_30
    assert found["II.2.a"].time_text.endswith("quy định chi tiết một số điều của Luật")
    assert found["II.4"].rule == EVERY_6 and EXTRA in found["II.4"].note
    assert found["II.4"].lead_text == (
        "Đoàn thanh tra, kiểm tra công vụ; đoàn kiểm tra và thẩm định cải cách hành chính thị xã"
    )
    assert found["II.2.e"].rule == {"due_kind": DueKind.DATE, "due_date": dt.date(2023, 7, 1)}
    assert found["II.3"].rule == {"due_kind": DueKind.MONTH, "due_month": 10, "due_year": 2023}


def _every(months):
    return Task(due_kind=DueKind.PERIODIC, every_months=months)


@pytest.mark.parametrize(
    ("months", "plan_date", "last", "expected"),
    [
        (6, dt.date(2024, 3, 9), None, dt.date(2024, 6, 30)),
        (6, dt.date(2024, 3, 9), dt.date(2024, 6, 20), dt.date(2024, 12, 31)),  # H1 answered
        (6, dt.date(2024, 3, 9), dt.date(2024, 12, 31), dt.date(2025, 6, 30)),
        (3, dt.date(2024, 3, 9), dt.date(2024, 4, 2), dt.date(2024, 9, 30)),  # Q2 answered early
        (12, dt.date(2024, 3, 9), None, dt.date(2024, 12, 31)),
        (1, dt.date(2024, 2, 9), None, dt.date(2024, 2, 29)),
    ],
)
def test_periodic_by_calendar_period(months, plan_date, last, expected):
    computed = due.compute(_every(months), plan_date, last_report=last)
    assert computed.date == expected
    assert f"{expected:%d/%m/%Y}" in computed.explanation


def test_periodic_needs_days_or_a_period_that_divides_the_year(cast):
    plan = actions.create_plan(owner=cast.a, by=cast.clerk_a, title="KH", date=dt.date(2024, 3, 9), place="X")
    base = {"code": "1", "heading": "Báo cáo", "lead_text": "Văn phòng", "due_kind": DueKind.PERIODIC}
    with pytest.raises(ValidationError) as neither:
        actions.check_task(plan, base)
    assert "periodic_days" in neither.value.message_dict
    with pytest.raises(ValidationError) as five:
        actions.check_task(plan, {**base, "every_months": 5})
    assert "every_months" in five.value.message_dict
    actions.check_task(plan, {**base, "every_months": 6})
    actions.check_task(plan, {**base, "periodic_days": "05/05"})
