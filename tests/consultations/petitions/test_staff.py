"""The staff inbox: who may see and act (404 to outsiders, 403 to read-only roles), recording a petition
that came by another channel and a box opening, and the to-do lines on the workspace home."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations.petitions import actions
from consultations.petitions.models import BoxOpening, Channel, Petition, State
from consultations.petitions.waiting import waiting

pytestmark = pytest.mark.django_db


@pytest.fixture
def petition(cast):
    return actions.send_petition(cast.a, text="Xin sửa cầu tràn thôn Đồng Bông.", contact="0909000111")


@pytest.mark.parametrize(
    ("user", "status"),
    [("clerk_a", 200), ("approver_a", 200), ("inspector_a", 200), ("reviewer_p", 200), ("admin", 200),
     ("clerk_b", 404), ("reviewer_q", 404), ("staff_agency_a", 404), ("nobody", 404)],
)  # fmt: skip
def test_who_sees_a_commune_petition(client, cast, petition, user, status):
    client.force_login(getattr(cast, user))
    assert client.get(reverse("petitions:staff_detail", args=[petition.pk])).status_code == status


def test_an_anonymous_visitor_is_sent_to_log_in(client, petition):
    response = client.get(reverse("petitions:staff_detail", args=[petition.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_read_only_role_cannot_answer(client, cast, petition):
    client.force_login(cast.inspector_a)
    page = client.get(reverse("petitions:staff_detail", args=[petition.pk])).content.decode()
    assert "0909000111" not in page  # the contact is for those who answer
    response = client.post(reverse("petitions:answer", args=[petition.pk]),
                           {"answer-outcome": "answered", "answer-answer": "x"})  # fmt: skip
    assert response.status_code == 403
    petition.refresh_from_db()
    assert petition.state == State.RECEIVED


def test_an_agency_petition_is_internal(client, cast):
    p = actions.send_petition(cast.agency_a, text="Đề nghị bố trí phòng họp.", by=cast.staff_agency_a)
    for user, status in (("staff_agency_a", 200), ("clerk_a", 404), ("reviewer_p", 200), ("reviewer_q", 404)):
        client.force_login(getattr(cast, user))
        assert client.get(reverse("petitions:staff_detail", args=[p.pk])).status_code == status


def test_agency_staff_send_an_internal_petition(client, cast):
    client.force_login(cast.staff_agency_a)
    url = reverse("petitions:send_internal", args=[cast.agency_a.code])
    response = client.post(url, {"kind": "petition", "text": "Đề nghị lắp điều hòa phòng một cửa."})
    assert response.status_code == 302
    p = Petition.objects.get()
    assert (p.agency, p.channel, p.recorded_by) == (cast.agency_a, Channel.ONLINE, cast.staff_agency_a)
    client.force_login(cast.reviewer_p)  # oversees the agency, is not one of its people
    assert client.get(url).status_code == 403
    client.force_login(cast.clerk_a)
    assert client.get(url).status_code == 404


def test_the_clerk_records_a_box_opening_and_a_letter_found_in_it(client, cast):
    client.force_login(cast.clerk_a)
    today = timezone.localdate() - dt.timedelta(days=1)  # 08:00 today may not have come yet
    response = client.post(
        reverse("petitions:box", args=[cast.a.code]),
        {"opened_on": today.strftime("%d/%m/%Y"), "witnesses": "Ông Hà Văn Tư (MTTQ), Bà Vi Thị Lan (Ban TTND)",
         "found": "1", "note": ""},
    )  # fmt: skip
    assert response.status_code == 302
    opening = BoxOpening.objects.get()
    response = client.post(
        reverse("petitions:record", args=[cast.a.code]),
        {"channel": "box", "kind": "petition", "received_at": f"{today:%d/%m/%Y} 08:00", "box_opening": opening.pk,
         "text": "Đề nghị lắp thêm đèn ở cổng trường.", "name": "", "contact": ""},
    )  # fmt: skip
    assert response.status_code == 302
    p = Petition.objects.get()
    assert (p.channel, p.box_opening, p.recorded_by) == (Channel.BOX, opening, cast.clerk_a)
    assert "Ông Hà Văn Tư" in client.get(reverse("petitions:box", args=[cast.a.code])).content.decode()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"channel": ""}, "Hãy chọn kênh tiếp nhận."),
        ({"channel": "online"}, "Hãy chọn kênh tiếp nhận."),
        ({"received_at": "31/02/2026 08:00"}, "Thời điểm phải có dạng ngày/tháng/năm giờ:phút"),
        ({"received_at": "01/01/2099 08:00"}, "Thời điểm tiếp nhận không được ở tương lai."),
        ({"text": ""}, "Hãy nhập nội dung phản ánh, kiến nghị."),
        ({"box_opening": "999999999999999999999"}, "Hãy chọn một lần mở hòm thư trong danh sách."),
        ({"channel": "hotline", "box_opening": "OPENING"}, "Chỉ thư, đơn nhận qua hòm thư góp ý"),
    ],
)
def test_recording_refuses_bad_input_with_a_clear_message(client, cast, fields, message):
    opening = actions.record_box_opening(
        cast.a, opened_on=timezone.localdate(), witnesses="A", found=1, by=cast.clerk_a
    )
    data = {
        "channel": "box",
        "kind": "petition",
        "received_at": "02/12/2026 08:00",
        "text": "Nội dung",
        **fields,
    }
    if data.get("box_opening") == "OPENING":
        data["box_opening"] = opening.pk
    client.force_login(cast.clerk_a)
    response = client.post(reverse("petitions:record", args=[cast.a.code]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Petition.objects.count() == 0


def test_a_box_opening_of_another_commune_is_not_offered(client, cast):
    other = actions.record_box_opening(
        cast.b, opened_on=timezone.localdate(), witnesses="B", found=1, by=cast.clerk_b
    )
    client.force_login(cast.clerk_a)
    response = client.post(
        reverse("petitions:record", args=[cast.a.code]),
        {"channel": "box", "kind": "petition", "received_at": "02/12/2026 08:00", "text": "x", "box_opening": other.pk},
    )  # fmt: skip
    assert response.status_code == 400 and Petition.objects.count() == 0


def test_the_box_opening_form_refuses_bad_input(client, cast):
    client.force_login(cast.clerk_a)
    response = client.post(
        reverse("petitions:box", args=[cast.a.code]), {"opened_on": "hôm qua", "witnesses": "", "found": "-1"}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Ngày phải có dạng ngày/tháng/năm" in body
    assert "Hãy ghi họ tên những người chứng kiến mở hòm thư." in body
    assert "Không được nhỏ hơn 0." in body


def test_the_deadline_comes_from_the_provinces_rule(cast):
    from consultations.petitions.models import AnswerRule

    AnswerRule.objects.create(province=cast.province, days=5, legal_basis="Quyết định 12/2025/QĐ-UBND tỉnh")
    received = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)  # a Monday
    p = actions.send_petition(
        cast.a, text="x", channel=Channel.HOTLINE, received_at=received, by=cast.clerk_a
    )
    assert p.due_on == dt.date(2026, 3, 9)  # 7 March is a Saturday: moved to Monday 9 March
    assert "Quyết định 12/2025/QĐ-UBND tỉnh" in p.due_explanation
    q = actions.send_petition(
        cast.c, text="x", channel=Channel.HOTLINE, received_at=received, by=cast.clerk_a
    )
    assert q.due_on == dt.date(2026, 3, 12) and "Luật Tiếp công dân" in q.due_explanation  # the default


def test_the_to_do_lists_open_and_nearly_due_petitions(rf, cast):
    now = timezone.now()
    actions.send_petition(cast.a, text="mới", received_at=now)
    old = actions.send_petition(
        cast.a, text="cũ", channel=Channel.HOTLINE, received_at=now - dt.timedelta(days=30), by=cast.clerk_a
    )
    done = actions.send_petition(cast.a, text="xong")
    actions.answer_petition(done, by=cast.clerk_a, text="Đã xong")
    actions.send_petition(cast.b, text="xã khác")
    request = rf.get("/")
    request.user = cast.clerk_a
    lines = {line.label: line.count for line in waiting(request)}
    assert lines["Phản ánh, kiến nghị chờ xử lý"] == 2
    assert lines["Phản ánh, kiến nghị sắp đến hạn hoặc quá hạn trả lời"] == 1
    assert old.due_on < timezone.localdate()
    request = rf.get("/")
    request.user = cast.inspector_a  # reads, does not answer
    assert waiting(request) == []
