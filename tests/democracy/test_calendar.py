"""The working-day calendar: Vietnam's holidays and swaps, administrator overrides, Civil Code periods."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from democracy.calendar import (
    WorkingCalendar,
    add_working_days,
    day_off_reason,
    is_working_day,
    period_end,
)
from democracy.models import CalendarOverride

# Every computation reads the administrator's overrides (one query).
pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def d(text):
    day, month, year = map(int, text.split("/"))
    return dt.date(year, month, day)


def override(day, kind, reason, legal_reference):
    return CalendarOverride.objects.create(
        date=d(day), kind=kind, reason=reason, legal_reference=legal_reference
    )


# --- working days -------------------------------------------------------------------------------------


def test_five_working_days_after_a_decision_on_the_eve_of_tet_2024_end_on_21_february():
    result = add_working_days(d("07/02/2024"), 5)

    assert result.date == d("21/02/2024")
    assert result.explanation == (
        "Quyết định ngày 07/02/2024 + 5 ngày làm việc, bỏ qua Tết Nguyên Đán 08/02–14/02/2024 "
        "và ngày nghỉ cuối tuần → 21/02/2024"
    )
    assert result.explanation_en == (
        "Decision of 07/02/2024 + 5 working days, skipping Lunar New Year 08/02–14/02/2024 and weekends "
        "→ 21/02/2024"
    )
    assert [day for day, _ in result.skipped] == [
        d("08/02/2024"), d("09/02/2024"), d("10/02/2024"), d("11/02/2024"), d("12/02/2024"),
        d("13/02/2024"), d("14/02/2024"), d("17/02/2024"), d("18/02/2024"),
    ]  # fmt: skip
    assert result.skipped[0].reason == "29 Tết"
    assert result.skipped[-1] == (d("18/02/2024"), "Chủ nhật")
    assert result.ends_at == dt.datetime(2024, 2, 21, 23, 59, 59, 999999, tzinfo=VN)


def test_the_event_name_in_the_explanation_can_be_chosen():
    result = add_working_days(d("07/02/2024"), 5, event="Nghị quyết", event_en="Resolution")

    assert result.explanation.startswith("Nghị quyết ngày 07/02/2024 + 5 ngày làm việc")
    assert result.explanation_en.startswith("Resolution of 07/02/2024 + 5 working days")


def test_it_reads_the_overrides_with_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        add_working_days(d("07/02/2024"), 5)
    with django_assert_num_queries(1):
        add_working_days(d("07/02/2024"), 3650)


def test_a_saturday_swapped_into_a_working_day_is_counted():
    # 2024: Saturday 04/05 was worked in exchange for Monday 29/04 off (Official Dispatch 2450/VPCP-KGVX).
    assert is_working_day(d("04/05/2024"))
    assert is_working_day(d("26/04/2025"))  # 2025: Saturday 26/04 worked, Friday 02/05 off
    assert not is_working_day(d("29/04/2024"))

    result = add_working_days(d("26/04/2024"), 5)

    # 02/05 (1), 03/05 (2), Saturday 04/05 (3), 06/05 (4), 07/05 (5); without the swap: 08/05.
    assert result.date == d("07/05/2024")
    assert d("04/05/2024") not in [day for day, _ in result.skipped]
    assert result.explanation == (
        "Quyết định ngày 26/04/2024 + 5 ngày làm việc, bỏ qua Ngày nghỉ (thay cho ngày 04/05/2024) 29/04/2024"
        ", Ngày Chiến thắng 30/04/2024, Ngày Quốc tế Lao động 01/05/2024 và ngày nghỉ cuối tuần"
        ", tính cả ngày làm việc bù 04/05/2024 → 07/05/2024"
    )


def test_30_april_and_1_may_are_skipped():
    result = add_working_days(d("29/04/2025"), 1)

    # 30/04, 01/05, 02/05 (off in exchange for Saturday 26/04), then the weekend.
    assert result.date == d("05/05/2025")
    assert [(day, reason) for day, reason in result.skipped][:2] == [
        (d("30/04/2025"), "Ngày Chiến thắng"),
        (d("01/05/2025"), "Ngày Quốc tế Lao động"),
    ]
    assert d("02/05/2025") in [day for day, _ in result.skipped]


def test_national_day_is_skipped():
    result = add_working_days(d("30/08/2024"), 1)

    assert result.date == d("04/09/2024")
    assert result.explanation == (
        "Quyết định ngày 30/08/2024 + 1 ngày làm việc, bỏ qua Quốc khánh 02/09–03/09/2024 "
        "và ngày nghỉ cuối tuần → 04/09/2024"
    )


def test_a_weekend_inside_a_holiday_is_described_as_part_of_it():
    # 2023: Friday 01/09 and Saturday 02/09, Sunday 03/09, Monday 04/09 off in lieu of 02/09.
    result = add_working_days(d("31/08/2023"), 3)

    assert result.date == d("07/09/2023")
    assert "bỏ qua Quốc khánh 01/09–04/09/2023 → 07/09/2023" in result.explanation
    assert (d("03/09/2023"), "Chủ nhật") in result.skipped


def test_weekends_are_skipped():
    result = add_working_days(d("01/03/2024"), 1)

    assert result.date == d("04/03/2024")
    assert result.explanation == (
        "Quyết định ngày 01/03/2024 + 1 ngày làm việc, bỏ qua ngày nghỉ cuối tuần → 04/03/2024"
    )
    assert result.skipped == ((d("02/03/2024"), "Thứ Bảy"), (d("03/03/2024"), "Chủ nhật"))


def test_an_ordinary_week_skips_nothing():
    result = add_working_days(d("04/03/2024"), 2)

    assert result.date == d("06/03/2024")
    assert result.explanation == "Quyết định ngày 04/03/2024 + 2 ngày làm việc → 06/03/2024"
    assert result.skipped == ()


def test_new_year_across_the_year_boundary_is_skipped():
    result = add_working_days(d("29/12/2023"), 2)

    assert result.date == d("03/01/2024")
    assert "bỏ qua Tết Dương lịch 01/01/2024 và ngày nghỉ cuối tuần" in result.explanation


def test_zero_working_days_is_the_day_itself_when_it_is_a_working_day():
    assert add_working_days(d("07/02/2024"), 0).date == d("07/02/2024")


def test_zero_working_days_from_a_day_off_is_the_next_working_day():
    result = add_working_days(d("10/02/2024"), 0)

    assert result.date == d("15/02/2024")
    assert result.skipped[0] == (d("10/02/2024"), "Tết Nguyên Đán")


@pytest.mark.parametrize(
    ("n", "message"),
    [
        (-1, "Số ngày làm việc phải từ 0 đến 3650 (nhận được -1)."),
        (3651, "Số ngày làm việc phải từ 0 đến 3650 (nhận được 3651)."),
        (2.5, "Số ngày làm việc phải là một số nguyên."),
        (True, "Số ngày làm việc phải là một số nguyên."),
    ],
)
def test_it_rejects_a_negative_or_absurd_number_of_working_days(n, message):
    with pytest.raises(ValueError) as error:
        add_working_days(d("07/02/2024"), n)
    assert str(error.value) == message


def test_it_rejects_a_date_outside_the_supported_years():
    with pytest.raises(ValueError, match="nằm ngoài phạm vi của lịch ngày làm việc"):
        add_working_days(dt.date(2150, 1, 1), 1)
    with pytest.raises(ValueError, match="vượt quá phạm vi của lịch ngày làm việc"):
        add_working_days(dt.date(2099, 12, 30), 5)


def test_it_refuses_a_datetime_for_a_date():
    with pytest.raises(TypeError):
        add_working_days(dt.datetime(2024, 2, 7, 10, 0, tzinfo=VN), 5)


# --- administrator overrides --------------------------------------------------------------------------


def test_an_extra_day_off_pushes_the_deadline_a_day_later_and_is_listed_with_its_legal_reference():
    override(
        "05/03/2024", CalendarOverride.Kind.DAY_OFF, "Nghỉ bù ngày bầu cử bổ sung",
        "Quyết định số 12/QĐ-UBND ngày 01/03/2024",
    )  # fmt: skip

    result = add_working_days(d("04/03/2024"), 2)

    assert result.date == d("07/03/2024")
    assert result.skipped == (
        (d("05/03/2024"), "Nghỉ bù ngày bầu cử bổ sung (Quyết định số 12/QĐ-UBND ngày 01/03/2024)"),
    )
    assert result.explanation == (
        "Quyết định ngày 04/03/2024 + 2 ngày làm việc, bỏ qua Nghỉ bù ngày bầu cử bổ sung "
        "(Quyết định số 12/QĐ-UBND ngày 01/03/2024) 05/03/2024 → 07/03/2024"
    )


def test_an_extra_working_day_on_a_sunday_counts():
    override(
        "10/03/2024", CalendarOverride.Kind.WORKING_DAY, "Làm việc bù cho ngày nghỉ 05/03/2024",
        "Quyết định số 12/QĐ-UBND ngày 01/03/2024",
    )  # fmt: skip

    result = add_working_days(d("08/03/2024"), 1)

    assert result.date == d("10/03/2024")
    assert result.skipped == ((d("09/03/2024"), "Thứ Bảy"),)
    assert result.explanation.endswith(", tính cả ngày làm việc bù 10/03/2024 → 10/03/2024")


def test_an_override_takes_precedence_over_the_national_calendar():
    override("29/04/2024", CalendarOverride.Kind.WORKING_DAY, "Trực tiếp dân", "Thông báo số 1/TB-UBND")
    override("04/05/2024", CalendarOverride.Kind.DAY_OFF, "Không làm việc bù", "Thông báo số 1/TB-UBND")

    calendar = WorkingCalendar(d("01/04/2024"), d("31/05/2024"))

    assert calendar.is_working_day(d("29/04/2024"))
    assert not calendar.is_working_day(d("04/05/2024"))
    assert calendar.day_off_reason(d("04/05/2024")) == "Không làm việc bù (Thông báo số 1/TB-UBND)"


def test_it_gives_the_reason_for_each_kind_of_day_off_in_vietnamese():
    assert day_off_reason(d("02/03/2024")) == "Thứ Bảy"
    assert day_off_reason(d("03/03/2024")) == "Chủ nhật"
    assert day_off_reason(d("10/02/2024")) == "Tết Nguyên Đán"
    assert day_off_reason(d("18/04/2024")) == "Ngày Giỗ Tổ Hùng Vương"
    assert day_off_reason(d("02/09/2024")) == "Quốc khánh"
    assert day_off_reason(d("04/03/2024")) is None


# --- periods (Civil Code 2015, Art. 147–148) ----------------------------------------------------------


def test_a_20_day_posting_from_monday_5_february_2024_ends_at_the_end_of_monday_26_february():
    result = period_end(d("05/02/2024"), 20, label="Niêm yết", label_en="Posting")

    assert result.date == d("26/02/2024")
    assert result.calendar_end == d("25/02/2024")
    assert result.extended
    assert result.ends_at == dt.datetime(2024, 2, 26, 23, 59, 59, 999999, tzinfo=VN)
    assert result.explanation == (
        "Niêm yết 20 ngày kể từ ngày 05/02/2024: từ 06/02/2024 đến hết 25/02/2024; "
        "25/02/2024 là Chủ nhật nên kết thúc vào cuối ngày làm việc tiếp theo 26/02/2024"
    )
    assert result.explanation_en == (
        "Posting of 20 days from 05/02/2024: 06/02/2024 to the end of 25/02/2024; "
        "25/02/2024 is a Sunday, so it ends at the end of the next working day, 26/02/2024"
    )
    assert result.skipped == ((d("25/02/2024"), "Chủ nhật"),)


def test_without_the_extension_the_period_ends_on_its_last_calendar_day():
    result = period_end(d("05/02/2024"), 20, extend_to_working_day=False)

    assert result.date == d("25/02/2024")
    assert not result.extended
    assert result.ends_at == dt.datetime(2024, 2, 25, 23, 59, 59, 999999, tzinfo=VN)
    assert result.skipped == ()
    assert result.explanation == (
        "Thời hạn 20 ngày kể từ ngày 05/02/2024: từ 06/02/2024 đến hết 25/02/2024; 25/02/2024 là Chủ nhật "
        "nhưng thời hạn vẫn kết thúc vào cuối ngày này (không lùi sang ngày làm việc tiếp theo)"
    )


def test_a_period_ending_on_a_working_day_is_not_moved():
    result = period_end(d("05/03/2024"), 30)

    assert result.date == d("04/04/2024")
    assert not result.extended
    assert result.explanation == "Thời hạn 30 ngày kể từ ngày 05/03/2024: từ 06/03/2024 đến hết 04/04/2024"


def test_a_period_ending_during_tet_is_moved_past_the_whole_holiday():
    result = period_end(d("11/01/2024"), 30)

    assert result.calendar_end == d("10/02/2024")
    assert result.date == d("15/02/2024")
    assert len(result.skipped) == 5
    assert "10/02/2024 là ngày nghỉ (Tết Nguyên Đán) nên kết thúc vào cuối ngày làm việc tiếp theo" in (
        result.explanation
    )


def test_a_period_ending_on_a_swapped_saturday_is_not_moved():
    result = period_end(d("14/04/2024"), 20)

    assert result.date == d("04/05/2024")
    assert not result.extended


def test_a_period_ending_on_an_extra_day_off_is_moved():
    override("04/04/2024", CalendarOverride.Kind.DAY_OFF, "Nghỉ do bão", "Công điện số 5/CĐ-UBND")

    result = period_end(d("05/03/2024"), 30)

    assert result.date == d("05/04/2024")
    assert "04/04/2024 là ngày nghỉ (Nghỉ do bão (Công điện số 5/CĐ-UBND))" in result.explanation


@pytest.mark.parametrize("days", [0, -5, 3651])
def test_it_rejects_a_period_of_no_days_or_absurdly_many(days):
    with pytest.raises(ValueError, match="Số ngày của thời hạn phải từ 1 đến 3650"):
        period_end(d("05/02/2024"), days)


# --- the API ------------------------------------------------------------------------------------------


def test_the_api_adds_working_days(client):
    response = client.get("/api/v1/calendar/working-days", {"from": "2024-02-07", "add": "5"})

    assert response.status_code == 200
    body = response.json()
    assert body["date"] == "2024-02-21"
    assert body["explanation"] == (
        "Quyết định ngày 07/02/2024 + 5 ngày làm việc, bỏ qua Tết Nguyên Đán 08/02–14/02/2024 "
        "và ngày nghỉ cuối tuần → 21/02/2024"
    )
    assert body["explanation_en"].startswith("Decision of 07/02/2024 + 5 working days")
    assert body["skipped"][0] == {"date": "2024-02-08", "reason": "29 Tết"}
    assert len(body["skipped"]) == 9
    assert body["ends_at"] == "2024-02-21T23:59:59.999999+07:00"


def test_the_api_computes_the_end_of_a_period(client):
    response = client.get("/api/v1/calendar/period-end", {"from": "2024-02-05", "days": "20"})

    assert response.status_code == 200
    body = response.json()
    assert body["date"] == "2024-02-26"
    assert body["last_day"] == "2024-02-25"
    assert body["extended"] is True
    assert body["ends_at"] == "2024-02-26T23:59:59.999999+07:00"
    assert "25/02/2024 là Chủ nhật" in body["explanation"]
    assert body["skipped"] == [{"date": "2024-02-25", "reason": "Chủ nhật"}]


def test_the_api_can_end_a_period_on_its_calendar_day(client):
    response = client.get(
        "/api/v1/calendar/period-end", {"from": "2024-02-05", "days": "20", "extend": "false"}
    )

    assert response.status_code == 200
    assert response.json()["date"] == "2024-02-25"
    assert response.json()["ends_at"] == "2024-02-25T23:59:59.999999+07:00"


@pytest.mark.parametrize(
    ("params", "parameter", "message"),
    [
        ({"add": "5"}, "from", "bắt buộc phải có"),
        ({"from": "2024-02-30", "add": "5"}, "from", "Ngày “2024-02-30” không tồn tại."),
        ({"from": "07/02/2024", "add": "5"}, "from", "không phải là ngày theo định dạng YYYY-MM-DD"),
        ({"from": "2024-02-07"}, "add", "bắt buộc phải có"),
        ({"from": "2024-02-07", "add": "năm"}, "add", "phải là số nguyên"),
        ({"from": "2024-02-07", "add": "2.5"}, "add", "phải là số nguyên"),
        ({"from": "2024-02-07", "add": "-1"}, "add", "Số ngày làm việc phải từ 0 đến 3650 (nhận được -1)."),
        (
            {"from": "2024-02-07", "add": "3651"},
            "add",
            "Số ngày làm việc phải từ 0 đến 3650 (nhận được 3651).",
        ),
    ],
)
def test_the_api_answers_bad_working_day_parameters_with_400(client, params, parameter, message):
    response = client.get("/api/v1/calendar/working-days", params)

    assert response.status_code == 400
    body = response.json()
    assert body["detail"].startswith(f"Tham số không hợp lệ: {parameter}.")
    assert [e["parameter"] for e in body["errors"]] == [parameter]
    assert message in body["errors"][0]["message"]


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"days": "20"}, "from"),
        ({"from": "2024-13-01", "days": "20"}, "from"),
        ({"from": "2024-02-05", "days": "0"}, "days"),
        ({"from": "2024-02-05", "days": "hai mươi"}, "days"),
        ({"from": "2024-02-05", "days": "20", "extend": "có lẽ"}, "extend"),
    ],
)
def test_the_api_answers_bad_period_parameters_with_400(client, params, parameter):
    response = client.get("/api/v1/calendar/period-end", params)

    assert response.status_code == 400
    assert response.json()["detail"].startswith(f"Tham số không hợp lệ: {parameter}.")


def test_the_api_answers_a_result_beyond_the_supported_years_with_400(client):
    response = client.get("/api/v1/calendar/working-days", {"from": "2099-12-30", "add": "5"})

    assert response.status_code == 400
    assert "vượt quá phạm vi của lịch ngày làm việc" in response.json()["detail"]
