"""In English, the main public and staff pages show no Vietnamese but the data's own words (issue 15, item 6).

The objects are the URL matrix's (tests/matrix_objects.py: a published disclosure with a question and a
record, an open consultation with a comment, tallied decisions and an online vote, a meeting, a
recommendation, the period's report, a province's roll-up). Each page is rendered for the user who works
with it, with the language switcher's cookie set to English; every text node and every attribute a
person reads is searched for Vietnamese letters after removing what users and the law wrote: the names
of units, agencies and people, titles and texts typed in, document numbers, and quoted legal titles.
Explanations the portal computed (deadlines, windows, outcomes) are not data: they must be English.
"""

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import reverse

from tests import matrix_objects
from tests.consultations.conftest import make_consultation  # noqa: F401 (fixture)
from tests.disclosures.conftest import make_disclosure  # noqa: F401 (fixture)
from tests.reports.conftest import make_report  # noqa: F401 (fixture)

VIETNAMESE = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE
)
# Names the English text cites as they are: legal titles and document-number suffixes, the legal
# lettering of points (a, b, c, d, đ, e), the language switcher's "Tiếng Việt" (a language is offered in
# its own name), the Vietnamese sheet of the XLSX file a sentence points to.
QUOTED = [
    "Luật Thực hiện dân chủ ở cơ sở",
    "NĐ-CP",
    "point đ",
    "Tiếng Việt",
    "“Đơn vị”",
]
# Fields the portal fills itself: they must follow the reader's language, so they are never allowed.
COMPUTED = {
    "posting_deadline_explanation",
    "window_explanation",
    "period_explanation",
    "outcome_explanation",
    "due_explanation",
    "label_vi",
}
READ_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt", "content"}

# (user, URL name, bundle label, bundle attribute for the argument or None)
PAGES = [
    ("anonymous", "home", "-", None),
    ("anonymous", "units:detail", "a", "code"),
    ("anonymous", "disclosures:board", "a", "code"),
    ("anonymous", "disclosures:archive", "a", "code"),
    ("anonymous", "disclosures:detail", "a", "disclosure"),
    ("anonymous", "consultations:board", "a", "code"),
    ("anonymous", "consultations:detail", "a", "consultation"),
    ("anonymous", "consultations:decisions_board", "a", "code"),
    ("anonymous", "consultations:decision_public", "a", "decision"),
    ("anonymous", "disclosures:register_pick", "a", "code"),
    ("clerk_a", "units:workspace", "-", None),
    ("clerk_a", "disclosures:workspace", "-", None),
    ("clerk_a", "disclosures:create", "a", "code"),
    ("clerk_a", "disclosures:staff_detail", "a", "disclosure"),
    ("clerk_a", "consultations:workspace", "-", None),
    ("clerk_a", "consultations:staff_detail", "a", "consultation"),
    ("clerk_a", "consultations:decision_detail", "a", "decision"),
    ("clerk_a", "consultations:recommendation_detail", "a", "recommendation"),
    ("clerk_a", "reports:list", "-", None),
    ("clerk_a", "reports:detail", "a", "report"),
    ("approver_a", "disclosures:staff_detail", "a", "disclosure"),
    ("reviewer_p", "reports:dashboard", "-", None),
    ("reviewer_p", "reports:area", "p", "code"),
    ("reviewer_p", "reports:rollup_detail", "p", "rollup"),
]


class TextNodes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        for name, value in attrs:
            if value and name in READ_ATTRIBUTES:
                self.texts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.texts.append(data.strip())


def written_by_people() -> list[str]:
    """Every string stored in the project's tables but the computed ones, longest first."""
    found = set(QUOTED)
    for model in apps.get_models():
        if model._meta.app_label not in ("units", "disclosures", "consultations", "reports", "democracy"):
            continue
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField)) and f.name not in COMPUTED
        ]
        for row in model.objects.values_list(*fields):
            found.update(value for value in row if value)
    for first, last in get_user_model().objects.values_list("first_name", "last_name"):
        found.update(v for v in (first, last, f"{last} {first}".strip()) if v)
    return sorted(found, key=len, reverse=True)


def vietnamese_left(html: str, allowed: list[str]) -> list[str]:
    parser = TextNodes()
    parser.feed(html)
    left = []
    for text in parser.texts:
        if text.endswith("…") and any(words.startswith(text[:-1]) for words in allowed):
            continue  # a title or a label shortened on a list
        rest = text
        for words in allowed:
            if words in rest:
                rest = rest.replace(words, " ")
        if VIETNAMESE.search(rest):
            left.append(text)
    return left


@pytest.fixture
def bundles(cast, make_disclosure, make_consultation, make_report, settings, tmp_path):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path
    return matrix_objects.build(cast, make_disclosure, make_consultation, make_report)


def test_the_main_pages_in_english_show_vietnamese_only_in_names_and_quoted_titles(client, cast, bundles):
    allowed = written_by_people()
    failures = []
    for who, name, label, attribute in PAGES:
        client.logout()
        if who != "anonymous":
            client.force_login(getattr(cast, who))
        client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"  # logging out forgets cookies
        bundle = bundles[label]
        args = []
        if attribute:
            value = getattr(bundle, attribute)
            args = [getattr(value, "pk", value)]
        url = reverse(name, args=args)
        response = client.get(url, follow=True)
        assert response.status_code == 200, f"{who} {url}: {response.status_code}"
        assert response["Content-Language"] == "en"
        for text in vietnamese_left(response.content.decode(), allowed):
            failures.append(f"{who} {url}: {text[:160]!r}")
    unique = list(dict.fromkeys(failures))
    assert not unique, f"{len(unique)} Vietnamese strings on English pages:\n" + "\n".join(unique)
