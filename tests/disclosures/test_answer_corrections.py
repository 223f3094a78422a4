"""A published answer to a citizen's question is never rewritten in place (issue 18 item 4): a correction
needs a reason, keeps the earlier answer (audited, and shown on the public page), and a hide is one act."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from democracy.models import Action, AuditEvent
from disclosures import actions


@pytest.fixture
def answered(make_disclosure, cast):
    day = timezone.localdate() - dt.timedelta(days=2)
    posting = make_disclosure(state="published", published_on=day, decision_date=day - dt.timedelta(days=1))
    feedback = actions.add_feedback(posting, text="Khoản chi sửa đường là bao nhiêu?")
    actions.answer_feedback(feedback, by=cast.clerk_a, text="350 triệu đồng.")
    feedback.refresh_from_db()
    return feedback


def test_a_published_answer_is_not_rewritten_without_a_reason(cast, answered):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        actions.answer_feedback(answered, by=cast.clerk_a, text="850 triệu đồng.")
    assert "reason" in refused.value.error_dict
    answered.refresh_from_db()
    assert answered.answer == "350 triệu đồng." and AuditEvent.objects.count() == before


def test_a_correction_keeps_the_earlier_answer_audited_and_visible(client, cast, answered):
    posting = answered.disclosure
    client.force_login(cast.clerk_a)
    url = reverse("disclosures:feedback_answer", args=[posting.pk, answered.pk])
    refused = client.post(url, {"answer": "850 triệu đồng."})
    assert refused.status_code == 200 and "phải nêu lý do" in refused.content.decode()
    first_answered_at = answered.answered_at
    done = client.post(url, {"answer": "850 triệu đồng.", "reason": "Nhầm số liệu của năm trước"})
    assert done.status_code == 302
    answered.refresh_from_db()
    assert answered.answer == "850 triệu đồng."
    revision = answered.revisions.get()
    assert (revision.text, revision.given_at, revision.reason, revision.revised_by) == (
        "350 triệu đồng.", first_answered_at, "Nhầm số liệu của năm trước", cast.clerk_a,
    )  # fmt: skip
    row = AuditEvent.objects.of(posting).last()
    assert (row.action, row.note, row.changes["previous_answer"]) == (
        Action.FEEDBACK_ANSWER_CORRECTED, "Nhầm số liệu của năm trước", "350 triệu đồng.",
    )  # fmt: skip
    client.logout()
    public = client.get(reverse("disclosures:detail", args=[posting.pk])).content.decode()
    assert "850 triệu đồng." in public and "350 triệu đồng." in public
    assert "lý do: Nhầm số liệu của năm trước" in public


def test_a_hide_is_never_rewritten(cast, answered):
    actions.hide_feedback(answered, by=cast.clerk_a, reason="Trùng câu hỏi")
    with pytest.raises(ValidationError, match="đã được ẩn"):
        actions.hide_feedback(answered, by=cast.approver_a, reason="Lý do khác")
    answered.refresh_from_db()
    assert (answered.hidden_reason, answered.hidden_by) == ("Trùng câu hỏi", cast.clerk_a)
