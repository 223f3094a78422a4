"""Roll-ups for reviewers (compiled by a background job) and the job's progress page."""

import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from reports import actions, jobs, outputs
from reports.compliance import compliance
from reports.jobs import JobError, Outcome
from reports.models import AreaReport, Job, ReportStatus
from tests.disclosures.conftest import HCM, make_disclosure  # noqa: F401  (the fixture)
from tests.integration.conftest import redis_worker, wait_until  # noqa: F401  (the fixture)
from units.models import ReportingRegime


def requested(cast, period) -> AreaReport:
    """A roll-up of the province requested by its reviewer (not compiled yet)."""
    job = actions.request_rollup(cast.province, period, by=cast.reviewer_p)
    return AreaReport.objects.get(pk=job.params["area_report"])


KEY = "2026-H1"


def login(client, user):
    client.force_login(user)
    return client


def submit(report, *, by, now):
    report = actions.update_narrative(
        report, by=by, results="Kết quả.", shortcomings="Hạn chế.", proposals="Đề xuất."
    )
    actions.send_to_sign(report, by=by)
    assert actions.sign_and_submit(report, by=by, signer_title="Chủ tịch", now=now)


@pytest.fixture
def area_data(cast, make_disclosure, make_report):  # noqa: F811
    """In 2026-H1 (15/12/2025 – 14/06/2026): commune A posted one item on time, commune B one late;
    A submitted its report late, the agency of A on time, B not at all (missing)."""
    make_disclosure(
        cast.a, published_on=dt.date(2026, 3, 2), decision_date=dt.date(2026, 2, 26), state="published"
    )
    make_disclosure(
        cast.b,
        by=cast.clerk_b,
        clause=3,
        published_on=dt.date(2026, 3, 2),
        decision_date=dt.date(2026, 1, 5),
        state="published",
    )
    # Neither of these counts: posted after the period, and in the other province.
    make_disclosure(
        cast.a, published_on=dt.date(2026, 7, 1), decision_date=dt.date(2026, 6, 30), state="published"
    )
    make_disclosure(
        cast.c, published_on=dt.date(2026, 3, 2), decision_date=dt.date(2026, 2, 26), state="published"
    )

    period = ReportingRegime.for_unit(cast.province).period_for_key(KEY)
    late = make_report(cast.a, KEY)
    submit(
        late, by=cast.approver_a, now=dt.datetime.combine(period.due + dt.timedelta(days=3), dt.time(9), HCM)
    )
    on_time = make_report(cast.agency_a, KEY)
    submit(
        on_time,
        by=cast.staff_agency_a,
        now=dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time(9), HCM),
    )
    return period


@pytest.fixture
def started(client, cast, area_data, django_capture_on_commit_callbacks):
    """The reviewer of province 24 starts the roll-up of 2026-H1 from the dashboard's button; the job
    runs (eager Celery) when the request's transaction commits."""
    login(client, cast.reviewer_p)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("reports:rollup_start", args=[cast.province.code]), {"period": KEY})
    assert len(callbacks) == 1
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:job", args=[job.pk])
    area_report = AreaReport.objects.get()
    return job, area_report


def test_the_job_compiles_the_rollup(started, cast):
    job, area_report = started
    job.refresh_from_db()
    assert job.state == Job.State.DONE
    assert job.percent == 100 and job.done == job.total > 0
    assert job.result_url == reverse("reports:rollup_detail", args=[area_report.pk])
    assert job.user == cast.reviewer_p and job.finished_at is not None
    assert job.message == "Đã tổng hợp số liệu của 3 đơn vị."
    assert area_report.area == cast.province and area_report.key == KEY
    assert area_report.requested_by == cast.reviewer_p
    assert area_report.compiled_at is not None
    assert area_report.pdf.name.endswith(".pdf") and "bao-cao-tong-hop-24-2026-H1" in area_report.pdf.name
    assert area_report.xlsx.name.endswith(".xlsx")


def test_the_figures_are_the_sum_of_the_units(started, cast, area_data):
    _job, area_report = started
    totals = area_report.figures["totals"]
    # Computed by hand from the disclosures made above: one on time in A, one late in B.
    d = totals["disclosures"]
    assert (d["published"], d["on_time"], d["late"]) == (2, 1, 1)
    assert d["by_item"] == {"11.2": 1, "11.3": 1}
    assert d["by_form"] == {"a": 2, "b": 2}
    # And the same as the dashboard's numbers, breakdowns included.
    area = compliance(cast.province, area_data, breakdowns=True)
    assert totals == area.totals
    assert [u["code"] for u in area_report.figures["units"]] == [r.code for r in area.rows]
    for line, row in zip(area_report.figures["units"], area.rows, strict=True):
        assert line["indicators"] == {i.key: [i.done, i.total] for i in row.indicators}
        assert line["report"] == row.report_status
        assert line["agency"] == row.is_agency


def test_late_and_missing_units_are_listed(started, cast):
    _job, area_report = started
    figures = area_report.figures
    assert figures["late"] == [cast.a.code]
    assert figures["missing"] == [cast.b.code]
    statuses = {u["code"]: u["report"] for u in figures["units"]}
    assert statuses == {
        cast.a.code: ReportStatus.LATE,
        cast.b.code: ReportStatus.MISSING,
        cast.agency_a.code: ReportStatus.ON_TIME,
    }


def pdf_text(content: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return re.sub(r"\s+", " ", text)


def test_the_pdf(started, client):
    _job, area_report = started
    response = client.get(reverse("reports:rollup_pdf", args=[area_report.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "bao-cao-tong-hop-24-2026-H1.pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(b"".join(response.streaming_content))
    assert "ỦY BAN NHÂN DÂN TỈNH BẮC NINH" in text
    assert "SỞ NỘI VỤ" in text
    assert "/BC-SNV" in text
    assert "BÁO CÁO" in text
    assert (
        "Tổng hợp kết quả thực hiện dân chủ ở cơ sở 6 tháng đầu năm 2026 trên địa bàn tỉnh Bắc Ninh" in text
    )
    assert "Số nội dung đã công khai (niêm yết) trong kỳ 2" in text
    assert "Công khai muộn 1" in text
    assert "Xã Yên Thế" in text and "Xã Đồng Kỳ" in text  # missing, late, and in the annex
    assert "Đơn vị chưa gửi báo cáo" in text


def test_the_xlsx_has_the_dashboard_numbers(started, client, cast, area_data):
    _job, area_report = started
    response = client.get(reverse("reports:rollup_xlsx", args=[area_report.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames == ["Tổng hợp", "Đơn vị", "Muộn, chưa gửi"]

    units = book["Đơn vị"]
    header = [c.value for c in units[1]]
    by_code = {row[1]: row for row in units.iter_rows(min_row=2, values_only=True) if row[1]}
    area = compliance(cast.province, area_data)
    assert set(by_code) == {r.code for r in area.rows}
    for row in area.rows:
        line = by_code[row.code]
        assert line[2] == row.name
        for i in row.indicators:
            done_column = header.index(f"{i.label}: đạt")
            assert line[done_column] == i.done
            assert line[done_column + 1] == i.total
            assert line[done_column + 2] == i.percent
        assert line[header.index("Tình trạng báo cáo")] == row.report_status_label

    summary = {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(values_only=True) if row[0]}
    assert summary["Số nội dung đã công khai (niêm yết) trong kỳ"] == 2
    assert summary["Công khai muộn"] == 1

    late = list(book["Muộn, chưa gửi"].iter_rows(min_row=2, values_only=True))
    assert [(row[1], row[4]) for row in late] == [
        (cast.a.code, "Gửi muộn"),
        (cast.b.code, "Chưa gửi (quá hạn)"),
    ]


def test_text_cells_are_formula_safe(cast, area_data):
    cast.agency_a.name = '=HYPERLINK("http://example.com","Văn phòng")'
    cast.agency_a.save()
    area_report = requested(cast, area_data)
    actions.compile_rollup(area_report)
    book = load_workbook(io.BytesIO(outputs.rollup_xlsx(area_report)))
    cells = [
        c
        for row in book["Đơn vị"].iter_rows()
        for c in row
        if isinstance(c.value, str) and "HYPERLINK" in c.value
    ]
    assert cells and all(c.value.startswith("'=") and c.data_type == "s" for c in cells)


def test_the_rollup_page(started, client, cast, django_assert_max_num_queries):
    _job, area_report = started
    with django_assert_max_num_queries(15):
        response = client.get(reverse("reports:rollup_detail", args=[area_report.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tỉnh Bắc Ninh" in page and "6 tháng đầu năm 2026" in page
    assert reverse("reports:rollup_pdf", args=[area_report.pk]) in page
    assert reverse("reports:rollup_xlsx", args=[area_report.pk]) in page
    assert "Xã Yên Thế" in page  # missing
    # The list of the area's roll-ups.
    response = client.get(reverse("reports:rollup_start", args=[cast.province.code]))
    assert response.status_code == 200
    assert reverse("reports:rollup_detail", args=[area_report.pk]) in response.content.decode()


def test_another_province_reviewer_sees_nothing(started, client, cast):
    job, area_report = started
    login(client, cast.reviewer_q)
    for url in [
        reverse("reports:job", args=[job.pk]),
        reverse("reports:job_status", args=[job.pk]),
        reverse("reports:rollup_detail", args=[area_report.pk]),
        reverse("reports:rollup_pdf", args=[area_report.pk]),
        reverse("reports:rollup_xlsx", args=[area_report.pk]),
        reverse("reports:rollup_start", args=[cast.province.code]),
    ]:
        assert client.get(url).status_code == 404, url
    response = client.post(reverse("reports:rollup_start", args=[cast.province.code]), {"period": KEY})
    assert response.status_code == 404
    assert AreaReport.objects.count() == 1 and Job.objects.count() == 1


def test_a_job_is_its_users_only(started, client, cast):
    job, _area_report = started
    url = reverse("reports:job", args=[job.pk])
    # Another user of the same province (a clerk) does not see it; a superuser does.
    login(client, cast.clerk_a)
    assert client.get(url).status_code == 404
    login(client, cast.admin)
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_clerks_cannot_start_a_rollup(client, cast):
    login(client, cast.clerk_a)
    response = client.post(reverse("reports:rollup_start", args=[cast.province.code]), {"period": KEY})
    assert response.status_code == 404
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    "key, message",
    [
        ("2026-H3", "Kỳ báo cáo «2026-H3» không hợp lệ"),
        ("", "Hãy chọn kỳ báo cáo"),
        ("2026-Q1", "6 tháng hoặc năm"),
        ("2099-H1", "chưa bắt đầu"),
    ],
)
def test_a_bad_period_is_refused(client, cast, key, message, django_capture_on_commit_callbacks):
    login(client, cast.reviewer_p)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:rollup_start", args=[cast.province.code]), {"period": key})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not AreaReport.objects.exists() and not Job.objects.exists()


def test_the_job_page_and_its_status(client, cast):
    job = Job.objects.create(
        kind="rollup", title="Báo cáo tổng hợp thử", user=cast.reviewer_p, done=3, total=12
    )
    login(client, cast.reviewer_p)
    page = client.get(reverse("reports:job", args=[job.pk])).content.decode()
    assert "Báo cáo tổng hợp thử" in page
    assert "<progress" in page and 'value="25"' in page and "25&nbsp;%" in page
    assert '<meta http-equiv="refresh" content="2">' in page
    assert "js/job-progress.js" in page and reverse("reports:job_status", args=[job.pk]) in page

    response = client.get(reverse("reports:job_status", args=[job.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response.json() == {
        "state": "queued",
        "state_label": "Đang chờ",
        "done": 3,
        "total": 12,
        "percent": 25,
        "message": "",
        "result_url": "",
        "finished": False,
    }

    Job.objects.filter(pk=job.pk).update(
        state=Job.State.DONE, result_url="/staff/rollups/1/", message="Xong."
    )
    data = client.get(reverse("reports:job_status", args=[job.pk])).json()
    assert (data["state"], data["percent"], data["result_url"], data["finished"]) == (
        "done",
        100,
        "/staff/rollups/1/",
        True,
    )
    page = client.get(reverse("reports:job", args=[job.pk])).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert 'href="/staff/rollups/1/"' in page


# --- The job mechanism ---------------------------------------------------------------------------------

SEEN = []


def failing_runner(job, progress):
    progress(1, 4)
    raise RuntimeError("the disk is full")


def refusing_runner(job, progress):
    raise JobError("Không còn số liệu của kỳ này.")


def watching_runner(job, progress):
    """Records what another reader of the job's row sees while the runner is still running."""
    for done in range(5):
        progress(done, 4)
        SEEN.append(Job.objects.values_list("state", "done", "total").get(pk=job.pk))
    return Outcome("/staff/somewhere/", "Đã xong.")


@pytest.fixture
def runners(monkeypatch):
    for name in ("failing", "refusing", "watching"):
        monkeypatch.setitem(jobs.RUNNERS, name, f"tests.reports.test_rollups.{name}_runner")
    SEEN.clear()


def start(kind, user, capture):
    with capture(execute=True):
        return jobs.start(kind, user=user, title="Thử", params={})


def test_a_failing_runner_marks_the_job_failed(cast, runners, django_capture_on_commit_callbacks, caplog):
    job = start("failing", cast.reviewer_p, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert job.state == Job.State.FAILED and job.finished_at is not None
    assert job.message.startswith("Không thực hiện được do lỗi")
    assert "disk" not in job.message  # the details go to the log, not to the page
    assert "the disk is full" in caplog.text
    assert (job.done, job.total) == (1, 4)


def test_a_refusal_is_the_jobs_message(cast, runners, django_capture_on_commit_callbacks):
    job = start("refusing", cast.reviewer_p, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert (job.state, job.message) == (Job.State.FAILED, "Không còn số liệu của kỳ này.")


def test_progress_is_written_while_the_job_runs(cast, runners, django_capture_on_commit_callbacks):
    job = start("watching", cast.reviewer_p, django_capture_on_commit_callbacks)
    assert SEEN == [("running", done, 4) for done in range(4)] + [("running", 4, 4)]
    job.refresh_from_db()
    assert (job.state, job.percent, job.result_url, job.message) == (
        "done",
        100,
        "/staff/somewhere/",
        "Đã xong.",
    )


def test_a_finished_job_is_not_run_again(cast, runners, django_capture_on_commit_callbacks):
    job = start("watching", cast.reviewer_p, django_capture_on_commit_callbacks)
    SEEN.clear()
    assert jobs.run(job.pk) is None
    assert SEEN == []
    Job.objects.filter(pk=job.pk).update(state=Job.State.FAILED)
    assert jobs.run(job.pk) is None


def test_the_job_is_sent_only_when_the_transaction_commits(cast, runners, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = jobs.start("watching", user=cast.reviewer_p, title="Thử", params={})
    job.refresh_from_db()
    assert job.state == Job.State.QUEUED and len(callbacks) == 1
    callbacks[0]()
    job.refresh_from_db()
    assert job.state == Job.State.DONE


def test_progress_writes_once_per_percent(cast):
    job = Job.objects.create(kind="rollup", title="Thử", user=cast.reviewer_p)
    progress = jobs.Progress(job.pk)
    with CaptureQueriesContext(connection) as queries:
        for done in range(1001):
            progress(done, 1000)
    assert len(queries) == 101 and all(q["sql"].startswith("UPDATE") for q in queries)
    job.refresh_from_db()
    assert (job.done, job.total, job.percent) == (1000, 1000, 100)


def test_a_second_click_opens_the_running_job(client, cast, area_data):
    login(client, cast.reviewer_p)
    url = reverse("reports:rollup_start", args=[cast.province.code])
    first = client.post(url, {"period": KEY})  # not committed: the job stays queued
    second = client.post(url, {"period": KEY})
    assert first["Location"] == second["Location"]
    assert Job.objects.count() == 1


def test_the_rollup_reports_its_steps(cast, area_data):
    calls = []
    area_report = requested(cast, area_data)
    actions.compile_rollup(area_report, lambda done, total: calls.append((done, total)))
    totals = {total for _done, total in calls}
    assert len(totals) == 1 and calls[-1][0] == calls[-1][1]
    done = [d for d, _total in calls]
    assert done == sorted(done) and len(done) >= 5  # the figures, each unit, the PDF's two steps, the XLSX


def test_a_rollup_that_fails_leaves_nothing_half_made(
    client, cast, area_data, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(area_report, **kwargs):
        raise OSError("no space left on device")

    monkeypatch.setattr(actions, "rollup_pdf", broken)
    login(client, cast.reviewer_p)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:rollup_start", args=[cast.province.code]), {"period": KEY})
    job = Job.objects.get()
    assert job.state == Job.State.FAILED and job.message.startswith("Không thực hiện được")
    assert not AreaReport.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Lỗi" in page and job.message in page and 'http-equiv="refresh"' not in page


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_compiles_the_rollup(redis_worker, client, cast, area_data):  # noqa: F811
    """Through Redis: the request only queues the job; the worker runs it while the page polls."""
    login(client, cast.reviewer_p)
    response = client.post(reverse("reports:rollup_start", args=[cast.province.code]), {"period": KEY})
    assert response.status_code == 302
    job = Job.objects.get()
    status_url = reverse("reports:job_status", args=[job.pk])
    seen = []

    def finished():
        seen.append(client.get(status_url).json())
        return seen[-1]["finished"]

    wait_until(finished, "the roll-up job did not finish")
    assert seen[-1]["state"] == "done" and seen[-1]["percent"] == 100
    assert [s["percent"] for s in seen] == sorted(s["percent"] for s in seen)
    area_report = AreaReport.objects.get()
    assert seen[-1]["result_url"] == reverse("reports:rollup_detail", args=[area_report.pk])
    pdf = client.get(reverse("reports:rollup_pdf", args=[area_report.pk]))
    assert "Bắc Ninh" in pdf_text(b"".join(pdf.streaming_content))
