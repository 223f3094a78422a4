"""Documents and PDFs in an S3-compatible object store (STORAGE_URL, django-storages), against a real
S3 server: `.ci/run` starts moto's server and exports STORAGE_TEST_URL (e.g.
s3://test:test@portal-test?endpoint_url=http://127.0.0.1:5208&region=us-east-1).

Whatever the store, a file is served through the same permission checks: the bucket is private and the
portal streams the file after `access.py` said yes (an outsider gets 404 for an agency's document)."""

import os
import uuid

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from democracy.settings import object_storage
from disclosures.models import Record
from disclosures.records import render_pending
from tests.disclosures.conftest import PDF_BYTES, attach, make_disclosure  # noqa: F401 (fixture)

pytestmark = [pytest.mark.s3, pytest.mark.slow]


def storage_url() -> str:
    url = os.environ.get("STORAGE_TEST_URL")
    if not url:
        pytest.fail("This test needs an S3-compatible server: export STORAGE_TEST_URL (.ci/run starts moto).")
    return url


@pytest.fixture
def bucket(settings):
    """A fresh bucket on the S3 server, and the portal's default storage pointing at it."""
    backend = object_storage(storage_url())
    options = dict(backend["OPTIONS"], bucket_name=f"portal-test-{uuid.uuid4().hex[:8]}")
    client = boto3.client(
        "s3",
        endpoint_url=options["endpoint_url"],
        region_name=options["region_name"] or "us-east-1",
        aws_access_key_id=options.get("access_key") or "test",
        aws_secret_access_key=options.get("secret_key") or "test",
    )
    client.create_bucket(Bucket=options["bucket_name"])
    settings.STORAGES = {**settings.STORAGES, "default": {**backend, "OPTIONS": options}}
    yield client, options["bucket_name"]
    listed = client.list_objects_v2(Bucket=options["bucket_name"]).get("Contents", [])
    for entry in listed:
        client.delete_object(Bucket=options["bucket_name"], Key=entry["Key"])
    client.delete_bucket(Bucket=options["bucket_name"])


def keys(client, name) -> list[str]:
    return [e["Key"] for e in client.list_objects_v2(Bucket=name).get("Contents", [])]


def test_storage_url_reads_the_bucket_the_keys_and_the_endpoint():
    backend = object_storage("s3://AK:S%2FK@docs/portal?endpoint_url=https://s3.example.vn&region=hn")
    assert backend["BACKEND"] == "storages.backends.s3.S3Storage"
    options = backend["OPTIONS"]
    assert (options["bucket_name"], options["location"], options["access_key"], options["secret_key"]) == (
        "docs", "portal", "AK", "S/K",
    )  # fmt: skip
    assert options["endpoint_url"] == "https://s3.example.vn" and options["region_name"] == "hn"
    assert options["file_overwrite"] is False and options["default_acl"] is None


def test_a_document_and_a_record_are_stored_in_the_bucket_and_served_through_the_checks(
    client,
    cast,
    bucket,
    make_disclosure,  # noqa: F811
):
    s3, name = bucket
    day = timezone.localdate()
    posting = make_disclosure(state="published", published_on=day, decision_date=day)
    document = attach(posting)
    assert document.file.name in keys(s3, name)
    response = client.get(reverse("disclosures:document", args=[document.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES

    # The posting record, rendered by the PDF task (here in this process), is in the bucket too.
    record = Record.objects.get(disclosure=posting)
    assert render_pending([record.pk]) == 1
    record.refresh_from_db()
    assert record.pdf.name in keys(s3, name)
    pdf = client.get(reverse("disclosures:record", args=[record.pk]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_an_agency_document_in_the_bucket_is_still_hidden_from_an_outsider(
    client,
    cast,
    bucket,
    make_disclosure,  # noqa: F811
):
    s3, name = bucket
    internal = make_disclosure(cast.agency_a)
    document = attach(internal)
    assert document.file.name in keys(s3, name)
    assert client.get(reverse("disclosures:document", args=[document.pk])).status_code == 404
    client.force_login(cast.staff_agency_a)
    assert client.get(reverse("disclosures:document", args=[document.pk])).status_code == 200


def test_a_second_file_of_the_same_name_never_replaces_the_first(bucket):
    s3, name = bucket
    first = default_storage.save("records/same.pdf", ContentFile(b"%PDF-1 first"))
    second = default_storage.save("records/same.pdf", ContentFile(b"%PDF-1 second"))
    assert first != second and {first, second} <= set(keys(s3, name))
    with default_storage.open(first) as f:
        assert f.read() == b"%PDF-1 first"
