"""Bad input never gets a 500 (issue 18 item 9): a property-style sweep over every form and API parameter.

Nothing is listed by hand. The forms are found by requesting every page of the URL matrix
(tests/test_url_matrix.py ROUTES, on the objects of tests/matrix_objects.py) as each role and reading the
`<form>`s in the HTML; the API's parameters come from its OpenAPI schema. Each field in turn gets the
boundary values below (the other fields keep what the page filled in), each request inside a savepoint
rolled back afterwards. Any answer is fine but a 500: a form error, a 400, a 404, a 422.
"""

import json
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import Resolver404, resolve, reverse

from tests import matrix_objects
from tests.consultations.conftest import make_consultation  # noqa: F401 (fixture)
from tests.disclosures.conftest import make_disclosure  # noqa: F401 (fixture)
from tests.reports.conftest import make_report  # noqa: F401 (fixture)
from tests.test_url_matrix import ROUTES

BOUNDARY = [
    "01/01/0001", "0001-01-01", "31/12/9999", "9999-12-31", "31/12/9999 23:59", "9999-12-31T23:59",
    "01/01/0001 00:00", str(2**31), str(2**63), str(-(2**63)), str(10**30), "-1", "0", "1e400", "abc\x00def", "",
]  # fmt: skip
HUGE = "x" * (10 * 1024 * 1024)
ROLES = ["clerk_a", "approver_a", "inspector_a", "staff_agency_a", "reviewer_p", "admin", "anonymous"]
SCENARIOS = ("a", "int", "p", "-")


class Forms(HTMLParser):
    """The forms of a page: [{"action", "method", "fields": {name: value}}]; file inputs left out."""

    def __init__(self):
        super().__init__()
        self.forms, self.current, self.select, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.current = {"action": a.get("action") or "", "method": (a.get("method") or "get").lower(),
                            "fields": {}}  # fmt: skip
            self.forms.append(self.current)
        elif self.current is None:
            return
        elif tag == "input" and a.get("name") and a.get("type") not in ("file", "submit", "button"):
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a or not self.current["fields"].get(a["name"]):
                    self.current["fields"][a["name"]] = a.get("value") or "on"
            else:
                self.current["fields"][a["name"]] = a.get("value") or plausible(a)
        elif tag == "button" and a.get("name"):
            self.current["fields"].setdefault(a["name"], a.get("value") or "")
        elif tag == "select" and a.get("name"):
            self.select = a["name"]
            self.current["fields"].setdefault(self.select, "")
        elif tag == "option" and self.select:
            if not self.current["fields"][self.select] or "selected" in a:
                self.current["fields"][self.select] = a.get("value") or ""
        elif tag == "textarea" and a.get("name"):
            self.textarea = a["name"]
            self.current["fields"][self.textarea] = ""

    def handle_data(self, data):
        if self.current is not None and self.textarea:
            self.current["fields"][self.textarea] += data.strip()

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            if self.current is not None and self.textarea and not self.current["fields"][self.textarea]:
                self.current["fields"][self.textarea] = "Hộ 1\nHộ 2\nHộ 3"
            self.textarea = None


def plausible(attrs) -> str:
    """A valid-looking value for an empty input, so that one bad field reaches the code behind the form."""
    kind, hint = attrs.get("type", "text"), attrs.get("placeholder", "")
    if kind == "date":
        return "2024-02-07"
    if kind == "datetime-local":
        return "2024-02-07T09:00"
    if kind == "number" or attrs.get("inputmode") == "numeric":
        return "5"
    if "hh:mm" in hint:
        return "07/02/2024 09:00"
    if "yyyy" in hint or "nnnn" in hint:
        return "07/02/2024"
    return "Nội dung 1"


def send(client, method, url, data):
    cache.clear()  # rate limits
    with transaction.atomic():
        if method == "post":
            response = client.post(url, data)
        else:
            response = client.get(url, data)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
        transaction.set_rollback(True)
    return response


@pytest.fixture
def bundles(cast, make_disclosure, make_consultation, make_report, settings, tmp_path):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path
    return matrix_objects.build(cast, make_disclosure, make_consultation, make_report)


def discovered_forms(client, cast, bundles):
    """(role, page, form) for every form any role sees on any page of the matrix, once per view and set
    of field names."""
    seen, found = set(), []
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(getattr(cast, role))
        for name, route in ROUTES.items():
            if route.method != "GET" or route.download or name.startswith("api:"):
                continue
            for label in set(route.on) & set(SCENARIOS):
                page = reverse(name, args=route.args(bundles[label]))
                response = send(client, "get", page, {})
                if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                    continue
                parser = Forms()
                parser.feed(response.content.decode())
                for form in parser.forms:
                    action = urlsplit(form["action"]).path or page
                    try:
                        view = resolve(action).view_name  # one form per view, whichever object it is on
                    except Resolver404:
                        continue
                    key = (view, form["method"], frozenset(form["fields"]))
                    if form["fields"] and key not in seen and not action.startswith(("/i18n/", "/accounts/")):
                        seen.add(key)
                        found.append((role, page, {**form, "action": action}))
    return found


@pytest.mark.slow
def test_no_form_field_answers_a_500_to_boundary_values(client, cast, bundles):
    client.raise_request_exception = False
    forms = discovered_forms(client, cast, bundles)
    assert len(forms) > 20  # the discovery works
    failures = []
    for role, _page, form in forms:
        client.logout()
        if role != "anonymous":
            client.force_login(getattr(cast, role))
        for field in form["fields"]:
            for value in BOUNDARY:
                data = {**form["fields"], field: value}
                response = send(client, form["method"], form["action"], data)
                if response.status_code >= 500:
                    failures.append(f"{role} {form['method']} {form['action']} {field}={value[:20]!r}")
        first = next(iter(form["fields"]))
        response = send(client, form["method"], form["action"], {**form["fields"], first: HUGE})
        if response.status_code >= 500:
            failures.append(f"{role} {form['method']} {form['action']} {first}=<10 MB>")
    assert not failures, f"{len(failures)} answers were 500:\n" + "\n".join(failures)


def api_operations(client):
    schema = json.loads(client.get(reverse("api:openapi-json")).content)
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            if method == "get":
                yield path, operation.get("parameters", [])


@pytest.mark.slow
def test_no_api_parameter_answers_a_500_to_boundary_values(client, cast, bundles):
    client.raise_request_exception = False
    client.force_login(cast.admin)
    good = {
        "code": bundles["a"].code, "id": bundles["a"].disclosure.pk, "pk": bundles["a"].disclosure.pk,
        "from": "2024-02-07", "add": "5", "days": "20",
    }  # fmt: skip
    operations = list(api_operations(client))
    assert len(operations) > 8
    failures = []
    for path, parameters in operations:
        names = {p["name"]: p["in"] for p in parameters}
        base_path = {
            n: str(good.get(n, bundles["a"].disclosure.pk)) for n, where in names.items() if where == "path"
        }
        base_query = {n: good[n] for n, where in names.items() if where == "query" and n in good}
        for name, where in names.items():
            for value in [*BOUNDARY, "99999999999999999999999", HUGE[:100_000]]:
                path_args = {**base_path, **({name: value} if where == "path" else {})}
                query = {**base_query, **({name: value} if where == "query" else {})}
                url = path
                for k, v in path_args.items():
                    url = url.replace("{" + k + "}", v.replace("/", "%2F").replace("\x00", "%00"))
                response = send(client, "get", url + "?" + urlencode(query), {})
                if response.status_code >= 500:
                    failures.append(f"GET {path} {name}={value[:20]!r}: {response.status_code}")
    assert not failures, f"{len(failures)} answers were 500:\n" + "\n".join(failures)
