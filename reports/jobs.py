"""Long jobs started from the browser (a roll-up, …): a `Job` row the page polls, run by a Celery task.

`start()` writes the row and sends the task only when the request's transaction commits, so the web
request never waits for the work and the worker never looks for a row that is not there yet. The task
(`reports.tasks.run_job`) calls `run()`, which claims the job, calls the runner of its kind with a
`progress(done, total)` callback and records the outcome.

A runner is a function `runner(job, progress) -> Outcome`, named in `RUNNERS` by kind. It must not
wrap its work in one transaction: each progress report is a single UPDATE committed at once, so that
the page sees the bar move while the task runs.
"""

import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .models import Job

logger = logging.getLogger(__name__)

# kind → dotted path of the runner (imported when the job runs, so that no module imports another
# at load time).
RUNNERS: dict[str, str] = {
    "rollup": "reports.actions.run_rollup_job",
}

MESSAGE_LENGTH = Job._meta.get_field("message").max_length


@dataclass(frozen=True)
class Outcome:
    """What a runner returns: the page that shows the result and a sentence for the progress page."""

    url: str
    message: str = ""


class JobError(Exception):
    """A refusal the user can act on: its (Vietnamese) text is shown as the job's message."""


def start(kind: str, *, user, title: str, params: dict | None = None) -> Job:
    """Creates the job and sends it to the worker once the current transaction commits."""
    if kind not in RUNNERS:
        raise ValueError(f"Unknown job kind {kind!r}")
    job = Job.objects.create(kind=kind, title=title[:300], user=user, params=params or {})
    job_id = str(job.pk)

    def enqueue():
        from .tasks import run_job

        run_job.delay(job_id)

    transaction.on_commit(enqueue)
    return job


class Progress:
    """The `progress(done, total)` callback given to runners: one UPDATE of the job's row when the
    whole percentage changes (at most about a hundred writes, however many steps the runner has)."""

    def __init__(self, job_id):
        self.job_id = job_id
        self.last = None

    def __call__(self, done: int, total: int) -> None:
        done, total = max(0, int(done)), max(0, int(total))
        done = min(done, total) if total else done
        mark = (total, int(100 * done / total) if total else 0)
        if mark == self.last:
            return
        self.last = mark
        Job.objects.filter(pk=self.job_id).update(done=done, total=total)


def run(job_id) -> str | None:
    """Runs a queued job once (the task's body). Returns the state it ended in, or None when there was
    nothing to run: a job already finished (a message delivered twice) is never run again; a job left
    running by a worker that died is taken up again (runners may run twice)."""
    claimed = Job.objects.filter(pk=job_id, state__in=[Job.State.QUEUED, Job.State.RUNNING]).update(
        state=Job.State.RUNNING, message=""
    )
    if not claimed:
        logger.info("Job %s: not found or already finished, not run again", job_id)
        return None
    job = Job.objects.get(pk=job_id)
    try:
        runner = import_string(RUNNERS[job.kind])
        outcome = runner(job, Progress(job.pk))
    except Exception as error:  # noqa: BLE001 — every failure must reach the page, not only some
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        Job.objects.filter(pk=job.pk).update(
            state=Job.State.FAILED,
            message=failure_message(error)[:MESSAGE_LENGTH],
            finished_at=timezone.now(),
        )
        return Job.State.FAILED
    fields = {
        "state": Job.State.DONE,
        "result_url": outcome.url,
        "message": (outcome.message or "")[:MESSAGE_LENGTH],
        "finished_at": timezone.now(),
    }
    current = Job.objects.filter(pk=job.pk).values("done", "total").first() or {}
    if current.get("total"):
        fields["done"] = current["total"]
    Job.objects.filter(pk=job.pk).update(**fields)
    return Job.State.DONE


def failure_message(error: Exception) -> str:
    """What the page says about a failure: the refusal itself when it was one meant for the user, a
    general sentence otherwise (the details go to the log, never to the page)."""
    if isinstance(error, JobError):
        return str(error)
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return _(
        "Không thực hiện được do lỗi trong quá trình xử lý. Vui lòng thử lại; nếu vẫn lỗi, hãy báo quản trị "
        "viên hệ thống."
    )
