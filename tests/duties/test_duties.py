"""Issue 11's test year: a commune with three villages and two agencies, one village missing its
year-end conference and one agency its staff conference. The dashboard's duty indicators equal an
independent count, the duties page shows the same, and every reminder goes out once."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from consultations.duties import engine
from consultations.duties.models import Duty
from consultations.duties.notifications import remind_duties
from consultations.models import Meeting
from reports import compliance, figures

from .conftest import held

pytestmark = pytest.mark.django_db
K = Meeting.Kind
TODAY = dt.date(2026, 12, 10)


@pytest.fixture
def lived(year):
    """The meetings of the year (reporting year 2026: 15/12/2025 – 14/12/2026)."""
    held(year.commune, K.DIALOGUE, dt.date(2025, 10, 10))
    held(year.v1, K.VILLAGE_CONFERENCE, dt.date(2025, 12, 20), present=80, expected=120)
    held(year.v2, K.VILLAGE_CONFERENCE, dt.date(2025, 11, 15), present=60, expected=90)
    # v3 misses it: a conference convened but never held, and a briefing, do not count.
    Meeting.objects.create(
        unit=year.v3, kind=K.VILLAGE_CONFERENCE, state=Meeting.State.SCHEDULED, title="Hội nghị",
        held_at=held(year.v3, K.BRIEFING, dt.date(2025, 12, 1)).held_at, place="Nhà văn hóa", chair="",
    )  # fmt: skip
    held(year.ag1, K.STAFF_CONFERENCE, dt.date(2026, 2, 20), present=26, expected=28)
    # ag2 misses its staff conference: held in April, after the first quarter.
    held(year.ag2, K.STAFF_CONFERENCE, dt.date(2026, 4, 10), present=25, expected=30)
    held(year.ag1, K.RESOLUTION_CHECK, dt.date(2025, 9, 1), present=20, expected=28)
    held(year.ag1, K.RESOLUTION_CHECK, dt.date(2026, 6, 15), present=20, expected=28)
    held(year.ag2, K.RESOLUTION_CHECK, dt.date(2026, 5, 5), present=20, expected=30)
    return year


def independent_count(period, owners_by_duty, meetings, today):
    """Owed and done per (duty, owner key), counted from first principles: a period whose due day falls
    in the report's period is owed if it is past or was done; done if a held meeting of a fulfilling
    kind of that owner started on a day inside the window."""
    result = {}
    for duty in Duty.objects.filter(active=True):
        for owner, key in owners_by_duty[duty.applies_to]:
            owed = done = 0
            for year in (2025, 2026):
                for _key, opens, due in duty.windows(year):
                    if not period.start <= due <= period.end:
                        continue
                    did = any(
                        m.kind in duty.kind_list and m.owner == owner and m.state == "held"
                        and opens <= m.held_at.astimezone(engine.day_start(opens).tzinfo).date() <= due
                        for m in meetings
                    )  # fmt: skip
                    owed += did or due < today
                    done += did
            total = result.setdefault((duty.code, key), [0, 0])
            total[0] += owed
            total[1] += done
    return result


def test_the_duty_indicators_equal_an_independent_count(lived, period):
    y = lived
    report_period = period("2026")
    result = figures.compute(report_period, units=[y.commune.pk], agencies=[y.ag1.pk, y.ag2.pk], today=TODAY)
    owners = {
        "commune": [(y.commune, f"u{y.commune.pk}")],
        "village": [(v, f"u{y.commune.pk}") for v in y.villages],  # a village counts for its commune
        "agency": [(y.ag1, f"a{y.ag1.pk}"), (y.ag2, f"a{y.ag2.pk}")],
    }
    expected = independent_count(report_period, owners, list(Meeting.objects.all()), TODAY)
    for (code, key), (owed, done) in expected.items():
        assert result[key][f"duty_{code}"] == {"owed": owed, "done": done}, (code, key)
    # The story told plainly: one village and one agency missed theirs.
    assert result[f"u{y.commune.pk}"]["duty_village_conference"] == {"owed": 3, "done": 2}
    assert result[f"u{y.commune.pk}"]["duty_dialogue"] == {"owed": 1, "done": 1}
    assert result[f"a{y.ag1.pk}"]["duty_staff_conference"] == {"owed": 1, "done": 1}
    assert result[f"a{y.ag2.pk}"]["duty_staff_conference"] == {"owed": 1, "done": 0}
    # Art. 52(3): two half-years end in the period (31/12/2025, 30/06/2026); ag2 missed 2025-H2.
    assert result[f"a{y.ag1.pk}"]["duty_resolution_check"] == {"owed": 2, "done": 2}
    assert result[f"a{y.ag2.pk}"]["duty_resolution_check"] == {"owed": 2, "done": 1}

    indicators = {i.key: i for i in compliance.indicators_of(result[f"u{y.commune.pk}"])}
    village = indicators["duty_village_conference"]
    assert (village.done, village.total, village.status) == (2, 3, compliance.BAD)
    staff = {i.key: i for i in compliance.indicators_of(result[f"a{y.ag2.pk}"])}["duty_staff_conference"]
    assert (staff.done, staff.total, staff.status) == (0, 1, compliance.BAD)


def test_a_duty_not_yet_due_and_not_done_is_not_owed(year, period):
    """Before its due day a duty counts only once done (nobody is late yet)."""
    held(year.v1, K.VILLAGE_CONFERENCE, dt.date(2026, 11, 20))
    result = figures.compute(period("2027"), units=[year.commune.pk], agencies=[], today=dt.date(2026, 12, 1))
    assert result[f"u{year.commune.pk}"]["duty_village_conference"] == {"owed": 1, "done": 1}


def test_meetings_are_counted_by_kind_with_the_people_reached(lived, period):
    result = figures.compute(period("2026"), units=[lived.commune.pk], agencies=[lived.ag1.pk], today=TODAY)
    commune, agency = result[f"u{lived.commune.pk}"], result[f"a{lived.ag1.pk}"]
    assert commune["meetings_law"]["village_conference"] == 1  # 20/12/2025; 15/11/2025 is in the 2025 year
    assert commune["meetings_law"]["people"] == 80
    assert commune["meetings_other"]["briefing"] == 0  # 01/12/2025: before 15/12/2025
    assert agency["meetings_law"]["staff_conference"] == 1
    assert agency["meetings_law"]["resolution_check"] == 1  # 15/06/2026
    assert agency["meetings_law"]["people"] == 26 + 20


def test_the_duties_page_names_the_village_that_missed_it(lived, client, cast):
    client.force_login(cast.clerk_a)
    response = client.get(reverse("duties:unit_duties", args=[lived.commune.code]), {"year": 2025})
    assert response.status_code == 200
    statuses = {(s.duty.code, s.owner.pk): s.status for s in response.context["groups"][1]["rows"]}
    assert statuses[("village_conference", lived.v3.pk)] == engine.OVERDUE
    assert statuses[("village_conference", lived.v1.pk)] == engine.DONE
    assert "Quá hạn, chưa thực hiện" in response.text
    client.force_login(lived.head_ag2)
    response = client.get(reverse("duties:agency_duties", args=[lived.ag2.code]), {"year": 2026})
    rows = [s for g in response.context["groups"] for s in g["rows"]]
    assert {(s.duty.code, s.period): s.status for s in rows}[("staff_conference", "2026")] == engine.OVERDUE


def test_reminders_go_out_once_each(lived, cast):
    mail.outbox.clear()
    sent = remind_duties(today=dt.date(2026, 1, 5))
    keys = sorted(m.subject for m in mail.outbox)
    assert sent == len(mail.outbox) > 0
    # After the due day: the village that missed its conference (to the commune's clerk) and the agency
    # that missed the second half-year's check; commune B and its village (clerk_b) too.
    assert any("Thôn Trung Thượng" in s and s.startswith("Quá hạn") for s in keys)
    assert any(lived.ag2.name in s and s.startswith("Quá hạn") for s in keys)
    assert not any("Thôn Đồng Bông" in s for s in keys)
    assert not any(lived.ag1.name in s for s in keys)
    v3_mail = next(m for m in mail.outbox if "Thôn Trung Thượng" in m.subject)
    assert v3_mail.to == ["clerk_a@example.vn"]
    assert "31/12/2025" in v3_mail.body
    assert remind_duties(today=dt.date(2026, 1, 5)) == 0
    assert remind_duties(today=dt.date(2026, 1, 6)) == 0
    # Before the due day, within the duty's reminder days: the staff conference of the agency that has
    # not held it yet (ag1 has), once.
    mail.outbox.clear()
    remind_duties(today=dt.date(2026, 3, 5))
    before = [m for m in mail.outbox if m.subject.startswith("Sắp đến hạn")]
    assert [m.to for m in before if "Hội nghị cán bộ" in m.subject] == [["head_ag2@example.vn"]]
    assert remind_duties(today=dt.date(2026, 3, 6)) == 0


def test_the_dashboard_drills_down_to_the_units_that_missed_a_duty(lived, client, cast, monkeypatch):
    """A reviewer's commune page lists, under the duty's indicator, the village that missed its
    conference (and not those that held theirs); an agency's page its missed staff conference."""
    from django.utils import timezone

    real = timezone.localdate
    monkeypatch.setattr(
        timezone, "localdate", lambda value=None, **k: TODAY if value is None else real(value, **k)
    )
    client.force_login(cast.reviewer_p)
    page = client.get(reverse("reports:area", args=[lived.commune.code]) + "?period=2026")
    assert page.status_code == 200
    shortfall = next(s for s in page.context["sections"] if s.key == "duty_village_conference")
    assert [item["title"].split(":")[0] for item in shortfall.items] == ["Thôn Trung Thượng"]
    assert shortfall.items[0]["url"].startswith(reverse("duties:unit_duties", args=[lived.commune.code]))
    assert 'id="shortfall-duty_village_conference"' in page.text
    page = client.get(reverse("reports:agency_area", args=[lived.ag2.code]) + "?period=2026")
    staff = next(s for s in page.context["sections"] if s.key == "duty_staff_conference")
    assert [item["title"] for item in staff.items] == [
        f"{lived.ag2.name}: {staff.items[0]['title'].split(': ', 1)[1]}"
    ]
