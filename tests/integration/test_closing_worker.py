"""The closing job through a real worker on Redis: it catches up after downtime, closes each posting
once even when two runs overlap, and the closing records are rendered by their own task."""

import datetime as dt

import pytest
from django.utils import timezone

from democracy import celery_app
from disclosures.models import Record, State

from .conftest import wait_until

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_two_overlapping_runs_close_each_missed_posting_once_and_render_its_record(
    redis_worker, make_disclosure
):
    # Three postings whose windows ended while "the worker was down", and one still open.
    missed = [make_disclosure(state="published", published_on=dt.date(2024, 2, 8)) for _ in range(3)]
    today = timezone.localdate()
    open_one = make_disclosure(state="published", published_on=today, decision_date=today)

    task = celery_app.tasks["disclosures.close_due_postings"]
    task.delay()
    task.delay()

    def all_rendered():
        records = Record.objects.filter(kind="closing")
        return records.count() == 3 and all(r.rendered_at for r in records)

    wait_until(all_rendered, "three closing records rendered")
    for disclosure in missed:
        disclosure.refresh_from_db()
        assert disclosure.state == State.CLOSED
        assert disclosure.window_end == dt.date(2024, 3, 11)  # the legal end is kept...
        assert disclosure.closed_at > disclosure.window_ends_at  # ...apart from when the job ran
        assert disclosure.records.filter(kind="closing").count() == 1
    open_one.refresh_from_db()
    assert open_one.state == State.PUBLISHED
