"""Every write on reports: compiling figures, the narrative, sign-off and submission, and roll-ups.

Figures are a snapshot: `compile_area` (the scheduled job, when a period ends) and `recompile` (the
clerk, on demand) write them; once a report is submitted they are never written again. Every act
leaves one audit row (`democracy.audit`) in its own transaction; a refused act leaves none.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from democracy.audit import record, record_many
from democracy.models import Action
from democracy.periods import Period
from democracy.transitions import move
from disclosures.models import RecordSequence
from units.models import (
    AdministrativeUnit,
    Level,
    ReportingRegime,
    is_agency,
    owner_fields,
    owner_key,
)

from . import compliance, figures, jobs, rollup
from .jobs import JobError, Outcome
from .models import AreaReport, Compilation, Job, ReportState, UnitReport
from .outputs import rollup_pdf, rollup_xlsx

BATCH = 500


def compile_area(
    authority: AdministrativeUnit,
    period: Period,
    *,
    by=None,
    now: dt.datetime | None = None,
    today: dt.date | None = None,
    progress=None,
) -> int:
    """Compiles the figures of every commune and agency under `authority` for `period`: creates the
    reports that do not exist yet and refreshes the figures of those not submitted. Submitted reports
    keep theirs. Returns the number of reports written. `progress(done, total)` is called per batch.
    `today` is the day "overdue" is judged on (the day of compiling by default)."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    units = list(compliance.area_units(authority, period).only("pk"))
    agencies = list(compliance.area_agencies(authority).only("pk"))
    owners = [*units, *agencies]
    total = len(owners)
    written = 0
    for first in range(0, total, BATCH):
        batch = owners[first : first + BATCH]
        written += _compile_batch(batch, period, by=by, now=now, today=today)
        if progress:
            progress(min(first + BATCH, total), total)
    return written


def _compile_batch(owners, period: Period, *, by, now, today) -> int:
    """Creates or refreshes the reports of `owners` (one transaction, one audit row per report)."""
    unit_ids = [o.pk for o in owners if not is_agency(o)]
    agency_ids = [o.pk for o in owners if is_agency(o)]
    computed = figures.compute(period, units=unit_ids, agencies=agency_ids, today=today)
    with transaction.atomic():
        existing = {
            r.owner_key: r
            for r in UnitReport.objects.select_for_update(of=("self",))
            .filter(year=period.year, kind=period.kind)
            .filter(Q(unit__in=unit_ids) | Q(agency__in=agency_ids))
            .only("pk", "unit_id", "agency_id", "state")
        }
        to_create, to_update = [], []
        for owner in owners:
            key = owner_key(owner)
            values = computed.get(key) or figures.empty()
            report = existing.get(key)
            if report is None:
                to_create.append(
                    UnitReport(
                        **owner_fields(owner),
                        year=period.year,
                        kind=period.kind,
                        period_start=period.start,
                        period_end=period.end,
                        due_on=period.due,
                        due_explanation=period.due_explanation,
                        due_explanation_en=period.due_explanation_en,
                        figures=values,
                        compiled_at=now,
                        compiled_by=by,
                    )
                )
            elif report.state != ReportState.SUBMITTED:
                report.figures, report.compiled_at, report.compiled_by = values, now, by
                to_update.append(report)
        UnitReport.objects.bulk_create(to_create, batch_size=BATCH)
        UnitReport.objects.bulk_update(to_update, ["figures", "compiled_at", "compiled_by"], batch_size=BATCH)
        record_many([*to_create, *to_update], by=by, action=Action.COMPILED, at=now)
    return len(to_create) + len(to_update)


def compile_due(today: dt.date | None = None, *, progress=None) -> int:
    """The scheduled job: for every current province (and any district that has its own regime),
    compile each report period that has ended and was not compiled yet. Catches up after downtime;
    a period is compiled once (the `Compilation` row is taken before the work, in the same
    transaction as nothing else, so two runs at once do not both compile it)."""
    today = today or timezone.localdate()
    authorities = AdministrativeUnit.objects.current(today).filter(level=Level.PROVINCE).order_by("code")
    written = 0
    for authority in authorities:
        regime = ReportingRegime.for_unit(authority)
        for period in regime.ended_periods(today):
            marker, created = Compilation.objects.get_or_create(
                authority=authority, year=period.year, kind=period.kind
            )
            if not created:
                continue
            count = compile_area(authority, period, today=today, progress=progress)
            Compilation.objects.filter(pk=marker.pk).update(reports=count, compiled_at=timezone.now())
            written += count
    return written


def ensure_report(owner, period: Period, *, by=None) -> UnitReport:
    """The owner's report for `period`, compiled now if it does not exist yet (a clerk opening the
    report of a period that has ended before the job ran)."""
    report = UnitReport.objects.of(owner).filter(year=period.year, kind=period.kind).first()
    if report is None:
        _compile_batch([owner], period, by=by, now=timezone.now(), today=timezone.localdate())
        report = UnitReport.objects.of(owner).get(year=period.year, kind=period.kind)
    return report


@transaction.atomic
def recompile(report: UnitReport, *, by) -> UnitReport:
    """New figures for a report not yet submitted; refused (with the reason) once it is."""
    locked = UnitReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
    if locked.state == ReportState.SUBMITTED:
        raise ValidationError(_("Báo cáo đã gửi: số liệu đã chốt, không tổng hợp lại được."))
    period = Period(
        report.year,
        report.kind,
        locked.period_start,
        locked.period_end,
        locked.due_on,
        locked.due_explanation,
        locked.due_explanation_en,
    )
    owner = locked.owner
    computed = figures.compute(
        period, **({"agencies": [owner.pk]} if locked.agency_id else {"units": [owner.pk]})
    )
    locked.figures = computed.get(owner_key(owner)) or figures.empty()
    locked.compiled_at, locked.compiled_by = timezone.now(), by
    changes = {}
    if locked.state == ReportState.TO_SIGN:
        # The approver was asked to sign other figures: back to the clerk.
        locked.state = ReportState.DRAFT
        changes["state"] = ReportState.DRAFT
    locked.save(update_fields=["figures", "compiled_at", "compiled_by", "state", "updated_at"])
    record(locked, by=by, action=Action.RECOMPILED, changes=changes)
    return locked


NARRATIVE = ("results", "shortcomings", "proposals")


def _write_narrative(locked: UnitReport, texts: dict) -> list[str]:
    """Sets the texts given on the locked report; returns the names of those that changed."""
    changed = []
    for name in NARRATIVE:
        if name in texts:
            value = (texts[name] or "").strip()
            if value != getattr(locked, name):
                setattr(locked, name, value)
                changed.append(name)
    return changed


@transaction.atomic
def update_narrative(report: UnitReport, *, by, **texts) -> UnitReport:
    """The clerk's texts (results, shortcomings, proposals) of a draft. Saving the same texts again is
    no act: nothing is written, no audit row."""
    locked = UnitReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
    if locked.state != ReportState.DRAFT:
        raise ValidationError(_("Chỉ sửa được báo cáo đang soạn (báo cáo đã trình ký hoặc đã gửi)."))
    changed = _write_narrative(locked, texts)
    if changed:
        locked.save(update_fields=[*changed, "updated_at"])
        record(locked, by=by, action=Action.NARRATIVE_UPDATED, changes={"fields": changed})
    return locked


def _transition(report, *, by, action, changes=None, note="", from_state, to_state, **values) -> bool:
    """Moves the report from one state to the next (compare-and-set: a second click, or a colleague
    quicker, changes nothing and leaves no audit row) and records the act."""
    moved = move(report, from_states=[from_state], to_state=to_state, **values)
    if moved:
        record(report, by=by, action=action, changes=changes, note=note)
    return moved


@transaction.atomic
def send_to_sign(report: UnitReport, *, by, texts: dict | None = None) -> bool:
    """Draft → waiting for the approver's signature; the narrative must be written. With `texts` (the
    form's "Lưu và trình ký") they are saved in the same act: if the report cannot be sent, nothing is
    saved. False if the report was not a draft any more."""
    locked = UnitReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
    if locked.state != ReportState.DRAFT:
        return False
    changed = _write_narrative(locked, texts or {})
    missing = [str(label) for name, label in (
        ("results", _("Kết quả đạt được")),
        ("shortcomings", _("Tồn tại, hạn chế và nguyên nhân")),
        ("proposals", _("Phương hướng, đề xuất, kiến nghị")),
    ) if not getattr(locked, name).strip()]  # fmt: skip
    if missing:
        raise ValidationError(
            _("Hãy viết các phần: %(parts)s trước khi trình ký.") % {"parts": ", ".join(missing)}
        )
    if changed:
        UnitReport.objects.filter(pk=locked.pk).update(**{name: getattr(locked, name) for name in changed})
        for name in changed:
            setattr(report, name, getattr(locked, name))
    return _transition(
        report,
        by=by,
        action=Action.SENT_TO_SIGN,
        changes={"fields": changed} if changed else None,
        from_state=ReportState.DRAFT,
        to_state=ReportState.TO_SIGN,
        return_reason="",
    )


@transaction.atomic
def return_report(report: UnitReport, *, by, reason: str) -> bool:
    """Waiting for signature → back to the clerk's draft, with the approver's reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Hãy ghi lý do trả lại."))
    return _transition(
        report,
        by=by,
        action=Action.RETURNED,
        note=reason,
        from_state=ReportState.TO_SIGN,
        to_state=ReportState.DRAFT,
        return_reason=reason,
    )


def take_report_number(report: UnitReport, *, year: int) -> str:
    """'n/BC-UBND' (a commune) or 'n/BC' (an agency), n continuing the owner's reports of the year."""
    # "ra12" / "ru34": the counters of reports, apart from the owner's record numbers ("a12" / "u34").
    owner = "r" + report.owner_key
    RecordSequence.objects.bulk_create([RecordSequence(owner=owner, year=year)], ignore_conflicts=True)
    counter = RecordSequence.objects.select_for_update().get(owner=owner, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{counter.last}/BC" if report.agency_id else f"{counter.last}/BC-UBND"


@transaction.atomic
def sign_and_submit(
    report: UnitReport, *, by, signer_title: str = "", now: dt.datetime | None = None
) -> bool:
    """The approver signs the report off and it goes to the reviewer: numbered, figures frozen,
    late if the local date is past the deadline. Returns False if it was not waiting for signature."""
    now = now or timezone.now()
    if (
        not UnitReport.objects.select_for_update(of=("self",))
        .filter(pk=report.pk, state=ReportState.TO_SIGN)
        .exists()
    ):
        return False
    number = take_report_number(report, year=timezone.localdate(now).year)
    late = timezone.localdate(now) > report.due_on
    return _transition(
        report,
        by=by,
        action=Action.SIGNED,
        changes={"number": number, "is_late": late},
        from_state=ReportState.TO_SIGN,
        to_state=ReportState.SUBMITTED,
        number=number,
        signed_by=by,
        signer_title=(signer_title or "").strip()[:100],
        submitted_at=now,
        is_late=late,
    )


# --- Roll-ups ------------------------------------------------------------------------------------------


@transaction.atomic
def request_rollup(area: AdministrativeUnit, period: Period, *, by) -> Job:
    """A reviewer asks for the roll-up of an area and a period: the (empty) roll-up and the job that
    compiles it, sent to the worker once this transaction commits. Returns the job."""
    area_report = AreaReport.objects.create(
        area=area,
        year=period.year,
        kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        due_on=period.due,
        requested_by=by,
    )
    record(area_report, by=by, action=Action.ROLLUP_REQUESTED, changes={"period": period.key})
    return jobs.start(
        "rollup",
        user=by,
        title=_("Báo cáo tổng hợp %(period)s – %(area)s") % {"period": period.label, "area": area.name},
        params={"area_report": area_report.pk, "area": area.code, "period": period.key},
    )


def compile_rollup(area_report: AreaReport, progress=None, *, now: dt.datetime | None = None) -> AreaReport:
    """Fills the roll-up's figures from the units' figures now, renders its PDF and XLSX and saves all
    three at once (with the audit row). `progress(done, total)` is told of the figures, each unit's
    line and each file. Not one transaction: the job's progress must be seen while it runs."""
    steps = rollup.Steps(progress or (lambda done, total: None))
    now = now or timezone.now()
    area_report.figures = rollup.snapshot(area_report, today=timezone.localdate(now), steps=steps)
    area_report.compiled_at = now
    pdf = rollup_pdf(area_report, laid_out=lambda: steps.advance(rollup.LAYOUT_WEIGHT))
    steps.advance(rollup.WRITE_WEIGHT)
    xlsx = rollup_xlsx(area_report)
    steps.done += steps.units * rollup.XLSX_WEIGHT

    old = [f.name for f in (area_report.pdf, area_report.xlsx) if f]
    base = rollup.file_name(area_report)
    area_report.pdf.save(f"{base}.pdf", ContentFile(pdf), save=False)
    area_report.xlsx.save(f"{base}.xlsx", ContentFile(xlsx), save=False)
    with transaction.atomic():
        area_report.save(update_fields=["figures", "compiled_at", "pdf", "xlsx"])
        record(
            area_report, by=None, action=Action.COMPILED, changes={"units": len(area_report.figures["units"])}
        )
    storage = area_report.pdf.storage
    for name in old:  # a roll-up compiled again (a job taken up again): its earlier files go
        if name not in (area_report.pdf.name, area_report.xlsx.name):
            storage.delete(name)
    steps.progress(steps.done, steps.total)
    return area_report


def run_rollup_job(job, progress) -> Outcome:
    """The runner of jobs of kind "rollup" (see `reports.jobs`): params {"area_report": pk}."""
    area_report = (
        AreaReport.objects.select_related("area__parent__parent__parent")
        .filter(pk=job.params.get("area_report"))
        .first()
    )
    if area_report is None:
        raise JobError(_("Báo cáo tổng hợp này không còn tồn tại."))
    try:
        compile_rollup(area_report, progress)
    except Exception:
        # A roll-up never compiled leaves nothing half-made in the area's list (the job keeps the message).
        if AreaReport.objects.filter(pk=area_report.pk, compiled_at__isnull=True).delete()[0]:
            for stored in (area_report.pdf, area_report.xlsx):
                if stored:
                    stored.storage.delete(stored.name)
        raise
    count = len(area_report.figures["units"])
    message = ngettext(
        "Đã tổng hợp số liệu của %(count)d đơn vị.", "Đã tổng hợp số liệu của %(count)d đơn vị.", count
    ) % {"count": count}
    return Outcome(reverse("reports:rollup_detail", args=[area_report.pk]), message)
