"""Art. 46: an agency's disclosures are internal. Only its own people and the reviewers and
administrators above it may read them; to anyone else they do not exist, by any path. And a commune's
drafts are seen by nobody outside the commune."""

import datetime as dt
import uuid

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from disclosures.models import Feedback, Record

from .conftest import PDF_BYTES, attach

SECRET = "Kế hoạch nâng lương nội bộ văn phòng"
DRAFT = "Dự thảo quy chế chi tiêu chưa công khai"
OUTSIDERS = [None, "clerk_a", "approver_a", "inspector_a", "clerk_b", "reviewer_q", "nobody"]
INSIDERS = ["staff_agency_a", "reviewer_p", "admin"]
DRAFT_OUTSIDERS = [None, "clerk_b", "reviewer_q", "staff_agency_a", "nobody"]
DRAFT_INSIDERS = ["clerk_a", "approver_a", "reviewer_p", "admin"]


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


def recent(days=2):
    return timezone.localdate() - dt.timedelta(days=days)


def with_pdf(disclosure):
    record = Record.objects.get(disclosure=disclosure, kind=Record.Kind.POSTING)
    if not record.pdf:
        record.pdf.save(f"bien-ban-{disclosure.pk}.pdf", ContentFile(PDF_BYTES))
    return record


@pytest.fixture
def internal(cast, make_disclosure):
    """An open internal posting of agency A (which sits in commune A), with a document and a record."""
    d = make_disclosure(
        cast.agency_a, state="published", published_on=recent(), decision_date=recent(3), title=SECRET,
        summary="Danh sách nâng bậc lương năm nay.", decision_number="88/QĐ-VP",
    )  # fmt: skip
    return d, attach(d, name="nang-luong.pdf"), with_pdf(d)


@pytest.fixture
def draft(make_disclosure):
    d = make_disclosure(title=DRAFT, decision_number="99/DT-UBND")
    return d, attach(d, name="du-thao.pdf")


def login(client, cast, who):
    if who:
        client.force_login(getattr(cast, who))
    return client


def public_paths():
    """Every page that lists public disclosures: none may carry an internal one."""
    return [
        reverse("disclosures:board", args=["07282"]),
        reverse("disclosures:archive", args=["07282"]),
        reverse("disclosures:archive", args=["07282"]) + "?q=nang+luong",
        reverse("disclosures:archive", args=["07282"]) + "?q=88%2FQD",
        reverse("disclosures:feed_rss", args=["07282"]),
        reverse("disclosures:feed_atom", args=["07282"]),
    ]


@pytest.mark.parametrize("who", OUTSIDERS + INSIDERS)
def test_no_board_archive_search_or_feed_ever_lists_an_internal_disclosure(client, cast, internal, who):
    login(client, cast, who)
    for path in public_paths():
        response = client.get(path)
        assert response.status_code == 200, path
        assert SECRET not in response.content.decode(), path


@pytest.mark.parametrize("who", OUTSIDERS)
def test_an_outsider_cannot_reach_an_internal_disclosure_by_any_path(client, cast, internal, who):
    d, document, record = internal
    login(client, cast, who)
    for path in [
        reverse("disclosures:detail", args=[d.pk]),
        reverse("disclosures:document", args=[document.pk]),
        reverse("disclosures:record", args=[record.pk]),
        f"/api/v1/disclosures/{d.pk}",
    ]:
        response = client.get(path)
        assert response.status_code == 404, path
        assert SECRET not in response.content.decode(), path
    response = client.post(
        reverse("disclosures:feedback", args=[d.pk]),
        {"kind": "question", "text": "Tôi có được nâng lương không?", "form_token": str(uuid.uuid4())},
    )
    assert response.status_code == 404
    assert Feedback.objects.count() == 0
    for code in ["07282", "07288", "00070"]:
        for state in ["published", "all"]:
            body = client.get(f"/api/v1/units/{code}/disclosures?state={state}").content.decode()
            assert SECRET not in body


@pytest.mark.parametrize("who", INSIDERS)
def test_the_agency_staff_and_the_reviewers_above_read_it(client, cast, internal, who):
    d, document, record = internal
    login(client, cast, who)
    page = client.get(reverse("disclosures:detail", args=[d.pk]))
    assert page.status_code == 200
    assert SECRET in page.content.decode() and "Thông tin nội bộ" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    download = client.get(reverse("disclosures:document", args=[document.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF_BYTES
    assert "no-store" in download["Cache-Control"]
    assert client.get(reverse("disclosures:record", args=[record.pk])).status_code == 200
    assert client.get(f"/api/v1/disclosures/{d.pk}").json()["title"] == SECRET
    listed = client.get("/api/v1/units/07282/disclosures").json()
    assert SECRET in {r["title"] for r in listed["results"]}


def test_only_the_agency_own_people_may_comment_on_it(client, cast, internal):
    d = internal[0]
    url = reverse("disclosures:feedback", args=[d.pk])
    data = {"kind": "comment", "text": "Đề nghị công bố tiêu chí.", "form_token": str(uuid.uuid4())}
    client.force_login(cast.reviewer_p)
    assert 'name="text"' not in client.get(reverse("disclosures:detail", args=[d.pk])).content.decode()
    assert client.post(url, data).status_code == 403
    client.force_login(cast.staff_agency_a)
    assert 'name="text"' in client.get(reverse("disclosures:detail", args=[d.pk])).content.decode()
    assert client.post(url, data).status_code == 302
    assert Feedback.objects.get().disclosure == d


@pytest.mark.parametrize("who", DRAFT_OUTSIDERS)
def test_nobody_outside_the_commune_sees_its_drafts_by_id_search_or_api(client, cast, draft, who):
    d, document = draft
    login(client, cast, who)
    for path in [
        reverse("disclosures:detail", args=[d.pk]),
        reverse("disclosures:document", args=[document.pk]),
        reverse("disclosures:record", args=[999999]),
        f"/api/v1/disclosures/{d.pk}",
    ]:
        assert client.get(path).status_code == 404, path
    assert client.post(reverse("disclosures:feedback", args=[d.pk]), {"text": "?"}).status_code == 404
    for path in [*public_paths(), "/api/v1/units/07282/disclosures?state=all"]:
        assert DRAFT not in client.get(path).content.decode(), path


@pytest.mark.parametrize("who", DRAFT_INSIDERS)
def test_the_commune_people_and_reviewers_read_a_draft_but_it_stays_off_the_public_pages(
    client, cast, draft, who
):
    d, document = draft
    login(client, cast, who)
    page = client.get(reverse("disclosures:detail", args=[d.pk])).content.decode()
    assert DRAFT in page and "chưa công khai" in page and 'name="text"' not in page
    assert client.get(reverse("disclosures:document", args=[document.pk])).status_code == 200
    assert client.get(f"/api/v1/disclosures/{d.pk}").status_code == 200
    for path in [*public_paths(), "/api/v1/units/07282/disclosures?state=all"]:
        assert DRAFT not in client.get(path).content.decode(), path
