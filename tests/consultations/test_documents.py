"""The printed documents of a consultation cycle (the Đông Sơn papers of 2024) and of decisions
(Decree 59 forms 02, 03, 04), opened with pypdf and read as a clerk would; their access rules."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from consultations import actions, outputs
from consultations.actions import record_meeting
from consultations.models import Meeting
from democracy.models import CatalogueItem

from .conftest import HCM, item, publish_results


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_of(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline; filename=")
    assert response["X-Content-Type-Options"] == "nosniff"
    return flat(text_of(response.getvalue()))


def conference(consultation, cast, **fields):
    values = {
        "title": "Triển khai và thống nhất Quy chế thực hiện dân chủ",
        "held_at": dt.datetime(2024, 2, 5, 14, tzinfo=HCM),
        "place": "Phòng họp tầng 3 UBND xã",
        "chair": "Ông Đặng Quý Hưng – Chủ tịch UBND xã",
        "secretary": "Nguyễn Thị Thủy",
        "expected": 28,
        "present": 28,
        "opinions": "Ý kiến 1: nội dung các quy định tương đối đầy đủ.",
        "conclusion": "Thống nhất hoàn thiện dự thảo và ban hành quy chế.",
    }
    values.update(fields)
    return record_meeting(
        owner=consultation.owner,
        by=cast.clerk_a,
        kind=Meeting.Kind.CONFERENCE,
        consultation=consultation,
        **values,
    )


@pytest.fixture
def dong_son(make_consultation, cast):
    """The Đông Sơn cycle: plan 127/KH-UBND, conference with 28 present, no comments, report 164/BC-UBND."""
    c = make_consultation(opened_on=dt.date(2024, 2, 5), purpose="Phát huy quyền làm chủ.")
    meeting = conference(c, cast)
    actions.close_due_consultations(now=dt.datetime(2024, 2, 27, 8, tzinfo=HCM))
    c.refresh_from_db()
    publish_results(c, cast, summary="Không có ý kiến gì thêm với bản dự thảo.", result_number="164/BC-UBND",
        now=dt.datetime(2024, 2, 27, 10, tzinfo=HCM),
    )  # fmt: skip
    c.refresh_from_db()
    return c, meeting


def test_the_plan_reads_like_the_dong_son_plan(client, dong_son):
    c, _ = dong_son
    text = pdf_of(client.get(reverse("consultations:plan_pdf", args=[c.pk])))
    assert "Số: 127/KH-UBND" in text
    assert "KẾ HOẠCH" in text
    assert "ỦY BAN NHÂN DÂN" in text and "XÃ ĐỒNG KỲ" in text and "UBND TỈNH BẮC NINH" in text
    assert "Đồng Kỳ, ngày 30 tháng 01 năm 2024" in text
    assert "Phát huy quyền làm chủ." in text
    assert "20 ngày, từ ngày 06/02/2024 đến hết ngày 26/02/2024" in text
    assert "TM. ỦY BAN NHÂN DÂN" in text and "CHỦ TỊCH" in text


def test_the_minutes_show_the_attendance_and_the_signatures(client, dong_son):
    _, meeting = dong_son
    assert meeting.absent == 0
    text = pdf_of(client.get(reverse("consultations:minutes_pdf", args=[meeting.pk])))
    assert "BIÊN BẢN" in text
    assert "14 giờ 00 phút, ngày 05/02/2024" in text
    assert "Tổng số: 28 người; có mặt: 28 người; vắng mặt: 0 người" in text
    assert "Phòng họp tầng 3 UBND xã" in text
    assert "THƯ KÝ" in text and "CHỦ TRÌ" in text and "Nguyễn Thị Thủy" in text
    assert "Thống nhất hoàn thiện dự thảo" in text


def test_the_result_report_without_comments(client, dong_son):
    c, _ = dong_son
    text = pdf_of(client.get(reverse("consultations:result_pdf", args=[c.pk])))
    assert "Số: 164/BC-UBND" in text
    assert "BÁO CÁO" in text
    assert "không có ý kiến" in text
    assert "Kế hoạch số 127/KH-UBND ngày 30/01/2024" in text
    assert "tổng số 28, có mặt 28, vắng mặt 0" in text
    assert "Không có ý kiến gì thêm với bản dự thảo." in text


def test_the_result_report_groups_the_responses(make_consultation, cast):
    c = make_consultation(opened_on=dt.date(2024, 2, 5))
    on = dt.datetime(2024, 2, 6, 9, tzinfo=HCM)
    kept = actions.add_comment(c, text="Bổ sung quy định về hòm thư", section="Điều 5", received_at=on,
                               name="Nguyễn Văn Bí Mật", contact="0912345678")  # fmt: skip
    explained = actions.add_comment(
        c, text="Bỏ Điều 7", channel="conference", people_count=28, by=cast.clerk_a, received_at=on
    )
    outside = actions.add_comment(
        c, text="Sửa đường liên thôn", channel="hotline", by=cast.clerk_a, received_at=on
    )
    hidden = actions.add_comment(c, text="Nội dung xúc phạm", received_at=on)
    actions.close_due_consultations(now=dt.datetime(2024, 3, 1, tzinfo=HCM))
    actions.respond(kept, by=cast.clerk_a, kind="accepted", text="Đã bổ sung vào Điều 5.")
    actions.respond(explained, by=cast.clerk_a, kind="explained", text="Điều 7 theo Luật nên giữ nguyên.")
    actions.respond(outside, by=cast.clerk_a, kind="out_of_scope", text="Chuyển bộ phận địa chính.")
    actions.hide_comment(hidden, by=cast.clerk_a, reason="Xúc phạm")
    c.refresh_from_db()
    publish_results(c, cast, summary="Tiếp thu 1 ý kiến.", result_number="164/BC-UBND")
    c.refresh_from_db()
    text = flat(text_of(outputs.result_pdf(c)))
    assert "Tổng số ý kiến nhận được: 3 ý kiến" in text
    assert "Trực tuyến trên cổng 1" in text and "Hội nghị 1 28" in text and "Đường dây nóng 1" in text
    accepted, explained_at, outside_at = (
        text.index(s) for s in ("1. Tiếp thu", "2. Giải trình", "3. Không thuộc")
    )
    assert accepted < text.index("Đã bổ sung vào Điều 5.") < explained_at
    assert explained_at < text.index("Điều 7 theo Luật nên giữ nguyên.") < outside_at
    assert outside_at < text.index("Chuyển bộ phận địa chính.")
    assert "Nội dung xúc phạm" not in text and "Bí Mật" not in text and "0912345678" not in text
    assert "không có ý kiến" not in text.replace("Không có ý kiến", "")


def test_the_result_report_waits_for_published_results(client, make_consultation):
    c = make_consultation(opened_on=dt.date(2024, 2, 5))
    assert client.get(reverse("consultations:result_pdf", args=[c.pk])).status_code == 404


def test_an_outsider_cannot_print_an_agency_plan_or_its_minutes(client, make_consultation, cast):
    c = make_consultation(cast.agency_a, opened_on=dt.date(2024, 2, 5), plan_number="12/KH-VP")
    meeting = record_meeting(
        owner=cast.agency_a, by=cast.clerk_a, kind=Meeting.Kind.STAFF_CONFERENCE, consultation=c,
        title="Hội nghị cán bộ", held_at=dt.datetime(2024, 2, 6, 8, tzinfo=HCM), place="Hội trường",
        chair="Chánh Văn phòng", secretary="Văn thư", expected=28, present=20,
    )  # fmt: skip
    urls = [
        reverse("consultations:plan_pdf", args=[c.pk]),
        reverse("consultations:minutes_pdf", args=[meeting.pk]),
    ]
    for user in (None, cast.nobody, cast.clerk_b, cast.reviewer_q):
        client.logout()
        if user:
            client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
    client.force_login(cast.staff_agency_a)
    text = pdf_of(client.get(urls[0]))
    assert "Số: 12/KH-VP" in text and "VĂN PHÒNG UBND" in text
    client.force_login(cast.reviewer_p)
    assert "vắng mặt: 8 người" in pdf_of(client.get(urls[1]))


def test_a_draft_plan_is_only_for_the_unit(client, make_consultation, cast):
    c = make_consultation()
    url = reverse("consultations:plan_pdf", args=[c.pk])
    assert client.get(url).status_code == 404
    client.force_login(cast.clerk_a)
    assert "Số: 127/KH-UBND" in pdf_of(client.get(url))


def test_a_community_decision_prints_form_03_and_its_tally_form_02(client, cast):
    d = actions.create_decision(
        owner=cast.village_a, by=cast.clerk_a, item=item(15, 1), title="Đóng góp làm đường liên thôn",
        method="meeting", description="Mỗi hộ đóng góp 500.000 đồng.",
    )  # fmt: skip
    record_meeting(
        owner=cast.village_a, by=cast.clerk_a, kind=Meeting.Kind.COMMUNITY, decision=d, title="Họp thôn",
        held_at=dt.datetime(2024, 2, 7, 19, tzinfo=HCM), place="Nhà văn hóa thôn Đồng Bông",
        chair="Trưởng thôn", secretary="Thư ký thôn", expected=120, present=110,
    )  # fmt: skip
    url = reverse("consultations:decision_pdf", args=[d.pk])
    assert client.get(url).status_code == 404  # not tallied yet, so not public: nothing to learn
    client.force_login(cast.clerk_a)
    for name in ("decision_pdf", "tally_pdf"):
        waiting = client.get(reverse(f"consultations:{name}", args=[d.pk]))
        assert waiting.status_code == 409, "the unit's people are told why, not given a 404"
        assert "chỉ có sau khi kiểm phiếu" in waiting.content.decode()
    client.logout()
    actions.record_tally(
        d, by=cast.clerk_a, decided_on=dt.date(2024, 2, 7), agree=80, disagree=30, present=110
    )
    text = pdf_of(client.get(url))
    assert "Mẫu số 03 – Nghị định 59/2023/NĐ-CP" in text
    assert "XÃ ĐỒNG KỲ" in text and "THÔN ĐỒNG BÔNG" in text
    assert "Tổng số hộ của Thôn Đồng Bông: 120" in text
    assert "số hộ tham gia: 110" in text and "vắng mặt, không tham gia: 10" in text
    assert "Tán thành 80 66,67%" in text and "Không tán thành 30 25%" in text
    assert "quyết định thông qua nội dung “Đóng góp làm đường liên thôn”" in text
    assert "TRƯỞNG THÔN" in text and "TRƯỞNG BAN" in text and text.count("ĐẠI DIỆN HỘ GIA ĐÌNH") == 2

    tally = pdf_of(client.get(reverse("consultations:tally_pdf", args=[d.pk])))
    assert "Mẫu số 02 – Nghị định 59/2023/NĐ-CP" in tally
    assert "cuộc họp cộng đồng dân cư" in tally and "Nhà văn hóa thôn Đồng Bông" in tally
    assert "Số hộ có mặt 110" in tally and "Số hộ vắng mặt 10" in tally
    assert "Ý kiến khác 0" in tally and "Kết quả: Được thông qua" in tally
    assert "TỔ TRƯỞNG" in tally and "TỔ KIỂM PHIẾU" in tally


def test_a_household_ballot_prints_form_04_and_a_failed_outcome(client, cast):
    d = actions.create_decision(
        owner=cast.village_a, by=cast.clerk_a, item=item(15, 6), title="Làm đèn đường", method="ballot"
    )
    actions.record_tally(d, by=cast.clerk_a, decided_on=dt.date(2024, 2, 7), agree=60, disagree=40, other=5)
    tally = pdf_of(client.get(reverse("consultations:tally_pdf", args=[d.pk])))
    assert "Mẫu số 04 – Nghị định 59/2023/NĐ-CP" in tally
    assert "Số phiếu phát ra: 120; số phiếu thu về: 105; số phiếu không thu về: 15" in tally
    assert "Kết quả: Không được thông qua" in tally
    # Decree 59: two household witnesses of the count, and 03 copies (committee, Front, village).
    assert "Đại diện hộ gia đình chứng kiến việc kiểm phiếu" in tally
    assert "03 bản" in tally and "01 bản gửi Ủy ban Mặt trận Tổ quốc Việt Nam" in tally
    text = pdf_of(client.get(reverse("consultations:decision_pdf", args=[d.pk])))
    assert "không được thông qua" in text


def test_an_online_vote_prints_its_times_and_participating_households(cast):
    d = actions.create_decision(
        owner=cast.village_a, by=cast.clerk_a, item=item(15, 6), title="Làm đèn đường", method="online"
    )
    start, end = dt.datetime(2024, 3, 1, 7, tzinfo=HCM), dt.datetime(2024, 3, 3, 19, tzinfo=HCM)
    codes = actions.open_online_vote(
        d,
        by=cast.clerk_a,
        households=[f"Hộ {i}" for i in range(120)],
        consent=70,
        opens_at=start,
        closes_at=end,
    )
    during = dt.datetime(2024, 3, 2, tzinfo=HCM)
    for _, code in codes[:65]:
        actions.cast_vote(d, code=code, choice="agree", now=during)
    actions.count_online_votes(now=end + dt.timedelta(minutes=1))
    d.refresh_from_db()
    text = flat(text_of(outputs.tally_pdf(d)))
    assert "Mẫu số 03 – Nghị định 59/2023/NĐ-CP" in text
    assert "bắt đầu 07 giờ 00 phút ngày 01/03/2024, kết thúc 19 giờ 00 phút ngày 03/03/2024" in text
    assert "Số hộ tham gia biểu quyết: 65/120 hộ" in text and "70/120 hộ" in text
    # Decree 59 Art. 5: the households that took part are listed (alphabetically), those that did not are not.
    assert "Danh sách hộ tham gia biểu quyết" in text
    assert "Hộ 0" in text and "Hộ 64" in text and "Hộ 65" not in text and "Hộ 119" not in text


def test_a_staff_conference_prints_a_resolution_with_its_quorum(client, cast):
    agency_item = CatalogueItem.objects.filter(scope="agency", kind="decide", is_active=True).first()
    d = actions.create_decision(
        owner=cast.agency_a, by=cast.clerk_a, item=agency_item, title="Quy chế chi tiêu nội bộ",
        method="staff_conference",
    )  # fmt: skip
    actions.record_tally(d, by=cast.clerk_a, decided_on=dt.date(2024, 2, 7), agree=15, disagree=4, present=19)
    url = reverse("consultations:decision_pdf", args=[d.pk])
    client.force_login(cast.nobody)
    assert client.get(url).status_code == 404
    client.force_login(cast.staff_agency_a)
    text = pdf_of(client.get(url))
    assert "NGHỊ QUYẾT" in text and "(từ 2/3 tổng số, Điều 51 khoản 2 điểm c): 19 người" in text
    assert "Hội nghị thống nhất thông qua" in text
    tally = pdf_of(client.get(reverse("consultations:tally_pdf", args=[d.pk])))
    assert "Mẫu số" not in tally and "tán thành 15/19 người dự" in tally


# --- Meetings ------------------------------------------------------------------------------------------


def test_more_present_than_expected_is_refused_in_vietnamese(make_consultation, cast):
    c = make_consultation(opened_on=dt.date(2024, 2, 5))
    with pytest.raises(ValidationError) as error:
        conference(c, cast, expected=28, present=29)
    assert error.value.message_dict["present"] == [
        "Số người có mặt (29) không được lớn hơn số được triệu tập (28)."
    ]
    with pytest.raises(ValidationError, match="không được sau thời điểm hiện tại"):
        conference(c, cast, held_at=timezone.now() + dt.timedelta(hours=2))
    with pytest.raises(ValidationError, match="cộng số vắng mặt"):
        conference(c, cast, expected=28, present=20, absent=9)
    assert conference(c, cast, expected=30, present=25).absent == 5
    assert conference(c, cast, expected=30, present=25, absent=3).absent == 3


def test_a_meeting_kind_follows_the_owner(make_consultation, cast):
    c = make_consultation(opened_on=dt.date(2024, 2, 5))
    with pytest.raises(ValidationError, match="chỉ dành cho cơ quan"):
        record_meeting(owner=cast.a, by=cast.clerk_a, kind=Meeting.Kind.STAFF_CONFERENCE, consultation=c,
                       title="x", held_at=dt.datetime(2024, 2, 6, tzinfo=HCM), place="x", chair="x",
                       secretary="x", expected=1, present=1)  # fmt: skip


def test_the_meeting_form(client, make_consultation, cast, monkeypatch):
    c = make_consultation(opened_on=dt.date(2024, 2, 5))
    url = reverse("consultations:meeting_create", args=[c.pk])
    client.force_login(cast.inspector_a)
    assert client.get(url).status_code == 403
    client.force_login(cast.clerk_b)
    assert client.get(url).status_code == 404
    client.force_login(cast.clerk_a)
    assert client.get(url).status_code == 200
    data = {
        "kind": "conference", "title": "Hội nghị lấy ý kiến", "held_at": "2024-02-05T14:00",
        "place": "Phòng họp tầng 3", "chair": "Chủ tịch UBND xã", "secretary": "Công chức VP-TK",
        "expected": "28", "present": "30", "absent": "", "opinions": "", "conclusion": "",
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Số người có mặt (30) không được lớn hơn số được triệu tập (28)." in response.content.decode()
    assert not Meeting.objects.exists()
    monkeypatch.setattr(
        "consultations.views.documents.reverse", lambda name, args: f"/staff/{name}/{args[0]}/"
    )
    response = client.post(url, {**data, "present": "28"})
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/consultations:staff_detail/{c.pk}/#meeting-{meeting.pk}"
    assert (meeting.present, meeting.absent, meeting.consultation, meeting.unit) == (28, 0, c, cast.a)
    assert timezone.localtime(meeting.held_at).hour == 14


def test_a_plan_of_march_is_dated_tháng_3_and_one_of_february_tháng_02(make_consultation):
    """Decree 30/2020/NĐ-CP, Phụ lục I: only days below 10 and the months 1 and 2 take a leading zero."""
    march = flat(text_of(outputs.plan_pdf(make_consultation(plan_date=dt.date(2024, 3, 5)))))
    assert "Đồng Kỳ, ngày 05 tháng 3 năm 2024" in march and "tháng 03" not in march
    february = flat(text_of(outputs.plan_pdf(make_consultation(plan_date=dt.date(2024, 2, 5)))))
    assert "Đồng Kỳ, ngày 05 tháng 02 năm 2024" in february


def test_the_plan_and_the_posting_record_share_one_issuer_heading(make_consultation):
    text = flat(text_of(outputs.plan_pdf(make_consultation(plan_date=dt.date(2024, 3, 5)))))
    assert text.startswith(
        "UBND TỈNH BẮC NINH ỦY BAN NHÂN DÂN XÃ ĐỒNG KỲ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM "
        "Độc lập - Tự do - Hạnh phúc Số: 127/KH-UBND Đồng Kỳ, ngày 05 tháng 3 năm 2024"
    )
