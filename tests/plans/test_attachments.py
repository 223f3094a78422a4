"""Files on progress updates: posted with the update (checked as every upload of the portal), listed on
the task page, downloaded only by those who may see the task, refused with a Vietnamese message and
nothing half-saved, never deleted."""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import ProtectedError
from django.urls import reverse

from democracy.models import Action, AuditEvent
from reports.plans import actions
from reports.plans.models import Status, TaskAttachment, TaskUpdate
from tests.disclosures.conftest import PDF_BYTES
from tests.plans.test_views import login


def _pdf(name="bien-ban-hoi-nghi.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def _stored():
    root = Path(settings.MEDIA_ROOT) / "plans"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def commune_task(cast, plan):
    """Commune A's own issued plan made from the province's, and its task II.1.a that A leads."""
    child = actions.cascade(plan, owner=cast.a, by=cast.clerk_a, date=dt.date(2024, 3, 20))
    actions.issue(child, by=cast.admin, number=12)
    return child.tasks.get(code="II.1.a")


def _post(client, task, **extra):
    data = {"status": "in_progress", "on": "02/05/2024", "text": "Đã tổ chức hội nghị", **extra}
    return client.post(reverse("plans:task_update", args=[task.pk]), data)


def test_the_lead_posts_a_file_listed_and_downloaded_by_those_who_see_the_task(client, cast, commune_task):
    login(client, cast.clerk_a)
    response = _post(client, commune_task, files=[_pdf(), _pdf("danh-sach.pdf")])
    assert response.status_code == 302
    update = TaskUpdate.objects.get(task=commune_task)
    names = [a.original_name for a in update.attachments.all()]
    assert names == ["bien-ban-hoi-nghi.pdf", "danh-sach.pdf"]
    event = AuditEvent.objects.filter(action=Action.PROGRESS_REPORTED).latest("pk")
    assert "bien-ban-hoi-nghi.pdf" in str(event.changes)
    attachment = update.attachments.first()
    url = reverse("plans:attachment_download", args=[attachment.pk])
    page = client.get(reverse("plans:task", args=[commune_task.pk])).content.decode()
    assert url in page and "bien-ban-hoi-nghi.pdf" in page
    for user in (cast.clerk_a, cast.reviewer_p):  # the lead body; the province above it
        login(client, user)
        download = client.get(url)
        assert download.status_code == 200, user
        assert b"".join(download.streaming_content) == PDF_BYTES
        assert "attachment" in download["Content-Disposition"] and "no-cache" in download["Cache-Control"]
    for user in (cast.clerk_b, cast.reviewer_q):  # another commune; another province
        login(client, user)
        assert client.get(url).status_code == 404, user
    client.logout()
    assert client.get(url).status_code == 302  # to the login page, never the file


def test_an_agency_plans_file_stays_internal(client, cast):
    plan = actions.create_plan(owner=cast.agency_a, by=cast.admin, title="KH nội bộ", date=dt.date(2024, 3, 5),
                               place="Xã", number=3)  # fmt: skip
    task = actions.add_task(plan, by=cast.admin, code="1", heading="Hội nghị cán bộ", lead_agency=cast.agency_a,
                            due_kind="year", due_year=2024)  # fmt: skip
    actions.issue(plan, by=cast.admin)
    from democracy.uploads import check_upload

    update = actions.post_update(task, by=cast.admin, by_owner=cast.agency_a, status=Status.DONE,
                                 on=dt.date(2024, 4, 1), text="Đã họp", files=[check_upload(_pdf())])  # fmt: skip
    url = reverse("plans:attachment_download", args=[update.attachments.get().pk])
    login(client, cast.staff_agency_a)
    assert client.get(url).status_code == 200
    for user in (cast.clerk_a, cast.clerk_b, cast.nobody):
        login(client, user)
        assert client.get(url).status_code == 404, user


def test_a_bad_file_is_refused_in_vietnamese_and_nothing_is_saved(client, cast, commune_task):
    login(client, cast.clerk_a)
    before = _stored()
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = _post(client, commune_task, status="done", files=[_pdf(), fake])
    assert response.status_code == 400
    assert "Tệp “bao-cao.pdf” không phải PDF, DOCX, XLSX, JPG hoặc PNG." in response.content.decode()
    empty = _post(client, commune_task, files=[SimpleUploadedFile("trong.pdf", b"")])
    assert empty.status_code == 400 and "Tệp “trong.pdf” không có nội dung." in empty.content.decode()
    commune_task.refresh_from_db()
    assert commune_task.status == Status.NOT_STARTED
    assert not TaskUpdate.objects.filter(task=commune_task).exists()
    assert not TaskAttachment.objects.exists() and _stored() == before


def test_a_failed_store_leaves_neither_the_update_nor_a_file(client, cast, commune_task, monkeypatch):
    login(client, cast.clerk_a)
    before = _stored()
    real_save, calls = default_storage._save, []

    def fail_on_second(name, content):
        calls.append(name)
        if len(calls) == 2:
            raise OSError("disk full")
        return real_save(name, content)

    monkeypatch.setattr(default_storage, "_save", fail_on_second)
    with pytest.raises(OSError):
        _post(client, commune_task, status="done", files=[_pdf(), _pdf("b.pdf")])
    assert len(calls) == 2
    assert not TaskUpdate.objects.filter(task=commune_task).exists() and not TaskAttachment.objects.exists()
    assert _stored() == before
    commune_task.refresh_from_db()
    assert commune_task.status == Status.NOT_STARTED


def test_a_coordinating_note_carries_files_and_nothing_posted_is_deleted(client, cast, plan):
    shared = plan.tasks.get(code="II.2")  # the province's department leads; A and B coordinate
    login(client, cast.clerk_b)
    response = client.post(
        reverse("plans:task_note", args=[shared.pk]),
        {"note-on": "02/05/2024", "note-text": "Đã gửi số liệu", "note-files": [_pdf("so-lieu.pdf")]},
    )
    assert response.status_code == 302
    attachment = TaskAttachment.objects.get(update__task=shared)
    assert attachment.original_name == "so-lieu.pdf" and attachment.update.is_note
    with pytest.raises(ProtectedError):
        attachment.update.delete()
    assert not any("attachment" in name and "delete" in name for name in _plan_url_names())


def _plan_url_names():
    from reports.plans.urls import urlpatterns

    return [p.name for p in urlpatterns]
