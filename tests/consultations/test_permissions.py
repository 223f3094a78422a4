"""Permission matrices for consultations, decisions and recommendations: each role of the shared cast
× each state of the object × reading and each write. Written from the behaviour before the refactor of
issue 9 (the demo users' outcomes must not change): outsiders get 404, read-only roles 403 on writes,
anonymous visitors the login page on staff URLs; the public pages follow the object's state.

A write is posted empty: the permission decides whether the form is even looked at (OK: the page or its
errors; 403/404: refused). Every request runs in a savepoint rolled back afterwards, so one write cannot
change the state the next request sees.
"""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from consultations import actions
from consultations.models import Consultation, ConsultationState, DecisionState

from .conftest import item

OK, LOGIN, F, N, BAD = "ok", "login", 403, 404, 400
WHO = [
    "clerk_a", "approver_a", "clerk_b", "inspector_a", "staff_agency_a", "reviewer_p", "reviewer_q", "admin",
    "nobody", "anonymous",
]  # fmt: skip


def outcome(response):
    if response.status_code in (200, 302):
        if response.status_code == 302 and response.url.startswith(reverse("login")):
            return LOGIN
        return OK
    return response.status_code


def request(client, method, url, data=None):
    cache.clear()  # the public forms' rate limits count per client in the cache
    with transaction.atomic():
        response = client.get(url) if method == "GET" else client.post(url, data or {})
        transaction.set_rollback(True)
    return response


def observe(client, cast, who, objects, urls):
    if who != "anonymous":
        client.force_login(getattr(cast, who))
    seen = {}
    for label, obj in objects.items():
        seen[label] = tuple(outcome(request(client, *url(obj))) for url in urls.values())
    if who != "anonymous":
        client.logout()
    return seen


def check(client, cast, who, objects, urls, expected):
    seen = observe(client, cast, who, objects, urls)
    failures = [
        f"{who} on {label}: {name} got {got}, expected {want}"
        for label in objects
        for name, got, want in zip(urls, seen[label], expected[label], strict=True)
        if got != want
    ]
    assert not failures, "\n".join(failures)


# --- Consultations ---------------------------------------------------------------------------------


def _consultation_urls():
    def get(name):
        return lambda c: ("GET", reverse(f"consultations:{name}", args=[c.pk]))

    def post(name, **data):
        return lambda c: ("POST", reverse(f"consultations:{name}", args=[c.pk]), data)

    def on_comment(name):
        return lambda c: ("POST", reverse(f"consultations:{name}", args=[c.pk, c.first_comment]), {})

    return {
        "detail": get("detail"),
        "staff_detail": get("staff_detail"),
        "comments_xlsx": get("comments_xlsx"),
        "comment": post("comment"),
        "open": post("open"),
        "upload": post("upload"),
        "comment_record": post("comment_record"),
        "respond": on_comment("comment_respond"),
        "hide": on_comment("comment_hide"),
        "publish_results": post("publish_results"),
        "meeting_create": get("meeting_create"),
    }


CONSULTATION_URLS = _consultation_urls()


@pytest.fixture
def consultations(cast, make_consultation):
    """A consultation of commune A in each state, and an open one of agency A; each with one comment
    once opened (`first_comment`)."""
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    objects = {}
    for label, owner, state in [
        ("draft", cast.a, ConsultationState.DRAFT),
        ("open", cast.a, ConsultationState.OPEN),
        ("closed", cast.a, ConsultationState.CLOSED),
        ("results published", cast.a, ConsultationState.RESULTS_PUBLISHED),
        ("agency open", cast.agency_a, ConsultationState.OPEN),
    ]:
        c = make_consultation(owner, opened_on=None if state == ConsultationState.DRAFT else yesterday)
        c.first_comment = 0
        if state != ConsultationState.DRAFT:
            c.first_comment = actions.add_comment(c, text="Ý kiến").pk
            Consultation.objects.filter(pk=c.pk).update(state=state)
        objects[label] = c
    return objects


# fmt: off
# Columns: detail staff_detail comments_xlsx comment open upload comment_record respond hide publish_results
# meeting_create
CONSULTATION_MATRIX = {
    "clerk_a": {
        "draft": (OK, OK, OK, 403, OK, 400, 400, 404, 404, 400, OK),
        "open": (OK, OK, OK, 400, OK, 400, 400, 400, 400, 400, OK),
        "closed": (OK, OK, OK, 400, OK, 400, 400, 400, 400, 400, OK),
        "results published": (OK, OK, OK, 400, OK, 400, 400, 400, 400, 400, OK),
        "agency open": (404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    },
    "approver_a": {
        "draft": (OK, OK, OK, 403, OK, 400, 400, 404, 404, 400, OK),
        "open": (OK, OK, OK, 400, OK, 400, 400, 400, 400, 400, OK),
        "closed": (OK, OK, OK, 400, OK, 400, 400, 400, 400, 400, OK),
        "results published": (OK, OK, OK, 400, OK, 400, 400, 400, 400, 400, OK),
        "agency open": (404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    },
    "clerk_b": {
        "draft": (404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
        "open": (OK, 404, 404, 400, 404, 404, 404, 404, 404, 404, 404),
        "closed": (OK, 404, 404, 400, 404, 404, 404, 404, 404, 404, 404),
        "results published": (OK, 404, 404, 400, 404, 404, 404, 404, 404, 404, 404),
        "agency open": (404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    },
    "inspector_a": {
        "draft": (OK, OK, OK, 403, 403, 403, 403, 403, 403, 403, 403),
        "open": (OK, OK, OK, 400, 403, 403, 403, 403, 403, 403, 403),
        "closed": (OK, OK, OK, 400, 403, 403, 403, 403, 403, 403, 403),
        "results published": (OK, OK, OK, 400, 403, 403, 403, 403, 403, 403, 403),
        "agency open": (404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    },
    "staff_agency_a": {
        "draft": (404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
        "open": (OK, 404, 404, 400, 404, 404, 404, 404, 404, 404, 404),
        "closed": (OK, 404, 404, 400, 404, 404, 404, 404, 404, 404, 404),
        "results published": (OK, 404, 404, 400, 404, 404, 404, 404, 404, 404, 404),
        "agency open": (OK, OK, OK, 400, 403, 403, 403, 403, 403, 403, 403),
    },
    "reviewer_p": {
        "draft": (OK, OK, OK, 403, 403, 403, 403, 403, 403, 403, 403),
        "open": (OK, OK, OK, 400, 403, 403, 403, 403, 403, 403, 403),
        "closed": (OK, OK, OK, 400, 403, 403, 403, 403, 403, 403, 403),
        "results published": (OK, OK, OK, 400, 403, 403, 403, 403, 403, 403, 403),
        "agency open": (OK, OK, OK, 403, 403, 403, 403, 403, 403, 403, 403),
    },
    "reviewer_q": {
        "draft": (404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
        "open": (OK, 404, 404, 400, 404, 404, 404, 404, 404, 404, 404),
        "closed": (OK, 404, 404, 400, 404, 404, 404, 404, 404, 404, 404),
        "results published": (OK, 404, 404, 400, 404, 404, 404, 404, 404, 404, 404),
        "agency open": (404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    },
    "admin": {
        "draft": (OK, OK, OK, 403, OK, 400, 400, 404, 404, 400, OK),
        "open": (OK, OK, OK, 400, OK, 400, 400, 400, 400, 400, OK),
        "closed": (OK, OK, OK, 400, OK, 400, 400, 400, 400, 400, OK),
        "results published": (OK, OK, OK, 400, OK, 400, 400, 400, 400, 400, OK),
        "agency open": (OK, OK, OK, 403, OK, 400, 400, 400, 400, 400, OK),
    },
    "nobody": {
        "draft": (404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
        "open": (OK, 404, 404, 400, 404, 404, 404, 404, 404, 404, 404),
        "closed": (OK, 404, 404, 400, 404, 404, 404, 404, 404, 404, 404),
        "results published": (OK, 404, 404, 400, 404, 404, 404, 404, 404, 404, 404),
        "agency open": (404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
    },
    "anonymous": {
        "draft": (404, LOGIN, LOGIN, 404, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
        "open": (OK, LOGIN, LOGIN, 400, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
        "closed": (OK, LOGIN, LOGIN, 400, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
        "results published": (OK, LOGIN, LOGIN, 400, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
        "agency open": (404, LOGIN, LOGIN, 404, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    },
}
# fmt: on


@pytest.mark.parametrize("who", WHO)
def test_the_consultation_matrix(client, cast, consultations, who):
    check(client, cast, who, consultations, CONSULTATION_URLS, CONSULTATION_MATRIX[who])


# --- Decisions ------------------------------------------------------------------------------------


def _decision_urls():
    def get(name):
        return lambda d: ("GET", reverse(f"consultations:{name}", args=[d.pk]))

    def transition(step):
        return lambda d: ("POST", reverse(f"consultations:decision_{step}", args=[d.pk]), {})

    return {
        "decision_detail": get("decision_detail"),
        "decision_public": get("decision_public"),
        "vote": get("vote"),
        "vote_receipt": get("vote_receipt"),
        "vote_open": get("vote_open"),
        "meeting_create": get("decision_meeting_create"),
        "tally": transition("tally"),
        "send": transition("send"),
        "recognise": transition("recognise"),
    }


DECISION_URLS = _decision_urls()


@pytest.fixture
def decisions(cast):
    """A decision of village A in each state (voting: an online vote), and a tallied one of agency A."""
    today = timezone.localdate()

    def new(owner=None, *, clause=3, method="meeting", state=DecisionState.DRAFT):
        decision = actions.create_decision(
            owner=owner or cast.village_a, by=cast.clerk_a, item=item(15, clause) if owner is None
            else item(49, 1, "agency"), title="Đường thôn", method=method,
        )  # fmt: skip
        if state == DecisionState.DRAFT:
            return decision
        if state == DecisionState.VOTING:
            now = timezone.now()
            actions.open_online_vote(
                decision, by=cast.clerk_a, households=[f"Hộ {n}" for n in range(120)], consent=61,
                opens_at=now - dt.timedelta(hours=1), closes_at=now + dt.timedelta(hours=1),
            )  # fmt: skip
            return decision
        actions.record_tally(  # passed: only a passed decision is recognised
            decision,
            by=cast.clerk_a,
            decided_on=today,
            agree=decision.electorate,
            present=decision.electorate,
        )
        if state != DecisionState.TALLIED:
            actions.mark_sent(decision, by=cast.clerk_a, sent_on=today)
        if state in (DecisionState.RECOGNISED, DecisionState.REFUSED):
            reason = "Trái pháp luật" if state == DecisionState.REFUSED else ""
            actions.recognise(decision, by=cast.approver_a, on=today, refuse_reason=reason)
        return decision

    return {
        "draft": new(),
        "voting": new(clause=6, method="online", state=DecisionState.VOTING),
        "tallied": new(state=DecisionState.TALLIED),
        "sent": new(state=DecisionState.SENT),
        "recognised": new(state=DecisionState.RECOGNISED),
        "refused": new(state=DecisionState.REFUSED),
        "agency tallied": new(cast.agency_a, method="staff_conference", state=DecisionState.TALLIED),
    }


# fmt: off
# Columns: decision_detail decision_public vote vote_receipt vote_open meeting_create tally send recognise
DECISION_MATRIX = {
    "clerk_a": {
        "draft": (OK, OK, 404, 404, 404, OK, OK, OK, 403),
        "voting": (OK, OK, OK, OK, OK, OK, OK, OK, 403),
        "tallied": (OK, OK, 404, 404, 404, OK, OK, OK, 403),
        "sent": (OK, OK, 404, 404, 404, OK, OK, OK, 403),
        "recognised": (OK, OK, 404, 404, 404, OK, OK, OK, 403),
        "refused": (OK, OK, 404, 404, 404, OK, OK, OK, 403),
        "agency tallied": (404, 404, 404, 404, 404, 404, 404, 404, 404),
    },
    "approver_a": {
        "draft": (OK, OK, 404, 404, 404, OK, OK, OK, OK),
        "voting": (OK, OK, OK, OK, OK, OK, OK, OK, OK),
        "tallied": (OK, OK, 404, 404, 404, OK, OK, OK, OK),
        "sent": (OK, OK, 404, 404, 404, OK, OK, OK, OK),
        "recognised": (OK, OK, 404, 404, 404, OK, OK, OK, OK),
        "refused": (OK, OK, 404, 404, 404, OK, OK, OK, OK),
        "agency tallied": (404, 404, 404, 404, 404, 404, 404, 404, 404),
    },
    "clerk_b": {
        "draft": (404, 404, 404, 404, 404, 404, 404, 404, 404),
        "voting": (404, 404, OK, OK, 404, 404, 404, 404, 404),
        "tallied": (404, OK, 404, 404, 404, 404, 404, 404, 404),
        "sent": (404, OK, 404, 404, 404, 404, 404, 404, 404),
        "recognised": (404, OK, 404, 404, 404, 404, 404, 404, 404),
        "refused": (404, OK, 404, 404, 404, 404, 404, 404, 404),
        "agency tallied": (404, 404, 404, 404, 404, 404, 404, 404, 404),
    },
    "inspector_a": {
        "draft": (OK, OK, 404, 404, 403, 403, 403, 403, 403),
        "voting": (OK, OK, OK, OK, 403, 403, 403, 403, 403),
        "tallied": (OK, OK, 404, 404, 403, 403, 403, 403, 403),
        "sent": (OK, OK, 404, 404, 403, 403, 403, 403, 403),
        "recognised": (OK, OK, 404, 404, 403, 403, 403, 403, 403),
        "refused": (OK, OK, 404, 404, 403, 403, 403, 403, 403),
        "agency tallied": (404, 404, 404, 404, 404, 404, 404, 404, 404),
    },
    "staff_agency_a": {
        "draft": (404, 404, 404, 404, 404, 404, 404, 404, 404),
        "voting": (404, 404, OK, OK, 404, 404, 404, 404, 404),
        "tallied": (404, OK, 404, 404, 404, 404, 404, 404, 404),
        "sent": (404, OK, 404, 404, 404, 404, 404, 404, 404),
        "recognised": (404, OK, 404, 404, 404, 404, 404, 404, 404),
        "refused": (404, OK, 404, 404, 404, 404, 404, 404, 404),
        "agency tallied": (OK, OK, 404, 404, 403, 403, 403, 403, 403),
    },
    "reviewer_p": {
        "draft": (OK, OK, 404, 404, 403, 403, 403, 403, 403),
        "voting": (OK, OK, OK, OK, 403, 403, 403, 403, 403),
        "tallied": (OK, OK, 404, 404, 403, 403, 403, 403, 403),
        "sent": (OK, OK, 404, 404, 403, 403, 403, 403, 403),
        "recognised": (OK, OK, 404, 404, 403, 403, 403, 403, 403),
        "refused": (OK, OK, 404, 404, 403, 403, 403, 403, 403),
        "agency tallied": (OK, OK, 404, 404, 403, 403, 403, 403, 403),
    },
    "reviewer_q": {
        "draft": (404, 404, 404, 404, 404, 404, 404, 404, 404),
        "voting": (404, 404, OK, OK, 404, 404, 404, 404, 404),
        "tallied": (404, OK, 404, 404, 404, 404, 404, 404, 404),
        "sent": (404, OK, 404, 404, 404, 404, 404, 404, 404),
        "recognised": (404, OK, 404, 404, 404, 404, 404, 404, 404),
        "refused": (404, OK, 404, 404, 404, 404, 404, 404, 404),
        "agency tallied": (404, 404, 404, 404, 404, 404, 404, 404, 404),
    },
    "admin": {
        "draft": (OK, OK, 404, 404, 404, OK, OK, OK, OK),
        "voting": (OK, OK, OK, OK, OK, OK, OK, OK, OK),
        "tallied": (OK, OK, 404, 404, 404, OK, OK, OK, OK),
        "sent": (OK, OK, 404, 404, 404, OK, OK, OK, OK),
        "recognised": (OK, OK, 404, 404, 404, OK, OK, OK, OK),
        "refused": (OK, OK, 404, 404, 404, OK, OK, OK, OK),
        "agency tallied": (OK, OK, 404, 404, 404, OK, OK, OK, OK),
    },
    "nobody": {
        "draft": (404, 404, 404, 404, 404, 404, 404, 404, 404),
        "voting": (404, 404, OK, OK, 404, 404, 404, 404, 404),
        "tallied": (404, OK, 404, 404, 404, 404, 404, 404, 404),
        "sent": (404, OK, 404, 404, 404, 404, 404, 404, 404),
        "recognised": (404, OK, 404, 404, 404, 404, 404, 404, 404),
        "refused": (404, OK, 404, 404, 404, 404, 404, 404, 404),
        "agency tallied": (404, 404, 404, 404, 404, 404, 404, 404, 404),
    },
    "anonymous": {
        "draft": (LOGIN, 404, 404, 404, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
        "voting": (LOGIN, 404, OK, OK, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
        "tallied": (LOGIN, OK, 404, 404, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
        "sent": (LOGIN, OK, 404, 404, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
        "recognised": (LOGIN, OK, 404, 404, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
        "refused": (LOGIN, OK, 404, 404, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
        "agency tallied": (LOGIN, 404, 404, 404, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    },
}
# fmt: on


@pytest.mark.parametrize("who", WHO)
def test_the_decision_matrix(client, cast, decisions, who):
    check(client, cast, who, decisions, DECISION_URLS, DECISION_MATRIX[who])


# --- Recommendations ---------------------------------------------------------------------------


RECOMMENDATION_URLS = {
    "detail": lambda r: ("GET", reverse("consultations:recommendation_detail", args=[r.pk])),
    "answer": lambda r: ("POST", reverse("consultations:recommendation_detail", args=[r.pk]), {}),
}


@pytest.fixture
def recommendations(cast):
    def new(owner):
        return actions.make_recommendation(
            owner=owner, by=cast.inspector_a, subject="Chậm trả lời", text="Chi tiết", addressed_to="UBND xã",
            made_on=timezone.localdate(),
        )  # fmt: skip

    answered = new(cast.a)
    actions.answer_recommendation(answered, by=cast.clerk_a, answer="Đã xử lý", on=timezone.localdate())
    return {"open": new(cast.a), "answered": answered, "agency open": new(cast.agency_a)}


# fmt: off
# Columns: detail answer
RECOMMENDATION_MATRIX = {
    "clerk_a": {
        "open": (OK, OK),
        "answered": (OK, OK),
        "agency open": (404, 404),
    },
    "approver_a": {
        "open": (OK, OK),
        "answered": (OK, OK),
        "agency open": (404, 404),
    },
    "clerk_b": {
        "open": (404, 404),
        "answered": (404, 404),
        "agency open": (404, 404),
    },
    "inspector_a": {
        "open": (OK, 403),
        "answered": (OK, 403),
        "agency open": (404, 404),
    },
    "staff_agency_a": {
        "open": (404, 404),
        "answered": (404, 404),
        "agency open": (OK, 403),
    },
    "reviewer_p": {
        "open": (OK, 403),
        "answered": (OK, 403),
        "agency open": (OK, 403),
    },
    "reviewer_q": {
        "open": (404, 404),
        "answered": (404, 404),
        "agency open": (404, 404),
    },
    "admin": {
        "open": (OK, OK),
        "answered": (OK, OK),
        "agency open": (OK, OK),
    },
    "nobody": {
        "open": (404, 404),
        "answered": (404, 404),
        "agency open": (404, 404),
    },
    "anonymous": {
        "open": (LOGIN, LOGIN),
        "answered": (LOGIN, LOGIN),
        "agency open": (LOGIN, LOGIN),
    },
}
# fmt: on


@pytest.mark.parametrize("who", WHO)
def test_the_recommendation_matrix(client, cast, recommendations, who):
    check(client, cast, who, recommendations, RECOMMENDATION_URLS, RECOMMENDATION_MATRIX[who])


# --- The pages of a commune or an agency: lists and the forms that create ------------------------------


def _owner_url(unit_name, agency_name=None, method="GET"):
    agency_name = agency_name or f"{unit_name}_for_agency"
    return lambda o: (
        method,
        reverse(f"consultations:{agency_name if o.kind == 'agency' else unit_name}", args=[o.code]),
        {},
    )


OWNER_URLS = {
    "recommendations": _owner_url("recommendations"),
    "recommendation_create": _owner_url("recommendation_create"),
    "recommendation_create_post": _owner_url("recommendation_create", method="POST"),
    "consultation_create": _owner_url("create"),
    "decision_create": _owner_url("decision_create"),
}


@pytest.fixture
def owners(cast):
    cast.a.kind, cast.agency_a.kind, cast.b.kind = "unit", "agency", "unit"
    return {"commune A": cast.a, "agency A": cast.agency_a, "commune B": cast.b}


# fmt: off
# Columns: recommendations recommendation_create (GET, POST) consultation_create decision_create
OWNER_MATRIX = {
    "clerk_a": {
        "commune A": (OK, 403, 403, OK, OK),
        "agency A": (404, 404, 404, 404, 404),
        "commune B": (404, 404, 404, 404, 404),
    },
    "approver_a": {
        "commune A": (OK, 403, 403, OK, OK),
        "agency A": (404, 404, 404, 404, 404),
        "commune B": (404, 404, 404, 404, 404),
    },
    "clerk_b": {
        "commune A": (404, 404, 404, 404, 404),
        "agency A": (404, 404, 404, 404, 404),
        "commune B": (OK, 403, 403, OK, OK),
    },
    "inspector_a": {
        "commune A": (OK, OK, OK, 403, 403),
        "agency A": (404, 404, 404, 404, 404),
        "commune B": (404, 404, 404, 404, 404),
    },
    "staff_agency_a": {
        "commune A": (404, 404, 404, 404, 404),
        "agency A": (OK, 403, 403, 403, 403),
        "commune B": (404, 404, 404, 404, 404),
    },
    "reviewer_p": {
        "commune A": (OK, 403, 403, 403, 403),
        "agency A": (OK, 403, 403, 403, 403),
        "commune B": (OK, 403, 403, 403, 403),
    },
    "reviewer_q": {
        "commune A": (404, 404, 404, 404, 404),
        "agency A": (404, 404, 404, 404, 404),
        "commune B": (404, 404, 404, 404, 404),
    },
    "admin": {
        "commune A": (OK, OK, OK, OK, OK),
        "agency A": (OK, OK, OK, OK, OK),
        "commune B": (OK, OK, OK, OK, OK),
    },
    "nobody": {
        "commune A": (404, 404, 404, 404, 404),
        "agency A": (404, 404, 404, 404, 404),
        "commune B": (404, 404, 404, 404, 404),
    },
    "anonymous": {
        "commune A": (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
        "agency A": (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
        "commune B": (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN),
    },
}
# fmt: on


@pytest.mark.parametrize("who", WHO)
def test_the_owner_pages_matrix(client, cast, owners, who):
    check(client, cast, who, owners, OWNER_URLS, OWNER_MATRIX[who])
