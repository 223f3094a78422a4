"""An agency's consultation posted on its commune's public board when its head decides so (as Đông Sơn
did in 2024): anonymous visitors see it only after the decision and only that one, residents comment on
it like on a commune's, the decision and its withdrawal are audited acts, and the commune's public pages
are rendered again."""

import datetime as dt
import uuid

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from consultations import actions
from consultations.models import Comment, CommentChannel, Consultation, ConsultationState
from democracy import publiccache
from democracy.models import Action, AuditEvent
from tests.conftest import make_user
from units.models import Role

from .conftest import HCM

pytestmark = pytest.mark.django_db

DECISION = "Ý kiến chỉ đạo của Chánh Văn phòng ngày 05/02/2024"
CITIZEN_TEXT = "Đề nghị niêm yết dự thảo cả tại nhà văn hóa các thôn."


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def head(cast):
    return make_user("head_agency_a", Role.APPROVER, agency=cast.agency_a)


@pytest.fixture
def running(cast, make_consultation):
    """The agency's consultation, opened yesterday: its period is running."""
    return make_consultation(cast.agency_a, opened_on=timezone.localdate() - dt.timedelta(days=1))


def url(name, *args):
    return reverse(f"consultations:{name}", args=args)


def send_comment(client, consultation, text=CITIZEN_TEXT):
    data = {"section": "Điều 5", "text": text, "form_token": str(uuid.uuid4()), "website": ""}
    return client.post(url("comment", consultation.pk), data)


def trail(consultation):
    return list(AuditEvent.objects.of(consultation).values_list("action", flat=True))


def test_anonymous_visitors_see_it_only_after_the_heads_decision(cast, client, running, head):
    assert client.get(url("detail", running.pk)).status_code == 404
    assert running.title not in client.get(url("board", cast.a.code)).content.decode()
    assert send_comment(client, running).status_code == 404

    assert actions.post_on_board(running, by=head, decision=DECISION)

    page = client.get(url("detail", running.pk)).content.decode()
    assert running.title in page and 'id="gui-gop-y"' in page and DECISION in page
    board = client.get(url("board", cast.a.code)).content.decode()
    assert running.title in board and cast.agency_a.name in board
    # Only on the board of the commune where the agency sits.
    assert running.title not in client.get(url("board", cast.b.code)).content.decode()
    assert Consultation.objects.public().get() == running


def test_the_agencys_other_consultations_stay_internal(cast, client, running, head, make_consultation):
    other = make_consultation(
        cast.agency_a, opened_on=timezone.localdate() - dt.timedelta(days=1), title="Dự thảo Quy chế chi tiêu"
    )
    draft = make_consultation(cast.agency_a, title="Dự thảo Nội quy cơ quan")
    actions.post_on_board(running, by=head, decision=DECISION)
    actions.post_on_board(draft, by=head, decision=DECISION)  # decided before it opens
    assert client.get(url("detail", other.pk)).status_code == 404
    assert client.get(url("detail", draft.pk)).status_code == 404  # not opened yet
    board = client.get(url("board", cast.a.code)).content.decode()
    assert other.title not in board and draft.title not in board
    api = client.get(reverse("api:list_consultations", args=[cast.a.code]))
    assert {row["id"] for row in api.json()["results"]} == {running.pk}
    # The agency's staff still see the other one; the public never does.
    client.force_login(cast.staff_agency_a)
    assert client.get(url("detail", other.pk)).status_code == 200


def test_a_resident_comments_through_the_commune_board(cast, client, running, head):
    actions.post_on_board(running, by=head, decision=DECISION)
    response = send_comment(client, running)
    assert response.status_code == 302
    comment = Comment.objects.get(consultation=running)
    assert comment.channel == CommentChannel.ONLINE and comment.author is None
    assert AuditEvent.objects.of(running).filter(action=Action.COMMENT_RECEIVED).count() == 1
    # The same abuse handling as a commune's: the hidden field stores nothing.
    client.post(
        url("comment", running.pk),
        {"text": "quảng cáo", "form_token": str(uuid.uuid4()), "website": "http://spam.example"},
    )
    assert Comment.objects.filter(consultation=running).count() == 1


def test_the_decision_is_audited_once_and_the_communes_cache_renewed(cast, running, head):
    key = f"unit:{cast.a.code}"
    before = publiccache._versions([key])
    assert actions.post_on_board(running, by=head, decision=f"  {DECISION} ")
    assert publiccache._versions([key]) != before
    assert not actions.post_on_board(running, by=head, decision=DECISION)  # a second click: nothing
    event = AuditEvent.objects.of(running).get(action=Action.POSTED_ON_BOARD)
    assert event.actor == head and event.note == DECISION and event.changes["board"] == cast.a.code
    running.refresh_from_db()
    assert (running.board, running.board_decision, running.board_posted_by) == (cast.a, DECISION, head)
    # A comment afterwards renews the commune's board too (its count of comments).
    before = publiccache._versions([key])
    actions.add_comment(running, text=CITIZEN_TEXT)
    assert publiccache._versions([key]) != before


def test_bad_decisions_are_refused_and_nothing_is_saved(cast, running, head, make_consultation):
    with pytest.raises(ValidationError, match="Hãy ghi văn bản"):
        actions.post_on_board(running, by=head, decision="   ")
    commune = make_consultation(opened_on=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="đã được công khai trên bảng tin"):
        actions.post_on_board(commune, by=cast.approver_a, decision=DECISION)
    ended = make_consultation(cast.agency_a, opened_on=timezone.localdate() - dt.timedelta(days=40))
    actions.close_due_consultations()
    with pytest.raises(ValidationError, match="trước khi bắt đầu hoặc trong thời gian"):
        actions.post_on_board(ended, by=head, decision=DECISION)
    assert not Consultation.objects.filter(board__isnull=False).exists()
    assert not AuditEvent.objects.filter(action=Action.POSTED_ON_BOARD).exists()


def test_only_the_agencys_head_decides_on_its_page(cast, client, running, head):
    page = url("board_posting", running.pk)
    client.force_login(cast.staff_agency_a)
    assert client.get(page).status_code == 403
    client.force_login(cast.nobody)
    assert client.get(page).status_code == 404
    client.force_login(head)
    staff = client.get(url("staff_detail", running.pk)).content.decode()
    assert page in staff
    response = client.post(page, {"decision": ""})
    assert response.status_code == 400 and "Hãy ghi văn bản" in response.content.decode()
    response = client.post(page, {"decision": DECISION}, follow=True)
    assert "Đã quyết định niêm yết công khai trên bảng tin của Xã Đồng Kỳ" in response.content.decode()
    assert Consultation.objects.get(pk=running.pk).is_on_board


def test_withdrawing_is_an_audited_act_and_refused_once_comments_came(cast, client, running, head):
    actions.post_on_board(running, by=head, decision=DECISION)
    with pytest.raises(ValidationError, match="lý do"):
        actions.withdraw_from_board(running, by=head, reason="")
    assert actions.withdraw_from_board(running, by=head, reason="Nhầm cuộc lấy ý kiến")
    assert client.get(url("detail", running.pk)).status_code == 404
    assert trail(running)[-2:] == [Action.POSTED_ON_BOARD, Action.BOARD_POSTING_WITHDRAWN]
    running.refresh_from_db()
    assert running.board == cast.a and running.board_decision == DECISION  # the posting stays on record
    with pytest.raises(ValidationError, match="không niêm yết lại"):
        actions.post_on_board(running, by=head, decision=DECISION)


def test_no_withdrawal_after_a_resident_commented(cast, client, running, head):
    actions.post_on_board(running, by=head, decision=DECISION)
    send_comment(client, running)
    with pytest.raises(ValidationError, match="Đã có ý kiến gửi trực tuyến"):
        actions.withdraw_from_board(running, by=head, reason="Thôi niêm yết")
    assert Consultation.objects.get(pk=running.pk).is_on_board
    assert Action.BOARD_POSTING_WITHDRAWN not in trail(running)


def test_after_the_period_it_stays_public_with_its_comments(cast, client, head, make_consultation):
    opened = timezone.localdate() - dt.timedelta(days=40)
    consultation = make_consultation(cast.agency_a)
    actions.post_on_board(consultation, by=head, decision=DECISION)
    from .conftest import attach_draft

    attach_draft(consultation)
    actions.open_consultation(consultation, by=head, now=dt.datetime.combine(opened, dt.time(8), HCM))
    actions.add_comment(
        consultation, text=CITIZEN_TEXT, received_at=dt.datetime.combine(opened, dt.time(10), HCM)
        + dt.timedelta(days=2),
    )  # fmt: skip
    assert actions.close_due_consultations() == 1
    consultation.refresh_from_db()
    assert consultation.state == ConsultationState.CLOSED
    assert CITIZEN_TEXT in client.get(url("detail", consultation.pk)).content.decode()
    with pytest.raises(ValidationError, match="đã kết thúc"):
        actions.withdraw_from_board(consultation, by=head, reason="Thôi")
