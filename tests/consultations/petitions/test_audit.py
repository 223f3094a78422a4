"""Every write function of the petitions app leaves one audit row per act, and none when it fails; the
citizen's name and contact never reach the trail."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from consultations.petitions import actions
from consultations.petitions.models import Channel
from democracy.models import Action, AuditEvent

pytestmark = pytest.mark.django_db


def rows(obj):
    return list(AuditEvent.objects.of(obj).values_list("action", flat=True))


def test_each_act_leaves_one_row(cast):
    opening = actions.record_box_opening(
        cast.a, opened_on=timezone.localdate(), witnesses="Bà Lê Thị Hoa (MTTQ)", found=2, by=cast.clerk_a
    )
    assert rows(opening) == [Action.BOX_OPENED]
    p = actions.send_petition(
        cast.a, text="Rác thải ở bờ kênh.", name="Trần Bình", contact="0988000111", channel=Channel.BOX,
        box_opening=opening, by=cast.clerk_a,
    )  # fmt: skip
    actions.route_petition(p, by=cast.clerk_a, topic="environment", kind="report", assigned_to="Địa chính")
    actions.answer_petition(p, by=cast.clerk_a, text="Đã thu gom.")
    actions.publish_petition(p, by=cast.clerk_a, public_text="Rác thải ở bờ kênh.")
    actions.rate_petition(p, satisfied=True)
    assert rows(p) == [
        Action.PETITION_RECEIVED, Action.PETITION_ROUTED, Action.PETITION_ANSWERED,
        Action.PETITION_PUBLISHED, Action.PETITION_RATED,
    ]  # fmt: skip
    trail = str(list(AuditEvent.objects.of(p).values_list("changes", "note")))
    assert "Trần Bình" not in trail and "0988000111" not in trail
    rated = AuditEvent.objects.of(p).last()
    assert rated.actor is None and rated.actor_label == "Người dân"

    q = actions.send_petition(cast.a, text="Tố cáo cán bộ thu tiền sai.", kind="denunciation")
    actions.forward_petition(q, by=cast.clerk_a, to="Thanh tra tỉnh", note="Chuyển theo Luật Tố cáo.")
    r = actions.send_petition(cast.a, text="Quảng cáo vay tiền.")
    actions.hide_petition(r, by=cast.clerk_a, reason="Thư rác quảng cáo")
    s = actions.send_petition(cast.a, text="Cấp hộ chiếu.")
    actions.answer_petition(s, by=cast.clerk_a, text="Thuộc Công an tỉnh.", outside_scope=True)
    assert rows(q) == [Action.PETITION_RECEIVED, Action.PETITION_FORWARDED]
    assert rows(r) == [Action.PETITION_RECEIVED, Action.PETITION_HIDDEN]
    assert rows(s) == [Action.PETITION_RECEIVED, Action.PETITION_DECLINED]


def test_a_refused_act_leaves_no_row(cast):
    p = actions.send_petition(cast.a, text="Đường ngập nước.")
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        actions.answer_petition(p, by=cast.clerk_a, text="  ")
    with pytest.raises(ValidationError):
        actions.hide_petition(p, by=cast.clerk_a, reason="")
    with pytest.raises(ValidationError):
        actions.publish_petition(p, by=cast.clerk_a, public_text="x")  # not answered yet
    with pytest.raises(ValidationError):
        actions.rate_petition(p, satisfied=True)
    with pytest.raises(ValidationError):
        actions.forward_petition(p, by=cast.clerk_a, to="", note="x")
    with pytest.raises(ValidationError):
        actions.route_petition(p, by=cast.clerk_a, topic="nope", kind="petition")
    with pytest.raises(ValidationError):
        actions.send_petition(cast.a, text="")
    with pytest.raises(ValidationError):
        actions.record_box_opening(
            cast.a,
            opened_on=timezone.localdate() + dt.timedelta(days=1),
            witnesses="A",
            found=0,
            by=cast.clerk_a,
        )
    assert AuditEvent.objects.count() == before


def test_a_closed_petition_is_never_changed_again(cast):
    p = actions.send_petition(cast.a, text="Đường ngập nước.")
    actions.answer_petition(p, by=cast.clerk_a, text="Đã khơi thông cống.")
    with pytest.raises(ValidationError, match="không thay đổi được nữa"):
        actions.answer_petition(p, by=cast.approver_a, text="Trả lời khác")
    with pytest.raises(ValidationError, match="không thay đổi được nữa"):
        actions.hide_petition(p, by=cast.approver_a, reason="Sai")
    p.refresh_from_db()
    assert p.answer == "Đã khơi thông cống."


def test_the_same_form_sent_twice_is_one_petition(cast):
    import uuid

    token = uuid.uuid4()
    first = actions.send_petition(cast.a, text="Một lần.", form_token=token)
    again = actions.send_petition(cast.a, text="Một lần.", form_token=token)
    assert first.pk == again.pk
    assert rows(first) == [Action.PETITION_RECEIVED]
