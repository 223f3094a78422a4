"""Stand-alone meetings: scheduling with the kind's notice and agenda, the minutes, the written report,
attachments; bad input refused with a clear message and nothing saved; the commune's public calendar,
its iCalendar feed and the minutes PDF; permissions."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from pypdf import PdfReader

from consultations import actions
from consultations.models import Meeting, MeetingKindRule
from democracy.models import AuditEvent

from .conftest import at

pytestmark = pytest.mark.django_db
K = Meeting.Kind


def schedule(cast, **overrides):
    values = {
        "owner": cast.village_a, "by": cast.clerk_a, "kind": K.VILLAGE_CONFERENCE,
        "title": "Hội nghị cuối năm", "held_at": at(dt.date(2025, 12, 20)), "place": "Nhà văn hóa thôn",
        "convened_by": "Trưởng thôn Nguyễn Văn A", "notice_on": dt.date(2025, 12, 10),
    }  # fmt: skip
    values.update(overrides)
    return actions.schedule_meeting(**values)


def minutes(meeting, cast, **overrides):
    values = {
        "by": cast.clerk_a,
        "chair": "Nguyễn Văn A",
        "secretary": "Trần Thị B",
        "expected": 120,
        "present": 95,
    }
    values.update(overrides)
    return actions.record_minutes(meeting, **values)


def test_a_village_conference_takes_the_fixed_agenda_and_is_public(cast):
    m = schedule(cast)
    rule = MeetingKindRule.objects.get(kind=K.VILLAGE_CONFERENCE)
    assert m.agenda == rule.agenda and "Ban Thanh tra nhân dân" in m.agenda
    assert m.public and m.state == Meeting.State.SCHEDULED
    assert AuditEvent.objects.of(m).count() == 1


def test_the_notice_must_respect_the_kinds_minimum(cast):
    with pytest.raises(ValidationError) as error:
        schedule(cast, notice_on=dt.date(2025, 12, 16))  # 4 days before: 5 are required
    message = error.value.message_dict["notice_on"][0]
    assert "chậm nhất 5 ngày trước ngày họp" in message and "15/12/2025" in message
    assert "Nghị định số 59/2023" in message
    assert not Meeting.objects.exists() and not AuditEvent.objects.exists()
    assert schedule(cast, notice_on=dt.date(2025, 12, 15)).pk  # exactly 5 days before: on time


def test_the_minimum_notice_is_data(cast):
    MeetingKindRule.objects.filter(kind=K.VILLAGE_CONFERENCE).update(min_notice_days=7)
    with pytest.raises(ValidationError):
        schedule(cast, notice_on=dt.date(2025, 12, 15))


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"ends_at": at(dt.date(2025, 12, 20), hour=7)}, "ends_at"),  # ends before it starts
        ({"notice_on": None}, "notice_on"),  # the kind requires a notice
        ({"title": "  "}, "title"),
        ({"kind": K.STAFF_CONFERENCE}, "kind"),  # a village holds no staff conference
    ],
)
def test_bad_schedules_are_refused_and_nothing_is_saved(cast, overrides, field):
    with pytest.raises(ValidationError) as error:
        schedule(cast, **overrides)
    assert field in error.value.message_dict
    assert not Meeting.objects.exists() and not AuditEvent.objects.exists()


def test_an_agency_meeting_is_never_public(cast):
    with pytest.raises(ValidationError) as error:
        schedule(cast, owner=cast.agency_a, kind=K.STAFF_CONFERENCE, public=True, notice_on=None)
    assert "public" in error.value.message_dict
    m = schedule(cast, owner=cast.agency_a, kind=K.STAFF_CONFERENCE, notice_on=None)
    assert not m.public and "Ký giao ước thi đua" in m.agenda


def test_minutes_check_attendance_and_are_recorded_once(cast):
    m = schedule(cast)
    with pytest.raises(ValidationError) as error:
        minutes(m, cast, present=130)
    assert "130" in error.value.message_dict["present"][0]
    m.refresh_from_db()
    assert m.state == Meeting.State.SCHEDULED and m.present == 0
    minutes(m, cast, absent=20)
    m.refresh_from_db()
    assert (m.state, m.present, m.absent) == (Meeting.State.HELD, 95, 20)
    with pytest.raises(ValidationError):
        minutes(m, cast)


def test_minutes_wait_for_the_meeting_to_start(cast):
    m = schedule(cast, held_at=timezone.now() + dt.timedelta(days=10), notice_on=timezone.localdate())
    with pytest.raises(ValidationError) as error:
        minutes(m, cast)
    assert "chưa diễn ra" in str(error.value)


def test_groups_add_up_to_the_totals(cast):
    m = schedule(cast, owner=cast.agency_a, kind=K.STAFF_CONFERENCE, notice_on=None)
    groups = [
        {"group": "Cán bộ, công chức", "expected": 20, "present": 19},
        {"group": "Người lao động", "expected": 8, "present": 9},
    ]
    with pytest.raises(ValidationError) as error:
        minutes(m, cast, expected=28, present=28, groups=groups)
    assert "Người lao động" in error.value.message_dict["groups"][0]
    groups[1]["present"] = 6
    with pytest.raises(ValidationError) as error:
        minutes(m, cast, expected=28, present=26, groups=groups)
    assert "cộng lại" in error.value.message_dict["groups"][0]
    minutes(m, cast, expected=28, present=25, groups=groups)
    m.refresh_from_db()
    assert m.groups[0] == {"group": "Cán bộ, công chức", "expected": 20, "present": 19}


def test_the_written_report_comes_after_the_meeting_once(cast):
    m = schedule(cast)
    with pytest.raises(ValidationError):
        actions.record_report(m, by=cast.clerk_a, report="Báo cáo", sent_on=dt.date(2025, 12, 22))
    minutes(m, cast)
    with pytest.raises(ValidationError) as error:
        actions.record_report(m, by=cast.clerk_a, report="Báo cáo", sent_on=dt.date(2025, 12, 19))
    assert "sent_on" in error.value.message_dict
    actions.record_report(
        m, by=cast.clerk_a, report="Báo cáo kết quả hội nghị", sent_on=dt.date(2025, 12, 22)
    )
    with pytest.raises(ValidationError):
        actions.record_report(m, by=cast.clerk_a, report="Sửa", sent_on=dt.date(2025, 12, 23))
    m.refresh_from_db()
    assert m.report == "Báo cáo kết quả hội nghị"


def test_the_schedule_form_shows_the_messages_and_saves_nothing(client, cast):
    client.force_login(cast.clerk_a)
    url = reverse("duties:meeting_new", args=[cast.village_a.code])
    page = client.get(url, {"kind": K.VILLAGE_CONFERENCE})
    assert page.status_code == 200 and "Ban công tác Mặt trận" in page.text  # the fixed agenda
    response = client.post(url, {
        "kind": K.VILLAGE_CONFERENCE, "title": "Hội nghị", "held_at": "2025-12-20T08:00",
        "ends_at": "2025-12-20T07:00", "place": "Nhà văn hóa", "convened_by": "Trưởng thôn",
        "notice_on": "2025-12-18", "public": "on",
    })  # fmt: skip
    assert response.status_code == 400
    assert "Thời gian kết thúc phải sau thời gian bắt đầu" in response.text
    assert not Meeting.objects.exists()


def test_minutes_form_refuses_more_present_than_convened(client, cast):
    m = schedule(cast)
    client.force_login(cast.clerk_a)
    response = client.post(reverse("duties:meeting_minutes", args=[m.pk]), {
        "chair": "A", "secretary": "B", "expected": "50", "present": "60",
    })  # fmt: skip
    assert response.status_code == 400
    assert "không được lớn hơn số được triệu tập" in response.text
    m.refresh_from_db()
    assert m.state == Meeting.State.SCHEDULED


def test_the_minutes_pdf_prints_the_agenda_and_attendance(client, cast):
    m = schedule(cast)
    client.force_login(cast.clerk_a)
    assert client.get(reverse("consultations:minutes_pdf", args=[m.pk])).status_code == 404  # not held yet
    minutes(m, cast, ends_at=at(dt.date(2025, 12, 20), hour=11))
    response = client.get(reverse("consultations:minutes_pdf", args=[m.pk]))
    assert response.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.getvalue())).pages)
    text = " ".join(text.split())
    assert "BIÊN BẢN" in text.upper()
    assert "120 hộ" in text and "95 hộ" in text
    assert "Ban công tác Mặt trận" in text
    assert "11 giờ 00 phút" in text
    assert "Điều 33" in text


def test_attachments_are_kept_and_downloaded_by_staff_only(client, cast):
    m = schedule(cast)
    client.force_login(cast.clerk_a)
    pdf = SimpleUploadedFile("danh-sach.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    response = client.post(reverse("duties:meeting_attach", args=[m.pk]), {"files": [pdf]})
    assert response.status_code == 302
    attachment = m.attachments.get()
    assert client.get(reverse("duties:attachment_download", args=[attachment.pk])).status_code == 200
    client.force_login(cast.clerk_b)
    assert client.get(reverse("duties:attachment_download", args=[attachment.pk])).status_code == 404


def test_permissions(client, cast):
    m = schedule(cast)
    client.force_login(cast.clerk_b)
    assert client.get(reverse("duties:meeting_detail", args=[m.pk])).status_code == 404
    assert client.get(reverse("duties:meeting_new", args=[cast.village_a.code])).status_code == 404
    client.force_login(cast.reviewer_p)
    assert client.get(reverse("duties:meeting_detail", args=[m.pk])).status_code == 200
    assert client.post(reverse("duties:meeting_cancel", args=[m.pk]), {"reason": "x"}).status_code == 403
    agency_meeting = schedule(cast, owner=cast.agency_a, kind=K.STAFF_CONFERENCE, notice_on=None)
    client.force_login(cast.clerk_a)  # a commune's clerk does not see its agencies' internal meetings
    assert client.get(reverse("duties:meeting_detail", args=[agency_meeting.pk])).status_code == 404
    client.force_login(cast.staff_agency_a)
    assert client.get(reverse("duties:meeting_detail", args=[agency_meeting.pk])).status_code == 200


def test_the_public_calendar_and_feed(client, cast):
    soon = timezone.now() + dt.timedelta(days=8)
    upcoming = schedule(
        cast, title="Hội nghị cuối năm thôn Đồng Bông", held_at=soon, notice_on=timezone.localdate()
    )
    private = schedule(
        cast,
        owner=cast.a,
        kind=K.BRIEFING,
        title="Họp giao ban nội bộ",
        held_at=soon,
        notice_on=None,
        public=False,
    )
    internal = schedule(
        cast, owner=cast.agency_a, kind=K.STAFF_CONFERENCE, held_at=soon, notice_on=None, title="HN CBCC"
    )
    past = schedule(cast, title="Hội nghị cuối năm 2025")
    minutes(past, cast)
    actions.record_report(
        past, by=cast.clerk_a, report="Đã thông qua 5 nội dung.", sent_on=dt.date(2025, 12, 22)
    )
    cancelled = schedule(cast, title="Hội nghị bị hủy", held_at=soon, notice_on=timezone.localdate())
    actions.cancel_meeting(cancelled, by=cast.clerk_a, reason="Mưa bão")

    page = client.get(reverse("duties:calendar", args=[cast.a.code]))
    assert page.status_code == 200
    assert upcoming.title in page.text and past.title in page.text
    assert (
        private.title not in page.text
        and internal.title not in page.text
        and cancelled.title not in page.text
    )
    feed = client.get(reverse("duties:calendar_ics", args=[cast.a.code]))
    assert feed["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in events) == sorted([upcoming.title, past.title])
    public = client.get(reverse("duties:public_meeting", args=[past.pk]))
    assert "Đã thông qua 5 nội dung." in public.text
    assert client.get(reverse("duties:public_meeting", args=[private.pk])).status_code == 404
    assert client.get(reverse("duties:public_meeting", args=[internal.pk])).status_code == 404
    assert client.get(reverse("duties:calendar", args=[cast.village_a.code])).status_code == 404
