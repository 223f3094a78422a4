"""Every URL of the portal is in the permission matrix, by construction (issue 17, item 2).

`test_every_url_pattern_has_an_entry` walks the resolver (includes and the django-ninja API too) and fails
when a pattern has no entry in ROUTES/EXPECTED: a new view cannot ship without saying who may see it.
Left out: Django's admin (its own permission model), i18n/ (the language switch) and Django's plain
login/logout views.

`test_the_url_matrix` requests each entry as each user of the shared cast on the objects of each
scenario (tests/matrix_objects.py) and compares the outcome with EXPECTED. Outcomes:
200, 302 (a redirect elsewhere than the login page: a form's success, a canonical URL), L (302 to the
login page), V (302 to the second factor's code or enrolment), 400, 401, 403, 404, 405, 409 (a state
that explains itself), 422. A POST-only URL is posted empty, inside a savepoint rolled
back afterwards (so one request cannot change what the next one sees), and answers GET with 405.
A download (PDF, XLSX, SVG, document, record) refused with anything but 200 must not carry the file.

EXPECTED was recorded from the behaviour of main d08925b and reviewed (see the comments); to re-record
after a deliberate change: `URL_MATRIX_RECORD=/tmp/matrix.py pytest tests/test_url_matrix.py -m slow`
and paste the dict it writes (then review the diff: an outsider must never get 200 on an internal
object).
"""

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from consultations.follow import links as follow_links
from tests import matrix_objects
from tests.consultations.conftest import make_consultation  # noqa: F401 (fixture)
from tests.disclosures.conftest import make_disclosure  # noqa: F401 (fixture)
from tests.reports.conftest import make_report  # noqa: F401 (fixture)

USERS = [
    "anonymous", "clerk_a", "approver_a", "clerk_b", "inspector_a", "staff_agency_a", "reviewer_p",
    "reviewer_q", "admin", "nobody",
]  # fmt: skip

# Scenario sets (see tests/matrix_objects.py).
OBJ = ("a", "b", "c", "int")  # an object of commune A, B, C or of agency A
UNIT = ("a", "b", "c")  # a commune's code
AREA = ("a", "b", "c", "p", "q")  # a commune's or a province's code
AGENCY = ("int", "int_c")  # agency A's or agency C's code
ROLLUP = ("p", "q")  # a province's roll-up or job, requested by its reviewer
NONE = ("-",)  # no argument
VOTING = ("va", "vb", "vc")  # commune A's, B's or C's decision while its online vote runs (before the tally)


@dataclass(frozen=True)
class Route:
    on: tuple
    args: Callable = lambda s: []
    method: str = "GET"
    download: bool = False
    query: str = ""


def get(on, args=lambda s: [], **kw):
    return Route(on=on, args=args, **kw)


def post(on, args=lambda s: [], **kw):
    return Route(on=on, args=args, method="POST", **kw)


def pk(attr):
    return lambda s: [getattr(s, attr).pk]


CODE = lambda s: [s.code]  # noqa: E731
NO_SUBSCRIPTION = SimpleNamespace(pk=0, nonce="0")  # a subscription that does not exist
AGENCY_CODE = lambda s: [s.agency_code]  # noqa: E731
QUARTER = lambda s: [s.code, s.year, s.quarter]  # noqa: E731
AGENCY_QUARTER = lambda s: [s.agency_code, 2026, 1]  # noqa: E731
GRADING = lambda s: [s.code, s.grading_year]  # noqa: E731

ROUTES = {
    # --- units ---
    "home": get(NONE),
    "units:detail": get(UNIT, CODE),
    "units:workspace": get(NONE),
    "units:staff_unit": get(UNIT, CODE),
    "units:village_edit": get(UNIT, lambda s: [s.village_code]),
    "units:staff_agency": get(AGENCY, AGENCY_CODE),
    "units:agency_edit": get(AGENCY, AGENCY_CODE),
    "second_factor_setup": get(NONE),
    "second_factor_verify": get(NONE),
    "enrol": get(NONE, lambda s: ["no-such-token"]),  # real links: tests/units/test_authentication.py
    "password_reset": get(NONE),
    # --- disclosures ---
    "disclosures:board": get(UNIT, CODE),
    "disclosures:archive": get(UNIT, CODE),
    "disclosures:feed_rss": get(UNIT, CODE),
    "disclosures:feed_atom": get(UNIT, CODE),
    "disclosures:detail": get(OBJ, pk("disclosure")),
    "disclosures:feedback": post(OBJ, pk("disclosure")),
    "disclosures:document": get(OBJ, pk("document"), download=True),
    "disclosures:record": get(OBJ, pk("record"), download=True),
    "disclosures:workspace": get(NONE),
    "disclosures:create": get(UNIT, CODE),
    "disclosures:create_for_agency": get(AGENCY, AGENCY_CODE),
    "disclosures:staff_detail": get(OBJ, pk("disclosure")),
    "disclosures:edit": get(OBJ, pk("disclosure")),
    "disclosures:submit": post(OBJ, pk("disclosure")),
    "disclosures:return": post(OBJ, pk("disclosure")),
    "disclosures:publish": post(OBJ, pk("disclosure")),
    "disclosures:withdraw": post(OBJ, pk("disclosure")),
    "disclosures:correct": post(OBJ, pk("disclosure")),
    "disclosures:upload": post(OBJ, pk("disclosure")),
    "disclosures:document_delete": post(OBJ, lambda s: [s.disclosure.pk, s.document.pk]),
    "disclosures:feedback_record": post(OBJ, pk("disclosure")),
    "disclosures:feedback_answer": post(OBJ, lambda s: [s.disclosure.pk, s.feedback.pk]),
    "disclosures:feedback_hide": post(OBJ, lambda s: [s.disclosure.pk, s.feedback.pk]),
    "disclosures:register_pick": get(UNIT, CODE),
    "disclosures:register": get(UNIT, QUARTER),
    "disclosures:register_pdf": get(UNIT, QUARTER, download=True),
    "disclosures:register_xlsx": get(UNIT, QUARTER, download=True),
    "disclosures:agency_register_pick": get(AGENCY, AGENCY_CODE),
    "disclosures:agency_register": get(AGENCY, AGENCY_QUARTER),
    "disclosures:agency_register_pdf": get(AGENCY, AGENCY_QUARTER, download=True),
    "disclosures:agency_register_xlsx": get(AGENCY, AGENCY_QUARTER, download=True),
    # --- consultations ---
    "consultations:workspace": get(NONE),
    "consultations:board": get(UNIT, CODE),
    "consultations:detail": get(OBJ, pk("consultation")),
    "consultations:comment": post(OBJ, pk("consultation")),
    "consultations:document": get(OBJ, pk("draft"), download=True),
    "consultations:create": get(UNIT, CODE),
    "consultations:create_for_agency": get(AGENCY, AGENCY_CODE),
    "consultations:staff_detail": get(OBJ, pk("consultation")),
    "consultations:open": post(OBJ, pk("consultation")),
    "consultations:open_confirm": get(OBJ, pk("consultation")),
    "consultations:board_posting": get(OBJ, pk("consultation")),
    "consultations:upload": post(OBJ, pk("consultation")),
    "consultations:comment_record": post(OBJ, pk("consultation")),
    "consultations:comment_respond": post(OBJ, lambda s: [s.consultation.pk, s.comment.pk]),
    "consultations:comment_hide": post(OBJ, lambda s: [s.consultation.pk, s.comment.pk]),
    "consultations:publish_results": post(OBJ, pk("consultation")),
    "consultations:comments_xlsx": get(OBJ, pk("consultation"), download=True),
    "consultations:decision_create": get(UNIT, CODE),
    "consultations:decision_create_for_agency": get(AGENCY, AGENCY_CODE),
    "consultations:decision_detail": get(OBJ, pk("decision")),
    "consultations:decision_tally": post(OBJ, pk("decision")),
    "consultations:decision_send": post(OBJ, pk("decision")),
    "consultations:decision_recognise": post(OBJ, pk("decision")),
    "consultations:vote_open": get(OBJ, pk("voting")),
    "consultations:recommendations": get(UNIT, CODE),
    "consultations:recommendations_for_agency": get(AGENCY, AGENCY_CODE),
    "consultations:recommendation_create": get(UNIT, CODE),
    "consultations:recommendation_create_for_agency": get(AGENCY, AGENCY_CODE),
    "consultations:recommendation_detail": get(OBJ, pk("recommendation")),
    # --- supervision boards (issue 12; the new roles: tests/test_url_matrix_supervision.py) ---
    "supervision:boards": get(UNIT, CODE),
    "supervision:boards_for_agency": get(AGENCY, AGENCY_CODE),
    "supervision:board_create": get(UNIT, CODE),
    "supervision:board_create_for_agency": get(AGENCY, AGENCY_CODE),
    "supervision:board": get(OBJ, pk("board")),
    "supervision:member_add": get(OBJ, pk("board")),
    "supervision:member_remove": post(OBJ, pk("member")),
    "supervision:member_leave": get(OBJ, pk("member")),
    "supervision:election": get(OBJ, pk("board")),
    "supervision:recognition": get(OBJ, pk("board")),
    "supervision:investor_notice": get(OBJ, pk("investment_board")),
    "supervision:plan_create": get(OBJ, pk("board")),
    "supervision:inspection_create": get(OBJ, pk("board")),
    "supervision:inspection": get(OBJ, pk("inspection")),
    "supervision:inspection_pdf": get(OBJ, pk("inspection"), download=True),
    "supervision:recommendation_create": get(OBJ, pk("board")),
    "supervision:report_create": get(OBJ, pk("board")),
    "supervision:report": get(OBJ, pk("board_report")),
    "supervision:report_pdf": get(OBJ, pk("board_report"), download=True),
    "consultations:vote": get(OBJ, pk("voting")),
    "consultations:vote_receipt": get(OBJ, pk("voting")),
    "consultations:decisions_board": get(UNIT, CODE),
    "consultations:decision_public": get(OBJ, pk("decision")),
    "consultations:plan_pdf": get(OBJ, pk("consultation"), download=True),
    "consultations:result_pdf": get(OBJ, pk("consultation"), download=True),
    "consultations:minutes_pdf": get(OBJ, pk("meeting"), download=True),
    # The tallied decision, and the one whose online vote still runs: its unit's people learn why (409).
    "consultations:decision_pdf": get(OBJ + VOTING, pk("decision"), download=True),
    "consultations:tally_pdf": get(OBJ + VOTING, pk("decision"), download=True),
    "consultations:meeting_create": get(OBJ, pk("consultation")),
    "consultations:decision_meeting_create": get(OBJ, pk("decision")),
    # --- petitions ---
    "petitions:board": get(UNIT, CODE),
    "petitions:send": get(UNIT, CODE),
    "petitions:track": get(OBJ, lambda s: [s.petition_token]),
    "petitions:rate": post(OBJ, lambda s: [s.petition_token]),
    "petitions:inbox": get(NONE),
    "petitions:record": get(UNIT, CODE),
    "petitions:record_for_agency": get(AGENCY, AGENCY_CODE),
    "petitions:send_internal": get(AGENCY, AGENCY_CODE),
    "petitions:box": get(UNIT, CODE),
    "petitions:box_for_agency": get(AGENCY, AGENCY_CODE),
    "petitions:staff_detail": get(OBJ, pk("petition")),
    "petitions:route": post(OBJ, pk("petition")),
    "petitions:forward": post(OBJ, pk("petition")),
    "petitions:answer": post(OBJ, pk("petition")),
    "petitions:publish": post(OBJ, pk("petition")),
    "petitions:hide": post(OBJ, pk("petition")),
    # --- reports ---
    "reports:list": get(NONE),
    "reports:open": post(NONE),
    "reports:detail": get(OBJ, pk("report")),
    "reports:recompile": post(OBJ, pk("report")),
    "reports:send": post(OBJ, pk("report")),
    "reports:return": post(OBJ, pk("report")),
    "reports:submit": post(OBJ, pk("report")),
    "reports:pdf": get(OBJ, pk("report"), download=True),
    "reports:xlsx": get(OBJ, pk("report"), download=True),
    "reports:dashboard": get(NONE),
    "reports:agency_area": get(AGENCY, AGENCY_CODE),
    "reports:area": get(AREA, CODE),
    "reports:area_xlsx": get(AREA, CODE, download=True),
    "reports:trend": get(AREA, CODE, download=True),
    "reports:trend_table": get(AREA, CODE),
    "reports:coverage": get(AREA, CODE),
    "reports:requests": get(AREA, CODE),
    "reports:request_detail": get(ROLLUP, pk("report_request")),
    "reports:rollup_start": get(AREA, CODE),
    "reports:rollup_detail": get(ROLLUP, pk("rollup")),
    "reports:rollup_send": post(ROLLUP, pk("rollup")),
    "reports:rollup_pdf": get(ROLLUP, pk("rollup"), download=True),
    "reports:rollup_xlsx": get(ROLLUP, pk("rollup"), download=True),
    "reports:job": get(ROLLUP, pk("job")),
    "reports:job_status": get(ROLLUP, pk("job")),
    # --- checks by the level above and the annual grading ---
    "checks:list": get(NONE),
    "checks:plan_new": get(AREA, CODE),
    "checks:plan": get(OBJ, pk("check_plan")),
    "checks:visit": get(OBJ, pk("check_visit")),
    "checks:conclude": get(OBJ, pk("check_visit")),
    "checks:visit_pdf": get(OBJ, pk("check_visit"), download=True),
    "checks:answer": post(OBJ, pk("check_fix")),
    "checks:grading": get(ROLLUP, GRADING),
    "checks:grading_xlsx": get(ROLLUP, GRADING, download=True),
    "checks:weights": get(ROLLUP, GRADING),
    # --- the API (/api/v1/) ---
    "api:api-root": get(NONE),
    "api:openapi-json": get(NONE),
    "api:openapi-view": get(NONE),
    "api:list_units": get(NONE),
    "api:unit_detail": get(UNIT, CODE),
    "api:list_disclosures": get(UNIT, CODE),
    "api:disclosure_detail": get(OBJ, pk("disclosure")),
    "api:list_consultations": get(UNIT, CODE),
    "api:consultation_detail": get(OBJ, pk("consultation")),
    "api:list_decisions": get(UNIT, CODE),
    "api:area_compliance": get(AREA, CODE),
    "api:report_detail": get(OBJ, pk("report")),
    "api:list_catalogue": get(NONE),
    "api:get_catalogue_item": get(NONE, pk("catalogue_item")),
    "api:working_days": get(NONE, query="from=2024-02-07&add=5"),
    "api:period_end": get(NONE, query="from=2024-02-05&days=20"),
    # --- duties and stand-alone meetings ---
    "duties:unit_duties": get(UNIT, CODE),
    "duties:agency_duties": get(AGENCY, AGENCY_CODE),
    "duties:meeting_new": get(UNIT, CODE),
    "duties:agency_meeting_new": get(AGENCY, AGENCY_CODE),
    "duties:meeting_detail": get(OBJ, pk("standalone")),
    "duties:meeting_minutes": get(OBJ, pk("standalone")),
    "duties:meeting_report": post(OBJ, pk("standalone")),
    "duties:meeting_attach": post(OBJ, pk("standalone")),
    "duties:meeting_cancel": post(OBJ, pk("standalone")),
    "duties:attachment_download": get(OBJ, pk("meeting_file"), download=True),
    "duties:calendar": get(UNIT, CODE),
    "duties:calendar_ics": get(UNIT, CODE),
    "duties:public_meeting": get(OBJ, pk("standalone")),
    # --- plans (reports/plans) ---
    "plans:public_list": get(UNIT, CODE),
    "plans:public_detail": get(OBJ, pk("plan")),
    "plans:workspace": get(NONE),
    "plans:create": get(UNIT, CODE),
    "plans:create_for_agency": get(AGENCY, AGENCY_CODE),
    "plans:detail": get(OBJ, pk("plan")),
    "plans:edit": get(OBJ, pk("plan_draft")),
    "plans:delete": post(OBJ, pk("plan_draft")),
    "plans:add_section": post(OBJ, pk("plan_draft")),
    "plans:task_create": get(OBJ, pk("plan_draft")),
    "plans:import": get(OBJ, pk("plan_draft")),
    "plans:issue": post(OBJ, pk("plan_draft")),
    "plans:amend": post(OBJ, pk("plan")),
    "plans:cancel": post(OBJ, pk("plan")),
    "plans:cascade": post(OBJ, pk("plan")),
    "plans:copy_next_year": post(OBJ, pk("plan")),
    "plans:pdf": get(OBJ, pk("plan"), download=True),
    "plans:xlsx": get(OBJ, pk("plan"), download=True),
    "plans:task": get(OBJ, pk("plan_task")),
    "plans:task_edit": get(OBJ, pk("plan_draft_task")),
    "plans:task_delete": post(OBJ, pk("plan_draft_task")),
    "plans:task_update": post(OBJ, pk("plan_task")),
    "plans:task_note": post(OBJ, pk("plan_task")),
    "plans:task_guidance": post(OBJ, pk("plan_task")),
    "plans:attachment_download": get(OBJ, pk("plan_file"), download=True),
    "api:list_plans": get(UNIT, CODE),
    "api:plan_detail": get(OBJ, pk("plan")),
    # --- regulations ---
    "regulations:board": get(UNIT, CODE),
    "regulations:detail": get(OBJ, pk("regulation")),
    "regulations:entry_pdf": get(OBJ, pk("regulation"), download=True),
    "regulations:file": get(OBJ, pk("regulation"), download=True),
    "regulations:draft_record": get(OBJ, pk("draft_record"), download=True),
    "regulations:create": get(UNIT, CODE),
    "regulations:create_for_agency": get(AGENCY, AGENCY_CODE),
    "regulations:replace": post(OBJ, pk("regulation")),
    "regulations:issue": get(OBJ, pk("consultation")),
    "regulations:paper": get(OBJ, pk("consultation")),
    "regulations:issue_decision": get(OBJ, pk("decision")),
    # --- following by e-mail (consultations/follow) ---
    "follow:board": get(UNIT, CODE),
    "follow:consultation": get(OBJ, pk("consultation")),
    "follow:decision": get(OBJ, pk("decision")),
    "follow:mine": get(OBJ, lambda s: [follow_links.mine_token("feedback", s.feedback.pk)]),
    "follow:requested": get(NONE),
    # Signed links for a subscription that does not exist: the confirmation says "used" (410), the
    # unsubscribe page "nothing to end" (200), whoever opens them; a forged link is 400 (tests/consultations/follow).
    "follow:confirm": get(
        NONE, lambda s: [follow_links.confirm_token(NO_SUBSCRIPTION, language="vi", frequency="daily")]
    ),
    "follow:unsubscribe": get(NONE, lambda s: [follow_links.unsubscribe_token(subscription=NO_SUBSCRIPTION)]),
    "follow:deadlines": get(NONE),
    "follow:consultations_rss": get(UNIT, CODE),
    "follow:consultations_atom": get(UNIT, CODE),
    "follow:decisions_rss": get(UNIT, CODE),
    "follow:decisions_atom": get(UNIT, CODE),
}

# Recorded from main d08925b, then reviewed: no user outside an agency's line (its staff, the reviewer of
# its province, the administrator) gets 200 on its internal object ("int"), and no refused download
# carries the file. Noted while reviewing (not leaks):
# - result_pdf is 404 for everyone: the consultations here are open, results not published yet;
# - the public vote pages (vote, vote_receipt) answer everyone while a vote runs, by design;
# - a published disclosure's staff writes answer outsiders 403 (not 404): the disclosure is public;
# - reports:open posted empty answers 302 to any logged-in user (a redirect; to look at, see the report);
# - api:area_compliance and api:report_detail answer anonymous 401, other outsiders 404;
# - follow: (issue 13 part B) the follow forms answer everyone on public objects and 404 on internal ones
#   (an agency's consultation, decision or question is never followed); the signed links answer the same
#   to everyone (whoever holds the link is its owner); the deadlines page is any signed-in user's own;
# - plans: a commune's issued plan is public (its page and PDF answer everyone); its staff writes (amend,
#   cancel, cascade, copy) answer outsiders 403, not 404; an agency's plan ("int") is 404 to everyone
#   outside its line, its PDF included; the cascade is 403 here because no task is assigned below;
# - a decision's PDFs while its online vote runs ("va"–"vc"): its unit's people and their reviewers get
#   409, a page saying the PDFs come with the count; everyone else 404, as for any internal object.
EXPECTED = {
    # columns: anonymous clerk_a approver_a clerk_b inspector_a staff_agency_a reviewer_p reviewer_q admin nobody
    "home": {
        "-": "200 200 200 200 200 200 200 200 200 200",
    },
    "units:detail": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
    },
    "units:workspace": {
        "-": "L   200 200 200 200 200 200 200 200 200",
    },
    "units:staff_unit": {
        "a": "L   200 200 404 200 404 200 404 200 404",
        "b": "L   404 404 200 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
    },
    "units:village_edit": {
        "a": "L   200 200 404 403 404 403 404 200 404",
        "b": "L   404 404 200 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
    },
    "units:staff_agency": {
        "int": "L   404 404 404 404 200 200 404 200 404",
        "int_c": "L   404 404 404 404 404 404 200 200 404",
    },
    "units:agency_edit": {
        "int": "L   404 404 404 404 403 403 404 200 404",
        "int_c": "L   404 404 404 404 404 404 403 200 404",
    },
    "second_factor_setup": {
        "-": "L   200 200 200 200 200 200 200 200 200",
    },
    "second_factor_verify": {
        "-": "L   200 200 200 200 200 200 200 200 200",
    },
    "enrol": {
        "-": "404 404 404 404 404 404 404 404 404 404",
    },
    "password_reset": {
        "-": "200 200 200 200 200 200 200 200 200 200",
    },
    "disclosures:board": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
    },
    "disclosures:archive": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
    },
    "disclosures:feed_rss": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
    },
    "disclosures:feed_atom": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
    },
    "disclosures:detail": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
        "int": "404 404 404 404 404 200 200 404 200 404",
    },
    "disclosures:feedback": {
        "a": "400 400 400 400 400 400 400 400 400 400",
        "b": "400 400 400 400 400 400 400 400 400 400",
        "c": "400 400 400 400 400 400 400 400 400 400",
        "int": "404 404 404 404 404 400 403 404 403 404",
    },
    "disclosures:document": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
        "int": "404 404 404 404 404 200 200 404 200 404",
    },
    "disclosures:record": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
        "int": "404 404 404 404 404 200 200 404 200 404",
    },
    "disclosures:workspace": {
        "-": "L   200 200 200 200 200 200 200 200 200",
    },
    "disclosures:create": {
        "a": "L   200 200 404 403 404 403 404 200 404",
        "b": "L   404 404 200 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
    },
    "disclosures:create_for_agency": {
        "int": "L   404 404 404 404 403 403 404 200 404",
        "int_c": "L   404 404 404 404 404 404 403 200 404",
    },
    "disclosures:staff_detail": {
        "a": "L   200 200 404 200 404 200 404 200 404",
        "b": "L   404 404 200 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "int": "L   404 404 404 404 200 200 404 200 404",
    },
    "disclosures:edit": {
        "a": "L   302 302 403 403 403 403 403 302 403",
        "b": "L   403 403 302 403 403 403 403 302 403",
        "c": "L   403 403 403 403 403 403 403 302 403",
        "int": "L   404 404 404 404 403 403 404 302 404",
    },
    "disclosures:submit": {
        "a": "L   302 302 403 403 403 403 403 302 403",
        "b": "L   403 403 302 403 403 403 403 302 403",
        "c": "L   403 403 403 403 403 403 403 302 403",
        "int": "L   404 404 404 404 403 403 404 302 404",
    },
    "disclosures:return": {
        "a": "L   403 200 403 403 403 403 403 200 403",
        "b": "L   403 403 403 403 403 403 403 200 403",
        "c": "L   403 403 403 403 403 403 403 200 403",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    "disclosures:publish": {
        "a": "L   403 200 403 403 403 403 403 200 403",
        "b": "L   403 403 403 403 403 403 403 200 403",
        "c": "L   403 403 403 403 403 403 403 200 403",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    "disclosures:withdraw": {
        "a": "L   403 200 403 403 403 403 403 200 403",
        "b": "L   403 403 403 403 403 403 403 200 403",
        "c": "L   403 403 403 403 403 403 403 200 403",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    "disclosures:correct": {
        "a": "L   200 200 403 403 403 403 403 200 403",
        "b": "L   403 403 200 403 403 403 403 200 403",
        "c": "L   403 403 403 403 403 403 403 200 403",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    "disclosures:upload": {
        "a": "L   200 200 403 403 403 403 403 200 403",
        "b": "L   403 403 200 403 403 403 403 200 403",
        "c": "L   403 403 403 403 403 403 403 200 403",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    "disclosures:document_delete": {
        "a": "L   302 302 403 403 403 403 403 302 403",
        "b": "L   403 403 302 403 403 403 403 302 403",
        "c": "L   403 403 403 403 403 403 403 302 403",
        "int": "L   404 404 404 404 403 403 404 302 404",
    },
    "disclosures:feedback_record": {
        "a": "L   200 200 403 403 403 403 403 200 403",
        "b": "L   403 403 200 403 403 403 403 200 403",
        "c": "L   403 403 403 403 403 403 403 200 403",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    "disclosures:feedback_answer": {
        "a": "L   200 200 403 403 403 403 403 200 403",
        "b": "L   403 403 200 403 403 403 403 200 403",
        "c": "L   403 403 403 403 403 403 403 200 403",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    "disclosures:feedback_hide": {
        "a": "L   200 200 403 403 403 403 403 200 403",
        "b": "L   403 403 200 403 403 403 403 200 403",
        "c": "L   403 403 403 403 403 403 403 200 403",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    "disclosures:register_pick": {
        "a": "302 302 302 302 302 302 302 302 302 302",
        "b": "302 302 302 302 302 302 302 302 302 302",
        "c": "302 302 302 302 302 302 302 302 302 302",
    },
    "disclosures:register": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
    },
    "disclosures:register_pdf": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
    },
    "disclosures:register_xlsx": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
    },
    "disclosures:agency_register_pick": {
        "int": "L   404 404 404 404 302 302 404 302 404",
        "int_c": "L   404 404 404 404 404 404 302 302 404",
    },
    "disclosures:agency_register": {
        "int": "L   404 404 404 404 200 200 404 200 404",
        "int_c": "L   404 404 404 404 404 404 200 200 404",
    },
    "disclosures:agency_register_pdf": {
        "int": "L   404 404 404 404 200 200 404 200 404",
        "int_c": "L   404 404 404 404 404 404 200 200 404",
    },
    "disclosures:agency_register_xlsx": {
        "int": "L   404 404 404 404 200 200 404 200 404",
        "int_c": "L   404 404 404 404 404 404 200 200 404",
    },
    "consultations:workspace": {
        "-": "L   200 200 200 200 200 200 200 200 200",
    },
    "consultations:board": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
    },
    "consultations:detail": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
        "int": "404 404 404 404 404 200 200 404 200 404",
    },
    "consultations:comment": {
        "a": "400 400 400 400 400 400 400 400 400 400",
        "b": "400 400 400 400 400 400 400 400 400 400",
        "c": "400 400 400 400 400 400 400 400 400 400",
        "int": "404 404 404 404 404 400 403 404 403 404",
    },
    "consultations:document": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
        "int": "404 404 404 404 404 200 200 404 200 404",
    },
    "consultations:create": {
        "a": "L   200 200 404 403 404 403 404 200 404",
        "b": "L   404 404 200 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
    },
    "consultations:create_for_agency": {
        "int": "L   404 404 404 404 403 403 404 200 404",
        "int_c": "L   404 404 404 404 404 404 403 200 404",
    },
    "consultations:staff_detail": {
        "a": "L   200 200 404 200 404 200 404 200 404",
        "b": "L   404 404 200 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "int": "L   404 404 404 404 200 200 404 200 404",
    },
    "consultations:open": {
        "a": "L   302 302 404 403 404 403 404 302 404",
        "b": "L   404 404 302 404 404 403 404 302 404",
        "c": "L   404 404 404 404 404 404 403 302 404",
        "int": "L   404 404 404 404 403 403 404 302 404",
    },
    # The step before opening: as opening (the matrix's consultations are open: back to the staff page).
    "consultations:open_confirm": {
        "a": "L   302 302 404 403 404 403 404 302 404",
        "b": "L   404 404 302 404 404 403 404 302 404",
        "c": "L   404 404 404 404 404 404 403 302 404",
        "int": "L   404 404 404 404 403 403 404 302 404",
    },
    "consultations:board_posting": {
        "a": "L   403 302 404 403 404 403 404 302 404",
        "b": "L   404 404 403 404 404 403 404 302 404",
        "c": "L   404 404 404 404 404 404 403 302 404",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    "consultations:upload": {
        "a": "L   400 400 404 403 404 403 404 400 404",
        "b": "L   404 404 400 404 404 403 404 400 404",
        "c": "L   404 404 404 404 404 404 403 400 404",
        "int": "L   404 404 404 404 403 403 404 400 404",
    },
    "consultations:comment_record": {
        "a": "L   400 400 404 403 404 403 404 400 404",
        "b": "L   404 404 400 404 404 403 404 400 404",
        "c": "L   404 404 404 404 404 404 403 400 404",
        "int": "L   404 404 404 404 403 403 404 400 404",
    },
    "consultations:comment_respond": {
        "a": "L   400 400 404 403 404 403 404 400 404",
        "b": "L   404 404 400 404 404 403 404 400 404",
        "c": "L   404 404 404 404 404 404 403 400 404",
        "int": "L   404 404 404 404 403 403 404 400 404",
    },
    "consultations:comment_hide": {
        "a": "L   400 400 404 403 404 403 404 400 404",
        "b": "L   404 404 400 404 404 403 404 400 404",
        "c": "L   404 404 404 404 404 404 403 400 404",
        "int": "L   404 404 404 404 403 403 404 400 404",
    },
    "consultations:publish_results": {
        "a": "L   400 400 404 403 404 403 404 400 404",
        "b": "L   404 404 400 404 404 403 404 400 404",
        "c": "L   404 404 404 404 404 404 403 400 404",
        "int": "L   404 404 404 404 403 403 404 400 404",
    },
    "consultations:comments_xlsx": {
        "a": "L   200 200 404 200 404 200 404 200 404",
        "b": "L   404 404 200 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "int": "L   404 404 404 404 200 200 404 200 404",
    },
    "consultations:decision_create": {
        "a": "L   200 200 404 403 404 403 404 200 404",
        "b": "L   404 404 200 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
    },
    "consultations:decision_create_for_agency": {
        "int": "L   404 404 404 404 403 403 404 200 404",
        "int_c": "L   404 404 404 404 404 404 403 200 404",
    },
    "consultations:decision_detail": {
        "a": "L   200 200 404 200 404 200 404 200 404",
        "b": "L   404 404 200 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "int": "L   404 404 404 404 200 200 404 200 404",
    },
    "consultations:decision_tally": {
        "a": "L   200 200 404 403 404 403 404 200 404",
        "b": "L   404 404 200 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    "consultations:decision_send": {
        "a": "L   200 200 404 403 404 403 404 200 404",
        "b": "L   404 404 200 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    "consultations:decision_recognise": {
        "a": "L   403 200 404 403 404 403 404 200 404",
        "b": "L   404 404 403 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    "consultations:vote_open": {
        "a": "L   200 200 404 403 404 403 404 200 404",
        "b": "L   404 404 200 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
        "int": "L   404 404 404 404 403 403 404 404 404",
    },
    "consultations:recommendations": {
        "a": "L   200 200 404 200 404 200 404 200 404",
        "b": "L   404 404 200 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
    },
    "consultations:recommendations_for_agency": {
        "int": "L   404 404 404 404 200 200 404 200 404",
        "int_c": "L   404 404 404 404 404 404 200 200 404",
    },
    "consultations:recommendation_create": {
        "a": "L   403 403 404 200 404 403 404 200 404",
        "b": "L   404 404 403 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
    },
    "consultations:recommendation_create_for_agency": {
        "int": "L   404 404 404 404 403 403 404 200 404",
        "int_c": "L   404 404 404 404 404 404 403 200 404",
    },
    "consultations:recommendation_detail": {
        "a": "L   200 200 404 200 404 200 404 200 404",
        "b": "L   404 404 200 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "int": "L   404 404 404 404 200 200 404 200 404",
    },
    # The supervision boards (issue 12): read by anyone with a role on the owner (an agency's board by its
    # own people and the reviewers above), composed by the editors (and the Front), recognised by the Front
    # (an agency's: its approvers, for the union), worked by the inspection board; outsiders 404.
    "supervision:boards": {
        "a": "L   200 200 404 200 404 200 404 200 404",
        "b": "L   404 404 200 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
    },
    "supervision:boards_for_agency": {
        "int": "L   404 404 404 404 200 200 404 200 404",
        "int_c": "L   404 404 404 404 404 404 200 200 404",
    },
    "supervision:board_create": {
        "a": "L   200 200 404 403 404 403 404 200 404",
        "b": "L   404 404 200 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
    },
    "supervision:board_create_for_agency": {
        "int": "L   404 404 404 404 403 403 404 200 404",
        "int_c": "L   404 404 404 404 404 404 403 200 404",
    },
    "supervision:board": {
        "a": "L   200 200 404 200 404 200 404 200 404",
        "b": "L   404 404 200 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "int": "L   404 404 404 404 200 200 404 200 404",
    },
    "supervision:member_add": {
        "a": "L   200 200 404 403 404 403 404 200 404",
        "b": "L   404 404 200 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    "supervision:member_remove": {
        "a": "L   302 302 404 403 404 403 404 302 404",
        "b": "L   404 404 302 404 404 403 404 302 404",
        "c": "L   404 404 404 404 404 404 403 302 404",
        "int": "L   404 404 404 404 403 403 404 302 404",
    },
    "supervision:member_leave": {
        "a": "L   200 200 404 403 404 403 404 200 404",
        "b": "L   404 404 200 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    "supervision:election": {
        "a": "L   200 200 404 403 404 403 404 200 404",
        "b": "L   404 404 200 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    "supervision:recognition": {
        "a": "L   403 403 404 403 404 403 404 200 404",
        "b": "L   404 404 403 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    "supervision:investor_notice": {
        "a": "L   403 403 404 403 404 403 404 200 404",
        "b": "L   404 404 403 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
        "int": "L   404 404 404 404 403 403 404 404 404",
    },
    "supervision:plan_create": {
        "a": "L   403 403 404 200 404 403 404 200 404",
        "b": "L   404 404 403 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    "supervision:inspection_create": {
        "a": "L   403 403 404 200 404 403 404 200 404",
        "b": "L   404 404 403 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    "supervision:inspection": {
        "a": "L   200 200 404 200 404 200 404 200 404",
        "b": "L   404 404 200 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "int": "L   404 404 404 404 200 200 404 200 404",
    },
    "supervision:inspection_pdf": {
        "a": "L   200 200 404 200 404 200 404 200 404",
        "b": "L   404 404 200 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "int": "L   404 404 404 404 200 200 404 200 404",
    },
    "supervision:recommendation_create": {
        "a": "L   403 403 404 200 404 403 404 200 404",
        "b": "L   404 404 403 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    "supervision:report_create": {
        "a": "L   403 403 404 200 404 403 404 200 404",
        "b": "L   404 404 403 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    "supervision:report": {
        "a": "L   200 200 404 200 404 200 404 200 404",
        "b": "L   404 404 200 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "int": "L   404 404 404 404 200 200 404 200 404",
    },
    "supervision:report_pdf": {
        "a": "L   200 200 404 200 404 200 404 200 404",
        "b": "L   404 404 200 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "int": "L   404 404 404 404 200 200 404 200 404",
    },
    "consultations:vote": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
        "int": "404 404 404 404 404 404 404 404 404 404",
    },
    "consultations:vote_receipt": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
        "int": "404 404 404 404 404 404 404 404 404 404",
    },
    "consultations:decisions_board": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
    },
    "consultations:decision_public": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
        "int": "404 404 404 404 404 200 200 404 200 404",
    },
    "consultations:plan_pdf": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
        "int": "404 404 404 404 404 200 200 404 200 404",
    },
    "consultations:result_pdf": {
        "a": "404 404 404 404 404 404 404 404 404 404",
        "b": "404 404 404 404 404 404 404 404 404 404",
        "c": "404 404 404 404 404 404 404 404 404 404",
        "int": "404 404 404 404 404 404 404 404 404 404",
    },
    "consultations:minutes_pdf": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
        "int": "404 404 404 404 404 200 200 404 200 404",
    },
    "consultations:decision_pdf": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
        "int": "404 404 404 404 404 200 200 404 200 404",
        "va": "404 409 409 404 409 404 409 404 409 404",
        "vb": "404 404 404 409 404 404 409 404 409 404",
        "vc": "404 404 404 404 404 404 404 409 409 404",
    },
    "consultations:tally_pdf": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
        "int": "404 404 404 404 404 200 200 404 200 404",
        "va": "404 409 409 404 409 404 409 404 409 404",
        "vb": "404 404 404 409 404 404 409 404 409 404",
        "vc": "404 404 404 404 404 404 404 409 409 404",
    },
    "consultations:meeting_create": {
        "a": "L   200 200 404 403 404 403 404 200 404",
        "b": "L   404 404 200 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    "consultations:decision_meeting_create": {
        "a": "L   200 200 404 403 404 403 404 200 404",
        "b": "L   404 404 200 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    # Petitions (issue 13 part A): the citizen's own page opens by its signed link for anyone holding it,
    # except an agency's petition (internal: only its people and those overseeing it); a read-only role
    # gets 403 on the clerk's pages; the internal send is for the agency's own people only (an
    # administrator or reviewer oversees, 403). Posted empty, the forms answer 400.
    "petitions:board": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
    },
    "petitions:send": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
    },
    "petitions:track": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
        "int": "404 404 404 404 404 200 200 404 200 404",
    },
    "petitions:rate": {
        "a": "400 400 400 400 400 400 400 400 400 400",
        "b": "400 400 400 400 400 400 400 400 400 400",
        "c": "400 400 400 400 400 400 400 400 400 400",
        "int": "404 404 404 404 404 400 400 404 400 404",
    },
    "petitions:inbox": {
        "-": "L   200 200 200 200 200 200 200 200 200",
    },
    "petitions:record": {
        "a": "L   200 200 404 403 404 403 404 200 404",
        "b": "L   404 404 200 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
    },
    "petitions:record_for_agency": {
        "int": "L   404 404 404 404 403 403 404 200 404",
        "int_c": "L   404 404 404 404 404 404 403 200 404",
    },
    "petitions:send_internal": {
        "int": "L   404 404 404 404 200 403 404 403 404",
        "int_c": "L   404 404 404 404 404 404 403 403 404",
    },
    "petitions:box": {
        "a": "L   200 200 404 403 404 403 404 200 404",
        "b": "L   404 404 200 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
    },
    "petitions:box_for_agency": {
        "int": "L   404 404 404 404 403 403 404 200 404",
        "int_c": "L   404 404 404 404 404 404 403 200 404",
    },
    "petitions:staff_detail": {
        "a": "L   200 200 404 200 404 200 404 200 404",
        "b": "L   404 404 200 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "int": "L   404 404 404 404 200 200 404 200 404",
    },
    "petitions:route": {
        "a": "L   400 400 404 403 404 403 404 400 404",
        "b": "L   404 404 400 404 404 403 404 400 404",
        "c": "L   404 404 404 404 404 404 403 400 404",
        "int": "L   404 404 404 404 403 403 404 400 404",
    },
    "petitions:forward": {
        "a": "L   400 400 404 403 404 403 404 400 404",
        "b": "L   404 404 400 404 404 403 404 400 404",
        "c": "L   404 404 404 404 404 404 403 400 404",
        "int": "L   404 404 404 404 403 403 404 400 404",
    },
    "petitions:answer": {
        "a": "L   400 400 404 403 404 403 404 400 404",
        "b": "L   404 404 400 404 404 403 404 400 404",
        "c": "L   404 404 404 404 404 404 403 400 404",
        "int": "L   404 404 404 404 403 403 404 400 404",
    },
    "petitions:publish": {
        "a": "L   400 400 404 403 404 403 404 400 404",
        "b": "L   404 404 400 404 404 403 404 400 404",
        "c": "L   404 404 404 404 404 404 403 400 404",
        "int": "L   404 404 404 404 403 403 404 400 404",
    },
    "petitions:hide": {
        "a": "L   400 400 404 403 404 403 404 400 404",
        "b": "L   404 404 400 404 404 403 404 400 404",
        "c": "L   404 404 404 404 404 404 403 400 404",
        "int": "L   404 404 404 404 403 403 404 400 404",
    },
    "reports:list": {
        "-": "L   200 200 200 200 200 200 200 200 200",
    },
    "reports:open": {
        "-": "L   302 302 302 302 302 302 302 302 302",
    },
    "reports:detail": {
        "a": "L   200 200 404 200 404 200 404 200 404",
        "b": "L   404 404 200 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "int": "L   404 404 404 404 200 200 404 200 404",
    },
    "reports:recompile": {
        "a": "L   302 302 404 403 404 403 404 302 404",
        "b": "L   404 404 302 404 404 403 404 302 404",
        "c": "L   404 404 404 404 404 404 403 302 404",
        "int": "L   404 404 404 404 403 403 404 302 404",
    },
    "reports:send": {
        "a": "L   302 302 404 403 404 403 404 302 404",
        "b": "L   404 404 302 404 404 403 404 302 404",
        "c": "L   404 404 404 404 404 404 403 302 404",
        "int": "L   404 404 404 404 403 403 404 302 404",
    },
    "reports:return": {
        "a": "L   403 302 404 403 404 403 404 302 404",
        "b": "L   404 404 403 404 404 403 404 302 404",
        "c": "L   404 404 404 404 404 404 403 302 404",
        "int": "L   404 404 404 404 403 403 404 302 404",
    },
    "reports:submit": {
        "a": "L   403 302 404 403 404 403 404 302 404",
        "b": "L   404 404 403 404 404 403 404 302 404",
        "c": "L   404 404 404 404 404 404 403 302 404",
        "int": "L   404 404 404 404 403 403 404 302 404",
    },
    "reports:pdf": {
        "a": "L   200 200 404 200 404 200 404 200 404",
        "b": "L   404 404 200 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "int": "L   404 404 404 404 200 200 404 200 404",
    },
    "reports:xlsx": {
        "a": "L   200 200 404 200 404 200 404 200 404",
        "b": "L   404 404 200 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "int": "L   404 404 404 404 200 200 404 200 404",
    },
    "reports:dashboard": {
        "-": "L   404 404 404 404 404 302 302 200 404",
    },
    "reports:agency_area": {
        "int": "L   404 404 404 404 404 200 404 200 404",
        "int_c": "L   404 404 404 404 404 404 200 200 404",
    },
    "reports:area": {
        "a": "L   404 404 404 404 404 200 404 200 404",
        "b": "L   404 404 404 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "p": "L   404 404 404 404 404 200 404 200 404",
        "q": "L   404 404 404 404 404 404 200 200 404",
    },
    "reports:area_xlsx": {
        "a": "L   404 404 404 404 404 200 404 200 404",
        "b": "L   404 404 404 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "p": "L   404 404 404 404 404 200 404 200 404",
        "q": "L   404 404 404 404 404 404 200 200 404",
    },
    "reports:trend": {
        "a": "L   404 404 404 404 404 200 404 200 404",
        "b": "L   404 404 404 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "p": "L   404 404 404 404 404 200 404 200 404",
        "q": "L   404 404 404 404 404 404 200 200 404",
    },
    "reports:trend_table": {
        "a": "L   404 404 404 404 404 200 404 200 404",
        "b": "L   404 404 404 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "p": "L   404 404 404 404 404 200 404 200 404",
        "q": "L   404 404 404 404 404 404 200 200 404",
    },
    "reports:coverage": {
        "a": "L   404 404 404 404 404 200 404 200 404",
        "b": "L   404 404 404 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "p": "L   404 404 404 404 404 200 404 200 404",
        "q": "L   404 404 404 404 404 404 200 200 404",
    },
    # Report requests: the reviewers of the area, as the roll-ups (issue 14).
    "reports:requests": {
        "a": "L   404 404 404 404 404 200 404 200 404",
        "b": "L   404 404 404 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "p": "L   404 404 404 404 404 200 404 200 404",
        "q": "L   404 404 404 404 404 404 200 200 404",
    },
    "reports:request_detail": {
        "p": "L   404 404 404 404 404 200 404 200 404",
        "q": "L   404 404 404 404 404 404 200 200 404",
    },
    "reports:rollup_start": {
        "a": "L   404 404 404 404 404 200 404 200 404",
        "b": "L   404 404 404 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "p": "L   404 404 404 404 404 200 404 200 404",
        "q": "L   404 404 404 404 404 404 200 200 404",
    },
    "reports:rollup_detail": {
        "p": "L   404 404 404 404 404 200 404 200 404",
        "q": "L   404 404 404 404 404 404 200 200 404",
    },
    # Posted empty: the reviewers of the area get the form back with what is missing (issue 14).
    "reports:rollup_send": {
        "p": "L   404 404 404 404 404 400 404 400 404",
        "q": "L   404 404 404 404 404 404 400 400 404",
    },
    "reports:rollup_pdf": {
        "p": "L   404 404 404 404 404 200 404 200 404",
        "q": "L   404 404 404 404 404 404 200 200 404",
    },
    "reports:rollup_xlsx": {
        "p": "L   404 404 404 404 404 200 404 200 404",
        "q": "L   404 404 404 404 404 404 200 200 404",
    },
    "reports:job": {
        "p": "L   404 404 404 404 404 200 404 200 404",
        "q": "L   404 404 404 404 404 404 200 200 404",
    },
    "reports:job_status": {
        "p": "L   404 404 404 404 404 200 404 200 404",
        "q": "L   404 404 404 404 404 404 200 200 404",
    },
    # Checks by the level above (reports.checks): the reviewers of the plan's area plan, see and conclude;
    # the checked unit's own people read their check (an agency's: its staff only, Art. 46) and those who
    # edit its records answer the fixes; a commune is not a level that plans; nobody else sees anything.
    # The annual grading and its weights: the province's reviewers.
    "checks:list": {
        "-": "L   200 200 200 200 200 200 200 200 200",
    },
    "checks:plan_new": {
        "a": "L   404 404 404 404 404 404 404 404 404",
        "b": "L   404 404 404 404 404 404 404 404 404",
        "c": "L   404 404 404 404 404 404 404 404 404",
        "p": "L   404 404 404 404 404 200 404 200 404",
        "q": "L   404 404 404 404 404 404 200 200 404",
    },
    "checks:plan": {
        "a": "L   404 404 404 404 404 200 404 200 404",
        "b": "L   404 404 404 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "int": "L   404 404 404 404 404 200 404 200 404",
    },
    "checks:visit": {
        "a": "L   200 200 404 200 404 200 404 200 404",
        "b": "L   404 404 200 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "int": "L   404 404 404 404 200 200 404 200 404",
    },
    "checks:conclude": {
        "a": "L   403 403 404 403 404 302 404 302 404",
        "b": "L   404 404 403 404 404 302 404 302 404",
        "c": "L   404 404 404 404 404 404 302 302 404",
        "int": "L   404 404 404 404 403 302 404 302 404",
    },
    "checks:visit_pdf": {
        "a": "L   200 200 404 200 404 200 404 200 404",
        "b": "L   404 404 200 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "int": "L   404 404 404 404 200 200 404 200 404",
    },
    "checks:answer": {
        "a": "L   400 400 404 403 404 403 404 403 404",
        "b": "L   404 404 400 404 404 403 404 403 404",
        "c": "L   404 404 404 404 404 404 403 403 404",
        "int": "L   404 404 404 404 403 403 404 403 404",
    },
    "checks:grading": {
        "p": "L   404 404 404 404 404 200 404 200 404",
        "q": "L   404 404 404 404 404 404 200 200 404",
    },
    "checks:grading_xlsx": {
        "p": "L   404 404 404 404 404 200 404 200 404",
        "q": "L   404 404 404 404 404 404 200 200 404",
    },
    "checks:weights": {
        "p": "L   404 404 404 404 404 200 404 200 404",
        "q": "L   404 404 404 404 404 404 200 200 404",
    },
    "api:api-root": {
        "-": "404 404 404 404 404 404 404 404 404 404",
    },
    "api:openapi-json": {
        "-": "200 200 200 200 200 200 200 200 200 200",
    },
    "api:openapi-view": {
        "-": "200 200 200 200 200 200 200 200 200 200",
    },
    "api:list_units": {
        "-": "200 200 200 200 200 200 200 200 200 200",
    },
    "api:unit_detail": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
    },
    "api:list_disclosures": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
    },
    "api:disclosure_detail": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
        "int": "404 404 404 404 404 200 200 404 200 404",
    },
    "api:list_consultations": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
    },
    "api:consultation_detail": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
        "int": "404 404 404 404 404 200 200 404 200 404",
    },
    "api:list_decisions": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
    },
    "api:area_compliance": {
        "a": "401 404 404 404 404 404 200 404 200 404",
        "b": "401 404 404 404 404 404 200 404 200 404",
        "c": "401 404 404 404 404 404 404 200 200 404",
        "p": "401 404 404 404 404 404 200 404 200 404",
        "q": "401 404 404 404 404 404 404 200 200 404",
    },
    "api:report_detail": {
        "a": "401 200 200 404 200 404 200 404 200 404",
        "b": "401 404 404 200 404 404 200 404 200 404",
        "c": "401 404 404 404 404 404 404 200 200 404",
        "int": "401 404 404 404 404 200 200 404 200 404",
    },
    "api:list_catalogue": {
        "-": "200 200 200 200 200 200 200 200 200 200",
    },
    "api:get_catalogue_item": {
        "-": "200 200 200 200 200 200 200 200 200 200",
    },
    "api:working_days": {
        "-": "200 200 200 200 200 200 200 200 200 200",
    },
    "api:period_end": {
        "-": "200 200 200 200 200 200 200 200 200 200",
    },
    # Duties and stand-alone meetings: staff pages as the owner's other staff pages; an agency's
    # meetings never reach the commune's clerks nor the public; the calendar is public.
    "duties:unit_duties": {
        "a": "L   200 200 404 200 404 200 404 200 404",
        "b": "L   404 404 200 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
    },
    "duties:agency_duties": {
        "int": "L   404 404 404 404 200 200 404 200 404",
        "int_c": "L   404 404 404 404 404 404 200 200 404",
    },
    "duties:meeting_new": {
        "a": "L   200 200 404 403 404 403 404 200 404",
        "b": "L   404 404 200 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
    },
    "duties:agency_meeting_new": {
        "int": "L   404 404 404 404 403 403 404 200 404",
        "int_c": "L   404 404 404 404 404 404 403 200 404",
    },
    "duties:meeting_detail": {
        "a": "L   200 200 404 200 404 200 404 200 404",
        "b": "L   404 404 200 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "int": "L   404 404 404 404 200 200 404 200 404",
    },
    "duties:meeting_minutes": {
        "a": "L   302 302 404 403 404 403 404 302 404",
        "b": "L   404 404 302 404 404 403 404 302 404",
        "c": "L   404 404 404 404 404 404 403 302 404",
        "int": "L   404 404 404 404 403 403 404 302 404",
    },
    "duties:meeting_report": {
        "a": "L   400 400 404 403 404 403 404 400 404",
        "b": "L   404 404 400 404 404 403 404 400 404",
        "c": "L   404 404 404 404 404 404 403 400 404",
        "int": "L   404 404 404 404 403 403 404 400 404",
    },
    "duties:meeting_attach": {
        "a": "L   400 400 404 403 404 403 404 400 404",
        "b": "L   404 404 400 404 404 403 404 400 404",
        "c": "L   404 404 404 404 404 404 403 400 404",
        "int": "L   404 404 404 404 403 403 404 400 404",
    },
    "duties:meeting_cancel": {
        "a": "L   400 400 404 403 404 403 404 400 404",
        "b": "L   404 404 400 404 404 403 404 400 404",
        "c": "L   404 404 404 404 404 404 403 400 404",
        "int": "L   404 404 404 404 403 403 404 400 404",
    },
    "duties:attachment_download": {
        "a": "L   200 200 404 200 404 200 404 200 404",
        "b": "L   404 404 200 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "int": "L   404 404 404 404 200 200 404 200 404",
    },
    "duties:calendar": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
    },
    "duties:calendar_ics": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
    },
    "duties:public_meeting": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
        "int": "404 404 404 404 404 404 404 404 404 404",
    },
    "plans:public_list": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
    },
    "plans:public_detail": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
        "int": "404 404 404 404 404 404 404 404 404 404",
    },
    "plans:workspace": {
        "-": "L   200 200 200 200 200 200 200 200 200",
    },
    "plans:create": {
        "a": "L   200 200 404 403 404 403 404 200 404",
        "b": "L   404 404 200 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
    },
    "plans:create_for_agency": {
        "int": "L   404 404 404 404 403 403 404 200 404",
        "int_c": "L   404 404 404 404 404 404 403 200 404",
    },
    "plans:detail": {
        "a": "L   200 200 404 200 404 200 404 200 404",
        "b": "L   404 404 200 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "int": "L   404 404 404 404 200 200 404 200 404",
    },
    "plans:edit": {
        "a": "L   200 200 404 403 404 403 404 200 404",
        "b": "L   404 404 200 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    "plans:delete": {
        "a": "L   302 302 404 403 404 403 404 302 404",
        "b": "L   404 404 302 404 404 403 404 302 404",
        "c": "L   404 404 404 404 404 404 403 302 404",
        "int": "L   404 404 404 404 403 403 404 302 404",
    },
    "plans:add_section": {
        "a": "L   400 400 404 403 404 403 404 400 404",
        "b": "L   404 404 400 404 404 403 404 400 404",
        "c": "L   404 404 404 404 404 404 403 400 404",
        "int": "L   404 404 404 404 403 403 404 400 404",
    },
    "plans:task_create": {
        "a": "L   200 200 404 403 404 403 404 200 404",
        "b": "L   404 404 200 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    "plans:import": {
        "a": "L   200 200 404 403 404 403 404 200 404",
        "b": "L   404 404 200 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    "plans:issue": {
        "a": "L   403 400 404 403 404 403 404 400 404",
        "b": "L   404 404 403 404 404 403 404 400 404",
        "c": "L   404 404 404 404 404 404 403 400 404",
        "int": "L   404 404 404 404 403 403 404 400 404",
    },
    "plans:amend": {
        "a": "L   400 400 403 403 403 403 403 400 403",
        "b": "L   403 403 400 403 403 403 403 400 403",
        "c": "L   403 403 403 403 403 403 403 400 403",
        "int": "L   404 404 404 404 403 403 404 400 404",
    },
    "plans:cancel": {
        "a": "L   403 400 403 403 403 403 403 400 403",
        "b": "L   403 403 403 403 403 403 403 400 403",
        "c": "L   403 403 403 403 403 403 403 400 403",
        "int": "L   404 404 404 404 403 403 404 400 404",
    },
    "plans:cascade": {
        "a": "L   403 403 403 403 403 403 403 403 403",
        "b": "L   403 403 403 403 403 403 403 403 403",
        "c": "L   403 403 403 403 403 403 403 403 403",
        "int": "L   404 404 404 404 403 403 404 403 404",
    },
    "plans:copy_next_year": {
        "a": "L   302 302 403 403 403 403 403 302 403",
        "b": "L   403 403 302 403 403 403 403 302 403",
        "c": "L   403 403 403 403 403 403 403 302 403",
        "int": "L   404 404 404 404 403 403 404 302 404",
    },
    "plans:pdf": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
        "int": "404 404 404 404 404 200 200 404 200 404",
    },
    "plans:xlsx": {
        "a": "L   200 200 404 200 404 200 404 200 404",
        "b": "L   404 404 200 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "int": "L   404 404 404 404 200 200 404 200 404",
    },
    "plans:task": {
        "a": "L   200 200 404 200 404 200 404 200 404",
        "b": "L   404 404 200 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "int": "L   404 404 404 404 200 200 404 200 404",
    },
    "plans:task_edit": {
        "a": "L   200 200 404 403 404 403 404 200 404",
        "b": "L   404 404 200 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    "plans:task_delete": {
        "a": "L   302 302 404 403 404 403 404 302 404",
        "b": "L   404 404 302 404 404 403 404 302 404",
        "c": "L   404 404 404 404 404 404 403 302 404",
        "int": "L   404 404 404 404 403 403 404 302 404",
    },
    "plans:task_update": {
        "a": "L   400 400 404 403 404 403 404 400 404",
        "b": "L   404 404 400 404 404 403 404 400 404",
        "c": "L   404 404 404 404 404 404 403 400 404",
        "int": "L   404 404 404 404 403 403 404 400 404",
    },
    "plans:task_note": {
        "a": "L   403 403 404 403 404 403 404 403 404",
        "b": "L   404 404 403 404 404 403 404 403 404",
        "c": "L   404 404 404 404 404 404 403 403 404",
        "int": "L   404 404 404 404 403 403 404 403 404",
    },
    "plans:task_guidance": {
        "a": "L   400 400 404 403 404 403 404 400 404",
        "b": "L   404 404 400 404 404 403 404 400 404",
        "c": "L   404 404 404 404 404 404 403 400 404",
        "int": "L   404 404 404 404 403 403 404 400 404",
    },
    # A progress update's file: whoever may see the task (as plans:task); an agency's plan stays internal.
    "plans:attachment_download": {
        "a": "L   200 200 404 200 404 200 404 200 404",
        "b": "L   404 404 200 404 404 200 404 200 404",
        "c": "L   404 404 404 404 404 404 200 200 404",
        "int": "L   404 404 404 404 200 200 404 200 404",
    },
    "api:list_plans": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
    },
    "api:plan_detail": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
        "int": "404 404 404 404 404 200 200 404 200 404",
    },
    "regulations:board": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
    },
    "regulations:detail": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
        "int": "404 404 404 404 404 200 200 404 200 404",
    },
    "regulations:entry_pdf": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
        "int": "404 404 404 404 404 200 200 404 200 404",
    },
    "regulations:file": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
        "int": "404 404 404 404 404 200 200 404 200 404",
    },
    "regulations:draft_record": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
        "int": "404 404 404 404 404 200 200 404 200 404",
    },
    "regulations:create": {
        "a": "L   200 200 404 403 404 403 404 200 404",
        "b": "L   404 404 200 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
    },
    "regulations:create_for_agency": {
        "int": "L   404 404 404 404 403 403 404 200 404",
        "int_c": "L   404 404 404 404 404 404 403 200 404",
    },
    "regulations:replace": {
        "a": "L   400 400 404 403 404 403 404 400 404",
        "b": "L   404 404 400 404 404 403 404 400 404",
        "c": "L   404 404 404 404 404 404 403 400 404",
        "int": "L   404 404 404 404 403 403 404 400 404",
    },
    "regulations:issue": {
        "a": "L   200 200 404 403 404 403 404 200 404",
        "b": "L   404 404 200 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    # The communes' decisions are on Art. 15 items: the editors get the page (it says whether the
    # convention can be entered); an agency's is no convention: sent back to the decision's page.
    "regulations:issue_decision": {
        "a": "L   200 200 404 403 404 403 404 200 404",
        "b": "L   404 404 200 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
        "int": "L   404 404 404 404 403 403 404 302 404",
    },
    "regulations:paper": {
        "a": "L   403 200 404 403 404 403 404 200 404",
        "b": "L   404 404 403 404 404 403 404 200 404",
        "c": "L   404 404 404 404 404 404 403 200 404",
        "int": "L   404 404 404 404 403 403 404 200 404",
    },
    "follow:board": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
    },
    "follow:consultation": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
        "int": "404 404 404 404 404 404 404 404 404 404",
    },
    "follow:decision": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
        "int": "404 404 404 404 404 404 404 404 404 404",
    },
    "follow:mine": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
        "int": "404 404 404 404 404 404 404 404 404 404",
    },
    "follow:requested": {
        "-": "200 200 200 200 200 200 200 200 200 200",
    },
    "follow:confirm": {
        "-": "410 410 410 410 410 410 410 410 410 410",
    },
    "follow:unsubscribe": {
        "-": "200 200 200 200 200 200 200 200 200 200",
    },
    "follow:deadlines": {
        "-": "L   200 200 200 200 200 200 200 200 200",
    },
    "follow:consultations_rss": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
    },
    "follow:consultations_atom": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
    },
    "follow:decisions_rss": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
    },
    "follow:decisions_atom": {
        "a": "200 200 200 200 200 200 200 200 200 200",
        "b": "200 200 200 200 200 200 200 200 200 200",
        "c": "200 200 200 200 200 200 200 200 200 200",
    },
}

# --- Coverage -----------------------------------------------------------------------------------


def excluded(route: str, pattern: URLPattern) -> bool:
    if route.startswith(("admin/", "i18n/", "static/", "media/")):
        return True
    # Django's own login/logout (LoginView/LogoutView); the project's accounts/ views stay in.
    return getattr(pattern.callback, "__module__", "") == "django.contrib.auth.views"


def url_patterns(resolver=None, prefix="", namespace=""):
    """(key, route) of every pattern: the URL name with its namespace, else the route string."""
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from url_patterns(p, prefix + str(p.pattern), ns)
        elif not excluded(prefix + str(p.pattern), p):
            yield (f"{namespace}{p.name}" if p.name else prefix + str(p.pattern)), prefix + str(p.pattern)


def test_every_url_pattern_has_an_entry():
    patterns = dict(url_patterns())
    assert len(patterns) == len(list(url_patterns())), "two patterns share a name"
    missing = sorted(set(patterns) - set(ROUTES))
    assert not missing, "URL patterns without an entry in the matrix (add them to ROUTES):\n" + "\n".join(
        f"  {key}  ({patterns[key]})" for key in missing
    )
    assert not sorted(set(ROUTES) - set(patterns)), "entries for URLs that no longer exist"
    assert set(EXPECTED) == set(ROUTES), "ROUTES and EXPECTED must name the same URLs"
    for name, route in ROUTES.items():
        assert set(EXPECTED[name]) == set(route.on), name
        for line in EXPECTED[name].values():
            assert len(line.split()) == len(USERS), name


# --- The matrix ---------------------------------------------------------------------------------

DOWNLOAD_TYPES = ("application/pdf", "application/vnd.openxmlformats", "image/svg", "application/octet")


def outcome(response) -> str:
    if response.status_code == 302:
        if response.url.startswith(reverse("login")):
            return "L"
        if response.url.startswith((reverse("second_factor_verify"), reverse("second_factor_setup"))):
            return "V"
        return "302"
    return str(response.status_code)


def served_a_file(response) -> bool:
    body = b"" if getattr(response, "streaming", False) else response.content
    return (
        "attachment" in response.get("Content-Disposition", "")
        or response.get("Content-Type", "").startswith(DOWNLOAD_TYPES)
        or body.startswith((b"%PDF", b"PK\x03\x04", b"<svg", b"<?xml"))
    )


def request(client, method, url):
    cache.clear()  # rate limits count per client in the cache
    with transaction.atomic():
        response = client.get(url) if method == "GET" else client.post(url, {})
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
        transaction.set_rollback(True)
    return response


def url_of(name, route, bundle):
    url = reverse(name, args=route.args(bundle))
    assert resolve(url).url_name  # the arguments fit the pattern
    return f"{url}?{route.query}" if route.query else url


@pytest.fixture
def bundles(cast, make_disclosure, make_consultation, make_report, settings, tmp_path):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path
    return matrix_objects.build(cast, make_disclosure, make_consultation, make_report)


def record(path, seen):
    lines = ["EXPECTED = {"]
    lines.append(f"    # columns: {' '.join(USERS)}")
    for name in ROUTES:
        lines.append(f'    "{name}": {{')
        for label in ROUTES[name].on:
            lines.append(f'        "{label}": "{" ".join(t.ljust(3) for t in seen[name][label]).rstrip()}",')
        lines.append("    },")
    lines.append("}")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


@pytest.mark.slow
def test_the_url_matrix(client, cast, bundles):
    seen = {name: {label: [] for label in route.on} for name, route in ROUTES.items()}
    failures = []
    for who in USERS:
        if who != "anonymous":
            client.force_login(getattr(cast, who))
        for name, route in ROUTES.items():
            for label in route.on:
                url = url_of(name, route, bundles[label])
                response = request(client, route.method, url)
                got = outcome(response)
                seen[name][label].append(got)
                if route.download and got != "200" and served_a_file(response):
                    failures.append(f"{who} {route.method} {url} ({name}, {label}): {got} WITH the file")
        client.logout()
    # A POST-only URL does not answer GET, whoever asks.
    client.force_login(cast.admin)
    for name, route in ROUTES.items():
        if route.method == "POST":
            for label in route.on:
                got = outcome(request(client, "GET", url_of(name, route, bundles[label])))
                if got != "405":
                    failures.append(f"admin GET {name} ({label}): {got}, expected 405 (POST only)")
    if path := os.environ.get("URL_MATRIX_RECORD"):
        record(path, seen)
    counts = Counter(t for lines in seen.values() for tokens in lines.values() for t in tokens)
    cells = sum(len(lines) for lines in seen.values()) * len(USERS)
    print(f"\nURL matrix: {len(ROUTES)} patterns, {cells} cells; outcomes {dict(sorted(counts.items()))}")
    for name, lines in seen.items():
        for label, tokens in lines.items():
            want = EXPECTED.get(name, {}).get(label, "").split()
            for who, got, exp in zip(USERS, tokens, want or ["?"] * len(USERS), strict=True):
                if got != exp:
                    failures.append(
                        f"{who} {ROUTES[name].method} {name} ({label}): got {got}, expected {exp}"
                    )
    assert not failures, f"{len(failures)} cells differ:\n" + "\n".join(failures[:200])


# --- The unverified dimension (issue 18, item 2) -------------------------------------------------
# With the second factor required, a user whose role needs it and who has typed only a password is
# anonymous on every path until the code: the staff pages and the admin send them to the code (V), every
# other cell equals the anonymous column, and only the account pages (/accounts/) see them. A role outside
# the list keeps its own column.
FACTOR_ROLES = ["reviewer", "approver", "administrator"]
UNVERIFIED = ["approver_a", "reviewer_p", "reviewer_q", "admin", "clerk_a"]


def expected_unverified(who, url, name, label):
    line = EXPECTED[name][label].split()
    own = line[USERS.index(who)]
    if who == "clerk_a" or url.startswith("/accounts/"):
        return own
    if url.startswith(("/staff/", "/admin/")):
        return "V"
    return line[USERS.index("anonymous")]


@pytest.mark.slow
def test_the_url_matrix_of_sessions_that_owe_the_second_factor(client, cast, bundles, settings):
    settings.SECOND_FACTOR_ROLES = FACTOR_ROLES
    failures = []
    for who in UNVERIFIED:
        client.force_login(getattr(cast, who))  # a password only: no code in this session
        for name, route in ROUTES.items():
            for label in route.on:
                url = url_of(name, route, bundles[label])
                response = request(client, route.method, url)
                got, want = outcome(response), expected_unverified(who, url, name, label)
                if got != want:
                    failures.append(f"{who} {route.method} {name} ({label}): got {got}, expected {want}")
                if route.download and got != "200" and served_a_file(response):
                    failures.append(f"{who} {route.method} {url} ({name}, {label}): {got} WITH the file")
        client.logout()
    assert not failures, f"{len(failures)} cells differ:\n" + "\n".join(failures[:200])
