"""The plans in the API: a commune's issued plans for anyone, drafts and agencies' plans only for those
allowed; a plan's tasks with their computed due dates and overdue flags."""

import datetime as dt

from reports.plans import actions


def test_plans_of_a_unit_and_one_plan(client, cast, plan):
    draft = actions.cascade(plan, owner=cast.a, by=cast.clerk_a, date=dt.date(2024, 3, 20))
    assert (
        client.get(f"/api/v1/units/{cast.province.code}/plans").json()["results"][0]["reference"]
        == "235/KH-UBND"
    )
    assert client.get(f"/api/v1/units/{cast.a.code}/plans").json()["results"] == []  # a draft: hidden
    assert client.get(f"/api/v1/plans/{draft.pk}").status_code == 404
    client.force_login(cast.clerk_a)
    assert [p["state"] for p in client.get(f"/api/v1/units/{cast.a.code}/plans").json()["results"]] == [
        "draft"
    ]
    detail = client.get(f"/api/v1/plans/{plan.pk}").json()
    task = next(t for t in detail["items"] if t["code"] == "II.1.a")
    assert task["due"] == "2024-06-30" and task["overdue"] is True and "quý II" in task["due_explanation"]
    assert client.get("/api/v1/units/nope/plans").status_code == 404
