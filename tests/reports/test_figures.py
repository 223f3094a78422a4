"""The half-year report the scheduled job compiles matches figures counted independently here, one
object at a time, from the definitions in reports/figures.py."""

import datetime as dt
from collections import Counter

import pytest
from django.utils import timezone

from consultations.models import (
    Comment,
    CommentChannel,
    Consultation,
    ConsultationState,
    Decision,
    DecisionMethod,
    DecisionState,
    Outcome,
    Recommendation,
    ResponseKind,
)
from democracy.models import CatalogueItem
from disclosures import actions as disclosure_actions
from disclosures.models import Disclosure, Feedback, State
from reports import actions, figures
from reports.models import Compilation, ReportState, UnitReport
from reports.tasks import compile_due_reports
from tests.disclosures.conftest import HCM
from units.models import ReportingRegime

pytestmark = pytest.mark.django_db

START, END = dt.date(2025, 12, 15), dt.date(2026, 6, 14)  # 2026-H1 under the national convention


def at(day, hour=9):
    return dt.datetime.combine(day, dt.time(hour), HCM)


def item(article, clause):
    return CatalogueItem.objects.get(scope="commune", article=article, clause=clause)


@pytest.fixture
def world(cast, make_disclosure):
    """A few months of a commune's work around the first half of 2026, plus noise elsewhere."""
    a, b = cast.a, cast.b
    on_time = make_disclosure(a, state="published", published_on=dt.date(2026, 1, 12),
                              decision_date=dt.date(2026, 1, 8), forms=["a", "b", "c"], clause=2)  # fmt: skip
    make_disclosure(a, state="published", published_on=dt.date(2026, 3, 2),  # late
                    decision_date=dt.date(2026, 1, 5), forms=["a"], clause=3)  # fmt: skip
    withdrawn = make_disclosure(a, state="published", published_on=dt.date(2026, 4, 1),
                                decision_date=dt.date(2026, 3, 31), clause=2)  # fmt: skip
    disclosure_actions.withdraw(withdrawn, by=cast.approver_a, reason="Nhầm văn bản")
    Disclosure.objects.filter(pk=withdrawn.pk).update(closed_at=at(dt.date(2026, 4, 6)))
    # Posted before the period, its window ends inside it (honoured).
    before = make_disclosure(a, state="closed", published_on=dt.date(2025, 12, 1),
                             decision_date=dt.date(2025, 11, 28), clause=5)  # fmt: skip
    # After the period: not counted.
    make_disclosure(
        a, state="published", published_on=dt.date(2026, 6, 20), decision_date=dt.date(2026, 6, 18)
    )
    make_disclosure(b, state="published", published_on=dt.date(2026, 2, 2), decision_date=dt.date(2026, 1, 2))
    make_disclosure(cast.agency_a, state="published", published_on=dt.date(2026, 5, 4),
                    decision_date=dt.date(2026, 5, 4), forms=["a", "c"])  # fmt: skip
    make_disclosure(
        cast.c, state="published", published_on=dt.date(2026, 2, 2), decision_date=dt.date(2026, 2, 1)
    )

    for text, answered, hidden in [("Hỏi 1", True, False), ("Hỏi 2", False, False), ("Spam", False, True)]:
        Feedback.objects.create(
            disclosure=on_time, text=text, received_at=at(dt.date(2026, 1, 20)),
            answer="Trả lời" if answered else "", answered_at=at(dt.date(2026, 1, 22)) if answered else None,
            hidden_at=at(dt.date(2026, 1, 21)) if hidden else None, hidden_reason="Vi phạm" if hidden else "",
        )  # fmt: skip
    Feedback.objects.create(disclosure=before, text="Hỏi trước kỳ", received_at=at(dt.date(2025, 12, 3)))

    def consultation(owner, ends_on, state, published):
        return Consultation.objects.create(
            **({"agency": owner} if owner == cast.agency_a else {"unit": owner}),
            item=item(25, 7), title="Dự thảo", content="Nội dung", period_days=20, forms=["a"],
            state=state, opened_at=at(ends_on - dt.timedelta(days=20)), ends_on=ends_on,
            ends_at=at(ends_on, 23), results_published_at=at(ends_on + dt.timedelta(days=3)) if published else None,
        )  # fmt: skip

    held = consultation(a, dt.date(2026, 2, 25), ConsultationState.RESULTS_PUBLISHED, True)
    waiting = consultation(cast.village_a, dt.date(2026, 5, 10), ConsultationState.CLOSED, False)
    consultation(a, dt.date(2026, 7, 1), ConsultationState.OPEN, False)  # still open after the period
    for c, channel, responded, hidden in [
        (held, CommentChannel.ONLINE, True, False),
        (held, CommentChannel.CONFERENCE, True, False),
        (held, CommentChannel.ONLINE, False, True),
        (waiting, CommentChannel.BOX, False, False),
    ]:
        Comment.objects.create(
            consultation=c, text="Ý kiến", channel=channel,
            response_kind=ResponseKind.ACCEPTED if responded else "", response="Tiếp thu" if responded else "",
            hidden_at=at(dt.date(2026, 2, 1)) if hidden else None,
        )  # fmt: skip

    def decision(unit, decided_on, outcome, state, deadline=None, recognised_on=None):
        return Decision.objects.create(
            unit=unit, item=CatalogueItem.objects.get(scope="commune", article=15, clause=4), title="Làm đường",
            method=DecisionMethod.MEETING, recognised_by="committee", state=state, electorate=120, present=100, agree=90, disagree=10,
            outcome=outcome, decided_on=decided_on, send_deadline=decided_on + dt.timedelta(days=7),
            sent_on=decided_on + dt.timedelta(days=1) if deadline else None,
            recognition_deadline=deadline, recognised_on=recognised_on,
        )  # fmt: skip

    decision(cast.village_a, dt.date(2026, 3, 1), Outcome.PASSED, DecisionState.RECOGNISED,
             dt.date(2026, 3, 9), dt.date(2026, 3, 5))  # fmt: skip
    decision(cast.village_a, dt.date(2026, 4, 1), Outcome.PASSED, DecisionState.RECOGNISED,
             dt.date(2026, 4, 9), dt.date(2026, 4, 20))  # late  # fmt: skip
    decision(cast.village_a, dt.date(2026, 5, 1), Outcome.FAILED, DecisionState.TALLIED)
    decision(cast.village_b, dt.date(2026, 5, 2), Outcome.PASSED, DecisionState.TALLIED)  # never sent

    for made, due, answered in [
        (dt.date(2026, 2, 1), dt.date(2026, 2, 16), dt.date(2026, 2, 10)),
        (dt.date(2026, 3, 1), dt.date(2026, 3, 16), dt.date(2026, 3, 30)),
        (dt.date(2026, 6, 10), dt.date(2026, 6, 25), None),
    ]:
        Recommendation.objects.create(
            unit=a, subject="Kiến nghị", text="Chi tiết", addressed_to="UBND xã", made_on=made, due_on=due,
            answered_on=answered, answer="Đã trả lời" if answered else "", made_by=cast.inspector_a,
        )  # fmt: skip
    return cast


def without_duties(figures: dict) -> dict:
    """The figures but the yearly duties' families (a count of the units owing a duty, not of activity:
    counted by hand in tests/duties/test_duties.py)."""
    return {name: counts for name, counts in figures.items() if not name.startswith("duty_")}


def independent(owner_filter, today):
    """Counts, in Python, one object at a time."""
    tz = timezone.get_default_timezone()

    def in_period(moment):
        return moment is not None and START <= moment.astimezone(tz).date() <= END

    def day_in(day):
        return day is not None and START <= day <= END

    result = figures.empty()
    d = result["disclosures"]
    for x in Disclosure.objects.all():
        if not owner_filter(x):
            continue
        if in_period(x.published_at):
            d["published"] += 1
            d["late" if x.is_late else "on_time"] += 1
            d["withdrawn"] += x.state == State.WITHDRAWN
            d["corrections"] += x.version > 1
            key = f"{x.item.article}.{x.item.clause}"
            d["by_item"][key] = d["by_item"].get(key, 0) + 1
            for form in x.forms:
                d["by_form"][form] = d["by_form"].get(form, 0) + 1
        if in_period(x.window_ends_at):
            d["windows_ended"] += 1
            broken = x.state == State.WITHDRAWN and x.closed_at < x.window_ends_at
            d["windows_honoured"] += not broken
    f = result["feedback"]
    for x in Feedback.objects.select_related("disclosure"):
        if owner_filter(x.disclosure) and in_period(x.received_at):
            if x.hidden_at:
                f["hidden"] += 1
            else:
                f["received"] += 1
                f["answered"] += x.answered_at is not None
    c = result["consultations"]
    channels = Counter()
    for x in Consultation.objects.select_related("unit"):
        if not (owner_filter(x) and day_in(x.ends_on) and x.state in ("closed", "results_published")):
            continue
        c["held"] += 1
        c["results_published"] += x.results_published_at is not None
        for comment in x.comments.filter(hidden_at__isnull=True):
            c["comments"] += 1
            c["responded"] += comment.response_kind != ""
            channels[comment.channel] += 1
    c["by_channel"] = dict(channels)
    dec = result["decisions"]
    for x in Decision.objects.select_related("unit"):
        if not (owner_filter(x) and day_in(x.decided_on) and x.outcome):
            continue
        dec["taken"] += 1
        dec["passed"] += x.outcome == Outcome.PASSED
        dec["recognised"] += x.state == DecisionState.RECOGNISED
        dec["refused"] += x.state == DecisionState.REFUSED
        due = (
            x.recognised_on
            or (x.recognition_deadline and x.recognition_deadline < today)
            or (x.recognition_deadline is None and x.send_deadline < today)
        )
        if x.outcome == Outcome.PASSED and x.unit_id and x.recognised_by and due:
            dec["needs_recognition"] += 1
            dec["handled_on_time"] += bool(x.recognised_on and x.recognised_on <= x.recognition_deadline)
    r = result["recommendations"]
    for x in Recommendation.objects.select_related("unit"):
        if not (owner_filter(x) and day_in(x.made_on)):
            continue
        r["received"] += 1
        r["due"] += x.answered_on is not None or x.due_on < today
        r["answered"] += x.answered_on is not None
        r["answered_on_time"] += x.answered_on is not None and x.answered_on <= x.due_on
        r["overdue"] += x.answered_on is None and x.due_on < today
    return result


def of_commune(commune):
    def check(x):
        unit = x.unit
        return unit is not None and (
            unit.pk == commune.pk or unit.parent_id == commune.pk and unit.level == "village"
        )

    return check


def test_the_scheduled_job_compiles_the_half_year_report_as_counted_by_hand(world):
    today = dt.date(2026, 6, 20)
    written = compile_due_reports.apply(kwargs={"today": today.isoformat()}).get()
    assert written > 0

    report = UnitReport.objects.get(unit=world.a, year=2026, kind="H1")
    assert (report.period_start, report.period_end, report.due_on) == (START, END, dt.date(2026, 6, 19))
    expected = independent(of_commune(world.a), today)
    assert without_duties(report.figures) == without_duties(expected)
    # Spot checks, so that a shared mistake in both countings would still show.
    assert expected["disclosures"]["published"] == 3
    assert expected["disclosures"]["late"] == 1
    assert expected["disclosures"]["windows_honoured"] == expected["disclosures"]["windows_ended"] - 1
    assert expected["consultations"] == {
        "held": 2, "results_published": 1, "comments": 3, "responded": 2,
        "by_channel": {"online": 1, "conference": 1, "box": 1},
    }  # fmt: skip
    assert expected["decisions"]["handled_on_time"] == 1 and expected["decisions"]["needs_recognition"] == 2
    assert expected["recommendations"] == {
        "received": 3, "due": 2, "answered": 2, "answered_on_time": 1, "overdue": 0,
    }  # fmt: skip

    agency_report = UnitReport.objects.get(agency=world.agency_a, year=2026, kind="H1")
    assert without_duties(agency_report.figures) == without_duties(
        independent(lambda x: x.agency_id == world.agency_a.pk, today)
    )
    b_report = UnitReport.objects.get(unit=world.b, year=2026, kind="H1")
    assert without_duties(b_report.figures) == without_duties(independent(of_commune(world.b), today))
    # The other province's commune has its own report, with only its own figures.
    c_report = UnitReport.objects.get(unit=world.c, year=2026, kind="H1")
    assert c_report.figures["disclosures"]["published"] == 1


def test_the_job_compiles_each_period_once_and_catches_up(world):
    today = dt.date(2026, 6, 20)
    compile_due_reports.apply(kwargs={"today": today.isoformat()})
    periods = set(Compilation.objects.filter(authority=world.province).values_list("year", "kind"))
    # 2026-H1 ended six days ago; the year 2025 ended six months ago, before this portal ran.
    assert periods == {(2026, "H1")}
    assert compile_due_reports.apply(kwargs={"today": today.isoformat()}).get() == 0


def test_figures_are_a_snapshot_refreshed_until_submission_only(world, make_disclosure):
    period = ReportingRegime.for_unit(world.a).period_for_key("2026-H1")
    report = actions.ensure_report(world.a, period)
    assert report.figures["disclosures"]["published"] == 3
    # Posted into the period later (a backdated import, say): the snapshot does not move by itself…
    Disclosure.objects.filter(unit=world.a, published_at__date__gte=dt.date(2026, 6, 15)).update(
        published_at=at(dt.date(2026, 6, 1))
    )
    report.refresh_from_db()
    assert report.figures["disclosures"]["published"] == 3
    # …the clerk recompiles it…
    report = actions.recompile(report, by=world.clerk_a)
    assert report.figures["disclosures"]["published"] == 4
    # …and once submitted it never changes again, not even through the scheduled job.
    report.results, report.shortcomings, report.proposals = "Kết quả", "Hạn chế", "Đề xuất"
    report.save()
    assert actions.send_to_sign(report, by=world.clerk_a)
    assert actions.sign_and_submit(report, by=world.approver_a, signer_title="Chủ tịch")
    Disclosure.objects.filter(unit=world.a).update(published_at=at(dt.date(2026, 2, 1)))
    with pytest.raises(Exception, match="đã gửi"):
        actions.recompile(report, by=world.clerk_a)
    actions.compile_area(world.province, period)
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert report.figures["disclosures"]["published"] == 4
    assert report.number == "1/BC-UBND"


def test_compiling_many_units_takes_a_constant_number_of_queries(world, django_assert_max_num_queries):
    period = ReportingRegime.for_unit(world.a).period_for_key("2026-H1")
    with django_assert_max_num_queries(20):
        actions.compile_area(world.province, period)
    for n in range(30):
        world.a.__class__.objects.create(
            code=f"9{n:04d}", name=f"Xã {n}", level="commune", type="xa", parent=world.province
        )
    UnitReport.objects.all().delete()
    with django_assert_max_num_queries(20):
        actions.compile_area(world.province, period)
    assert UnitReport.objects.filter(year=2026, kind="H1", unit__parent=world.province).count() == 32
