import datetime as dt

from consultations import actions

from .conftest import item


def test_the_staff_list_shows_only_the_users_own_units(
    client, cast, make_consultation, django_assert_max_num_queries
):
    make_consultation(title="Dự thảo của xã Đồng Kỳ")
    make_consultation(cast.b, by=cast.clerk_b, title="Dự thảo của xã Yên Thế")
    actions.make_recommendation(owner=cast.a, by=cast.inspector_a, subject="Kiến nghị ở Đồng Kỳ", text="…",
                                addressed_to="UBND xã", made_on=dt.date(2024, 3, 1))  # fmt: skip
    actions.create_decision(
        owner=cast.village_a, by=cast.clerk_a, item=item(15, 1), title="Làm đường", method="meeting"
    )
    client.force_login(cast.clerk_a)
    with django_assert_max_num_queries(10):
        page = client.get("/staff/consultations/").content.decode()
    assert "Dự thảo của xã Đồng Kỳ" in page and "Kiến nghị ở Đồng Kỳ" in page and "Làm đường" in page
    assert "Dự thảo của xã Yên Thế" not in page
    client.force_login(cast.reviewer_q)
    page = client.get("/staff/consultations/").content.decode()
    assert "Đồng Kỳ" not in page


def test_anonymous_visitors_are_sent_to_log_in(client, cast):
    assert client.get("/staff/consultations/").status_code == 302
