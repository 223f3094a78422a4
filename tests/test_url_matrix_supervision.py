"""The supervision boards' URLs × the new roles (issue 12): a board member (Role.INSPECTOR) of commune A
and one of agency A, the Fatherland Front officers (Role.FRONT_OFFICER) of communes A and C, each on the
objects of their own unit and of the others (the scenarios of tests/matrix_objects.py). The cast's
users on the same URLs are in tests/test_url_matrix.py.

Read: any role on the owner. Compose (members, election, by-election): the Front and the unit's editors.
Recognise, receive, notify the investor: the Front (for an agency's board: its approvers, for the union).
Act as the board (plans, inspections, recommendations, reports): the board's members. A Front officer
holds no role on the commune's agencies (the union directs an agency's board, Art. 62)."""

import pytest

from tests.conftest import make_user
from tests.consultations.conftest import make_consultation  # noqa: F401 (fixture)
from tests.disclosures.conftest import make_disclosure  # noqa: F401 (fixture)
from tests.reports.conftest import make_report  # noqa: F401 (fixture)
from tests.test_url_matrix import ROUTES, bundles, outcome, request, served_a_file, url_of  # noqa: F401
from units.models import Role

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

USERS = ["inspector_a", "inspector_int", "front_a", "front_c"]

R = {"a": "200 404 200 404", "b": "404 404 404 404", "c": "404 404 404 200", "int": "404 200 404 404"}
COMPOSE = {"a": "403 404 200 404", "b": "404 404 404 404", "c": "404 404 404 200", "int": "404 403 404 404"}
ACT = {"a": "200 404 403 404", "b": "404 404 404 404", "c": "404 404 404 403", "int": "404 200 404 404"}
UNIT_R = {k: R[k] for k in "abc"}
AGENCY_R = {"int": R["int"], "int_c": "404 404 404 404"}

EXPECTED = {
    "supervision:boards": UNIT_R,
    "supervision:boards_for_agency": AGENCY_R,
    "supervision:board_create": {k: COMPOSE[k] for k in "abc"},
    "supervision:board_create_for_agency": {"int": COMPOSE["int"], "int_c": "404 404 404 404"},
    "supervision:board": R,
    "supervision:member_add": COMPOSE,
    # Posted empty: the Front's POST returns to the board with the reason (a recognised board's member
    # leaves with a date, is not removed).
    "supervision:member_remove": {**COMPOSE, "a": "403 404 302 404", "c": "404 404 404 302"},
    "supervision:member_leave": COMPOSE,
    "supervision:election": COMPOSE,
    "supervision:recognition": COMPOSE,
    "supervision:investor_notice": COMPOSE,
    "supervision:plan_create": ACT,
    "supervision:inspection_create": ACT,
    "supervision:inspection": R,
    "supervision:inspection_pdf": R,
    "supervision:recommendation_create": ACT,
    "supervision:report_create": ACT,
    "supervision:report": R,
    "supervision:report_pdf": R,
    # The recommendations the boards make, read by the Front, written by the board's members.
    "consultations:recommendation_detail": R,
    "consultations:recommendations": UNIT_R,
    "consultations:recommendation_create": {k: ACT[k] for k in "abc"},
    "consultations:recommendation_create_for_agency": {"int": ACT["int"], "int_c": "404 404 404 404"},
}


def test_every_supervision_url_is_in_this_matrix():
    assert {name for name in ROUTES if name.startswith("supervision:")} <= set(EXPECTED)
    for name, lines in EXPECTED.items():
        assert set(lines) == set(ROUTES[name].on), name
        assert all(len(line.split()) == len(USERS) for line in lines.values()), name


def test_the_supervision_matrix(client, cast, bundles):  # noqa: F811
    users = {
        "inspector_a": cast.inspector_a,
        "inspector_int": make_user("inspector_int", Role.INSPECTOR, agency=cast.agency_a),
        "front_a": make_user("front_a", Role.FRONT_OFFICER, unit=cast.a),
        "front_c": make_user("front_c", Role.FRONT_OFFICER, unit=cast.c),
    }
    failures = []
    for column, who in enumerate(USERS):
        client.force_login(users[who])
        for name, lines in EXPECTED.items():
            route = ROUTES[name]
            for label, line in lines.items():
                url = url_of(name, route, bundles[label])
                response = request(client, route.method, url)
                got, want = outcome(response), line.split()[column]
                if got != want:
                    failures.append(f"{who} {route.method} {name} ({label}): got {got}, expected {want}")
                if route.download and got != "200" and served_a_file(response):
                    failures.append(f"{who} {name} ({label}): {got} WITH the file")
        client.logout()
    assert not failures, f"{len(failures)} cells differ:\n" + "\n".join(failures)
