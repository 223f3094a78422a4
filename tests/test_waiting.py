"""The staff home lists what is waiting for the person, from every app, counted only where they hold the
role that does that work (issue 15: "the approver's and clerk's home shows nothing waiting for them")."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from disclosures import actions as disclosure_actions
from tests.disclosures.conftest import make_disclosure  # noqa: F401 (fixture)


def lines(client, user):
    client.force_login(user)
    response = client.get(reverse("units:workspace"))
    assert response.status_code == 200
    return {w.label: (w.count, w.url) for w in response.context["waiting"]}


def test_the_clerk_and_the_approver_each_see_their_own_work(client, cast, make_disclosure):  # noqa: F811
    make_disclosure(cast.a, state="submitted")
    returned = make_disclosure(cast.a, state="submitted", title="Trả lại")
    disclosure_actions.return_submission(returned, by=cast.approver_a, reason="Thiếu văn bản")
    published = make_disclosure(
        cast.a, state="published", published_on=timezone.localdate() - dt.timedelta(days=1)
    )  # before now
    disclosure_actions.add_feedback(published, text="Khi nào làm đường?")
    make_disclosure(cast.b, state="submitted")  # another commune's: nobody here sees it

    clerk = lines(client, cast.clerk_a)
    assert clerk["Bản nháp bị trả lại để sửa"][0] == 1
    assert clerk["Câu hỏi, ý kiến về thông tin đang công khai chưa trả lời"][0] == 1
    assert "Thông tin công khai chờ phê duyệt" not in clerk  # a clerk does not approve

    approver = lines(client, cast.approver_a)
    assert approver["Thông tin công khai chờ phê duyệt"] == (1, "/staff/disclosures/?state=submitted")


def test_a_reviewer_or_a_person_without_roles_has_nothing_waiting(client, cast, make_disclosure):  # noqa: F811
    make_disclosure(cast.a, state="submitted")
    assert lines(client, cast.reviewer_p) == {}  # the province's work is not the reviewer's to-do
    assert lines(client, cast.nobody) == {}
    assert "Không có việc nào đang chờ bạn." in client.get(reverse("units:workspace")).content.decode()


def test_the_home_page_counts_in_a_bounded_number_of_queries(
    client,
    cast,
    make_disclosure,  # noqa: F811
):
    """A count or two per provider (every app's waiting.py), whatever the number of things waiting."""
    client.force_login(cast.approver_a)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("units:workspace")).status_code == 200
        return len(captured)

    for n in range(5):
        make_disclosure(cast.a, state="submitted", title=f"Mục {n}")
    first = queries()
    for n in range(5, 15):
        make_disclosure(cast.a, state="submitted", title=f"Mục {n}")
    assert queries() == first <= 30
