"""Every write on reports: compiling figures, the narrative, sign-off and submission.

Figures are a snapshot: `compile_area` (the scheduled job, when a period ends) and `recompile` (the
clerk, on demand) write them; once a report is submitted they are never written again.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from democracy.periods import Period
from disclosures.models import RecordSequence
from units.models import AdministrativeUnit, Agency, Level, ReportingRegime

from . import compliance, figures
from .models import Compilation, ReportState, UnitReport

BATCH = 500


def _owner_fields(owner) -> dict:
    return {"agency": owner} if isinstance(owner, Agency) else {"unit": owner}


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
    unit_ids = [o.pk for o in owners if not isinstance(o, Agency)]
    agency_ids = [o.pk for o in owners if isinstance(o, Agency)]
    computed = figures.compute(period, units=unit_ids, agencies=agency_ids, today=today)
    with transaction.atomic():
        existing = {
            figures.owner_key(r.unit_id, r.agency_id): r
            for r in UnitReport.objects.select_for_update(of=("self",))
            .filter(year=period.year, kind=period.kind)
            .filter(Q(unit__in=unit_ids) | Q(agency__in=agency_ids))
            .only("pk", "unit_id", "agency_id", "state")
        }
        to_create, to_update = [], []
        for owner in owners:
            key = figures.key_for(owner)
            values = computed.get(key) or figures.empty()
            report = existing.get(key)
            if report is None:
                to_create.append(
                    UnitReport(
                        **_owner_fields(owner),
                        year=period.year,
                        kind=period.kind,
                        period_start=period.start,
                        period_end=period.end,
                        due_on=period.due,
                        due_explanation=period.due_explanation,
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
    report = UnitReport.objects.filter(**_owner_fields(owner), year=period.year, kind=period.kind).first()
    if report is None:
        _compile_batch([owner], period, by=by, now=timezone.now(), today=timezone.localdate())
        report = UnitReport.objects.get(**_owner_fields(owner), year=period.year, kind=period.kind)
    return report


def _period_of(report: UnitReport) -> Period:
    return ReportingRegime.for_owner(report.owner).period(report.year, report.kind)


@transaction.atomic
def recompile(report: UnitReport, *, by) -> UnitReport:
    """New figures for a report not yet submitted; refused (with the reason) once it is."""
    locked = UnitReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
    if locked.state == ReportState.SUBMITTED:
        raise ValidationError("Báo cáo đã gửi: số liệu đã chốt, không tổng hợp lại được.")
    period = Period(
        report.year,
        report.kind,
        locked.period_start,
        locked.period_end,
        locked.due_on,
        locked.due_explanation,
    )
    owner = locked.owner
    computed = figures.compute(
        period, **({"agencies": [owner.pk]} if locked.agency_id else {"units": [owner.pk]})
    )
    locked.figures = computed.get(figures.key_for(owner)) or figures.empty()
    locked.compiled_at, locked.compiled_by = timezone.now(), by
    if locked.state == ReportState.TO_SIGN:
        # The approver was asked to sign other figures: back to the clerk.
        locked.state = ReportState.DRAFT
    locked.save(update_fields=["figures", "compiled_at", "compiled_by", "state", "updated_at"])
    return locked


NARRATIVE = ("results", "shortcomings", "proposals")


@transaction.atomic
def update_narrative(report: UnitReport, *, by, **texts) -> UnitReport:
    locked = UnitReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
    if locked.state != ReportState.DRAFT:
        raise ValidationError("Chỉ sửa được báo cáo đang soạn (báo cáo đã trình ký hoặc đã gửi).")
    for name in NARRATIVE:
        if name in texts:
            setattr(locked, name, (texts[name] or "").strip())
    locked.save(update_fields=[*NARRATIVE, "updated_at"])
    return locked


def _transition(report, *, from_state, to_state, **values) -> bool:
    updated = UnitReport.objects.filter(pk=report.pk, state=from_state).update(
        state=to_state, updated_at=timezone.now(), **values
    )
    if updated:
        report.state = to_state
        for name, value in values.items():
            setattr(report, name, value)
    return bool(updated)


@transaction.atomic
def send_to_sign(report: UnitReport, *, by) -> bool:
    """Draft → waiting for the approver's signature. The narrative must be written."""
    missing = [label for name, label in (
        ("results", "Kết quả đạt được"),
        ("shortcomings", "Tồn tại, hạn chế và nguyên nhân"),
        ("proposals", "Phương hướng, đề xuất, kiến nghị"),
    ) if not getattr(report, name).strip()]  # fmt: skip
    if missing:
        raise ValidationError("Hãy viết các phần: " + ", ".join(missing) + " trước khi trình ký.")
    return _transition(report, from_state=ReportState.DRAFT, to_state=ReportState.TO_SIGN, return_reason="")


@transaction.atomic
def return_report(report: UnitReport, *, by, reason: str) -> bool:
    if not (reason or "").strip():
        raise ValidationError("Hãy ghi lý do trả lại.")
    return _transition(
        report, from_state=ReportState.TO_SIGN, to_state=ReportState.DRAFT, return_reason=reason.strip()
    )


def take_report_number(report: UnitReport, *, year: int) -> str:
    """'n/BC-UBND' (a commune) or 'n/BC' (an agency), n continuing the owner's reports of the year."""
    owner = ("ra" if report.agency_id else "ru") + str(report.agency_id or report.unit_id)
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
    return _transition(
        report,
        from_state=ReportState.TO_SIGN,
        to_state=ReportState.SUBMITTED,
        number=number,
        signed_by=by,
        signer_title=(signer_title or "").strip()[:100],
        submitted_at=now,
        is_late=timezone.localdate(now) > report.due_on,
    )
