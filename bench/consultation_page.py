"""Time the public page and the API detail of one consultation with 5,000 comments (issue 4).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench .venv/bin/python bench/consultation_page.py

Creates (once) a closed consultation of commune 07282 whose 5,000 comments all have responses, then
prints p50/p95 and the query count of `/consultations/<id>/` and `/api/v1/consultations/<id>`.
"""

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "democracy.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench")

import django  # noqa: E402

django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from consultations import actions  # noqa: E402
from consultations.models import Comment, Consultation, DraftDocument, ResponseKind  # noqa: E402
from democracy.models import CatalogueItem  # noqa: E402
from units.models import AdministrativeUnit  # noqa: E402

TITLE = "Bench: dự thảo với 5.000 ý kiến"
COMMENTS = 5000


def consultation() -> Consultation:
    existing = Consultation.objects.filter(title=TITLE).first()
    if existing:
        return existing
    commune = AdministrativeUnit.objects.get(code="07282")
    c = actions.create_consultation(
        owner=commune, by=None, item=CatalogueItem.objects.get(scope="commune", article=25, clause=7),
        title=TITLE, content="Nội dung", forms=["e"], period_days=20,
    )  # fmt: skip
    opened = timezone.now() - dt.timedelta(days=30)
    pdf = b"%PDF-1.4\n%%EOF\n"  # opening needs a draft document
    DraftDocument.objects.create(consultation=c, original_name="du-thao.pdf", file=ContentFile(pdf, name="du-thao.pdf"),
        content_type="application/pdf", size=len(pdf), sha256="0" * 64)  # fmt: skip
    actions.open_consultation(c, by=None, now=opened)
    Comment.objects.bulk_create(
        Comment(
            consultation=c,
            text=f"Ý kiến số {i}: đề nghị sửa Điều {i % 30 + 1}.",
            section=f"Điều {i % 30 + 1}",
            received_at=opened + dt.timedelta(minutes=i),
            response_kind=ResponseKind.ACCEPTED,
            response=f"Tiếp thu ý kiến số {i}.",
            responded_at=opened + dt.timedelta(days=21),
        )  # fmt: skip
        for i in range(COMMENTS)
    )
    actions.close_due_consultations()
    return c


def measure(client, url, n=20):
    for _ in range(3):
        client.get(url)
    times = []
    with override_settings(DEBUG=False):
        for _ in range(n):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    return statistics.median(times), times[int(0.95 * (n - 1))], len(queries), len(response.content)


def main():
    c = consultation()
    client = Client(SERVER_NAME="localhost")
    print(f"{connection.vendor} · consultation {c.pk} with {c.comments.count():,} comments")
    for label, url in [
        ("public page", f"/consultations/{c.pk}/"),
        ("API detail", f"/api/v1/consultations/{c.pk}"),
    ]:
        p50, p95, queries, size = measure(client, url)
        print(
            f"{label:12} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   {queries} queries   {size / 1024:,.0f} KiB"
        )


if __name__ == "__main__":
    main()
