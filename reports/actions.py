"""Every write on reports: compiling figures, the narrative, sign-off and submission, and roll-ups.

Figures are a snapshot: `compile_area` (the scheduled job, when a period ends) and `recompile` (the
clerk, on demand) write them; once a report is submitted they are never written again. Every act
leaves one audit row (`democracy.audit`) in its own transaction; a refused act leaves none.
"""

import datetime as dt
import logging

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
from .models import AD_HOC, AreaReport, Compilation, Job, ReportRequest, ReportState, UnitReport
from .outputs import rollup_pdf, rollup_xlsx

BATCH = 500
logger = logging.getLogger(__name__)


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
    return _compile_in_batches([*units, *agencies], period, by=by, now=now, today=today, progress=progress)


def _compile_in_batches(owners: list, period: Period, *, progress=None, **options) -> int:
    """`_compile_batch` for every BATCH owners (one transaction each); `progress(done, total)` after each."""
    written = 0
    for first in range(0, len(owners), BATCH):
        written += _compile_batch(owners[first : first + BATCH], period, **options)
        if progress:
            progress(min(first + BATCH, len(owners)), len(owners))
    return written


def _compile_batch(owners, period: Period, *, by, now, today, regime=None, request=None) -> int:
    """Creates or refreshes the reports of `owners` (one transaction, one audit row per report); with
    `regime`, their reports under that other regime (`UnitReport.regime`); with `request`, the reports a
    reviewing body asked for (`UnitReport.request`)."""
    unit_ids = [o.pk for o in owners if not is_agency(o)]
    agency_ids = [o.pk for o in owners if is_agency(o)]
    computed = figures.compute(period, units=unit_ids, agencies=agency_ids, today=today)
    with transaction.atomic():
        existing = {
            r.owner_key: r
            for r in UnitReport.objects.select_for_update(of=("self",))
            .filter(year=period.year, kind=period.kind, regime=regime, request=request)
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
                        regime=regime,
                        request=request,
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
    """The scheduled job: for every current province, compile each report period that has ended and
    was not compiled yet, for each owner of its area under the regimes that apply to it
    (`ReportingRegime.applicable`: a commune's agencies under the commune's regime, a unit under several
    when its reviewing body set several). The owner's first regime gives its periodic report; the others
    give reports marked with their regime. Catches up after downtime; a period of a regime is compiled
    once per province (the `Compilation` row is taken before the work)."""
    today = today or timezone.localdate()
    authorities = AdministrativeUnit.objects.current(today).filter(level=Level.PROVINCE).order_by("code")
    regimes = ReportingRegime.all_by_authority()
    written = 0
    for authority in authorities:
        for regime, additional, owners in _owners_by_regime(authority, regimes, today):
            try:
                ended = regime.ended_periods(today)
            except ValueError:  # a fixed date missing from a regime saved outside the admin's checks
                logger.warning("Reporting regime %s has no due date for one of its reports", regime.pk)
                continue
            for period in ended:
                marker, created = Compilation.objects.get_or_create(
                    authority=authority,
                    regime=regime if regime.pk else None,
                    year=period.year,
                    kind=period.kind,
                )
                if not created:
                    continue
                count = _compile_in_batches(
                    [o for o in owners if _in_force(o, period)],
                    period,
                    by=None,
                    now=timezone.now(),
                    today=today,
                    regime=regime if additional else None,
                    progress=progress,
                )
                Compilation.objects.filter(pk=marker.pk).update(reports=count, compiled_at=timezone.now())
                written += count
    return written


def _owners_by_regime(authority: AdministrativeUnit, regimes: dict, today: dt.date):
    """[(regime, additional, owners)] for the communes and agencies of a province: each owner under each
    regime that applies to it, `additional` for all but its first. No query per owner."""
    units = list(
        AdministrativeUnit.objects.under(authority)
        .filter(level=Level.COMMUNE)
        .select_related("parent__parent__parent")
    )
    agencies = list(compliance.area_agencies(authority).select_related("unit__parent__parent__parent"))
    groups: dict = {}
    for owner in [*units, *agencies]:
        for index, regime in enumerate(ReportingRegime.applicable(owner, regimes)):
            key = (regime.pk, index > 0)  # None: the unsaved national convention, the same for all
            groups.setdefault(key, (regime, index > 0, []))[2].append(owner)
    return list(groups.values())


def _in_force(owner, period: Period) -> bool:
    if is_agency(owner):
        return True
    return (owner.valid_from is None or owner.valid_from <= period.end) and (
        owner.valid_to is None or owner.valid_to >= period.start
    )


def ensure_report(owner, period: Period, *, by=None) -> UnitReport:
    """The owner's report for `period`, compiled now if it does not exist yet (a clerk opening the
    report of a period that has ended before the job ran)."""
    periodic = {"year": period.year, "kind": period.kind, "regime": None, "request": None}
    report = UnitReport.objects.of(owner).filter(**periodic).first()
    if report is None:
        _compile_batch([owner], period, by=by, now=timezone.now(), today=timezone.localdate())
        report = UnitReport.objects.of(owner).get(**periodic)
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
    last = _next_number("r" + report.owner_key, year)
    return f"{last}/BC" if report.agency_id else f"{last}/BC-UBND"


def _next_number(owner: str, year: int) -> int:
    RecordSequence.objects.bulk_create([RecordSequence(owner=owner, year=year)], ignore_conflicts=True)
    counter = RecordSequence.objects.select_for_update().get(owner=owner, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


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


# --- Report requests (yêu cầu báo cáo đột xuất) -----------------------------------------------------------


@transaction.atomic
def request_reports(
    area: AdministrativeUnit,
    *,
    by,
    subject: str,
    outline: str,
    period_start: dt.date,
    period_end: dt.date,
    due_on: dt.date,
    number: str = "",
    for_units: bool = True,
    for_agencies: bool = True,
    now: dt.datetime | None = None,
) -> ReportRequest:
    """A reviewing body asks the communes and agencies below it for a report on `subject` by `due_on`,
    with an outline: each gets its report, compiled now over the days asked for, which follows the
    periodic report's compile → sign → send flow (on time when signed and sent by `due_on`). One audit
    row for the request and one per report, in one transaction; a refused request writes nothing."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    subject, outline = (subject or "").strip(), (outline or "").strip()
    errors = {}
    if not subject:
        errors["subject"] = _("Hãy ghi nội dung yêu cầu báo cáo.")
    if not outline:
        errors["outline"] = _("Hãy ghi đề cương báo cáo.")
    if period_start and period_end and period_end < period_start:
        errors["period_end"] = _("Ngày cuối của số liệu phải từ ngày đầu trở đi.")
    if due_on and due_on < today:
        errors["due_on"] = _("Hạn gửi đã qua: hãy chọn từ hôm nay trở đi.")
    elif due_on and period_end and due_on < period_end:
        errors["due_on"] = _("Hạn gửi phải từ ngày cuối của số liệu trở đi.")
    if not (for_units or for_agencies):
        errors["for_units"] = _("Hãy chọn các xã, phường hoặc các cơ quan, đơn vị được yêu cầu báo cáo.")
    if errors:
        raise ValidationError(errors)
    units = []
    if for_units:
        units = list(
            AdministrativeUnit.objects.under(area)
            .current(today)
            .filter(level=Level.COMMUNE)
            .exclude(pk=area.pk)
            .only("pk")
        )
    agencies = list(compliance.area_agencies(area).only("pk")) if for_agencies else []
    if not units and not agencies:
        raise ValidationError(
            _("Không có xã, phường hay cơ quan, đơn vị nào thuộc %(area)s để yêu cầu báo cáo.")
            % {"area": area.name}
        )
    request = ReportRequest.objects.create(
        area=area,
        number=(number or "").strip()[:50],
        subject=subject[:300],
        outline=outline,
        period_start=period_start,
        period_end=period_end,
        due_on=due_on,
        for_units=for_units,
        for_agencies=for_agencies,
        created_by=by,
    )
    period = Period(
        due_on.year, AD_HOC, period_start, period_end, due_on, _("Hạn gửi theo yêu cầu báo cáo đột xuất")
    )
    owners = [*units, *agencies]
    _compile_in_batches(owners, period, by=by, now=now, today=today, request=request)
    record(
        request,
        by=by,
        action=Action.REPORT_REQUESTED,
        changes={"subject": subject, "due_on": due_on.isoformat(), "owners": len(owners)},
    )
    from .tasks import notify_report_request

    transaction.on_commit(lambda: notify_report_request.delay(request.pk))
    return request


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


@transaction.atomic
def sign_and_send_rollup(
    area_report: AreaReport, *, by, signer_title: str, recipients: str, now: dt.datetime | None = None
) -> bool:
    """The roll-up is signed and sent to the level above (the area's parent; a province's: the Ministry):
    numbered in the area's own sequence of reports (n/BC-UBND), with its signer and its recipients (Nơi
    nhận, one a line), late if sent after its due date. A commune's roll-up of its agencies counts as the
    commune's own report of the period to its province: that report, unless already sent, is sent with
    the roll-up's number (`UnitReport.sent_as`). False if it was already sent; refused (nothing written)
    while it is not compiled or without a signer's title or recipients."""
    now = now or timezone.now()
    signer_title = (signer_title or "").strip()[:100]
    recipients = "\n".join(line.strip() for line in (recipients or "").splitlines() if line.strip())
    errors = {}
    if not signer_title:
        errors["signer_title"] = _("Hãy ghi chức vụ người ký.")
    if not recipients:
        errors["recipients"] = _("Hãy ghi nơi nhận, mỗi nơi một dòng.")
    if errors:
        raise ValidationError(errors)
    locked = AreaReport.objects.select_for_update(of=("self",)).select_related("area").get(pk=area_report.pk)
    if locked.state == ReportState.SUBMITTED:
        return False
    if locked.compiled_at is None:
        raise ValidationError(_("Báo cáo tổng hợp chưa lập xong: chưa ký, gửi được."))
    area = locked.area
    day = timezone.localdate(now)
    # The area's own sequence of reports ("ru<id>", as `take_report_number` for a commune's reports); a
    # province's roll-up is issued by its Department of Home Affairs (the PDF's issuer).
    suffix = "BC-SNV" if area.level == Level.PROVINCE else "BC-UBND"
    number = f"{_next_number(f'ru{area.pk}', day.year)}/{suffix}"
    late = day > locked.due_on
    moved = _transition(
        area_report,
        by=by,
        action=Action.SIGNED,
        changes={"number": number, "is_late": late, "sent_to": area.parent_id},
        from_state=ReportState.DRAFT,
        to_state=ReportState.SUBMITTED,
        number=number,
        signed_by=by,
        signer_title=signer_title,
        recipients=recipients,
        sent_to_id=area.parent_id,
        submitted_at=now,
        is_late=late,
    )
    if moved and area.level == Level.COMMUNE:
        _send_as_the_communes_report(locked, area, number=number, by=by, signer_title=signer_title, now=now)
    if moved:
        from .tasks import render_sent_rollup as render

        transaction.on_commit(lambda: render.delay(area_report.pk))
    return moved


def _send_as_the_communes_report(area_report, commune, *, number, by, signer_title, now) -> None:
    regime = ReportingRegime.for_owner(commune)
    try:
        period = regime.period(area_report.year, area_report.kind)
    except ValueError:
        return
    report = ensure_report(commune, period, by=by)
    if report.state == ReportState.SUBMITTED:
        return  # the commune sent its own report already
    late = timezone.localdate(now) > report.due_on
    _transition(
        report,
        by=by,
        action=Action.SIGNED,
        changes={"number": number, "is_late": late},
        note=_("Gửi bằng báo cáo tổng hợp số %(number)s") % {"number": number},
        from_state=report.state,
        to_state=ReportState.SUBMITTED,
        number=number,
        signed_by=by,
        signer_title=signer_title,
        submitted_at=now,
        is_late=late,
        sent_as=area_report,
    )


def compile_rollup(area_report: AreaReport, progress=None, *, now: dt.datetime | None = None) -> AreaReport:
    """Fills the roll-up's figures from the units' figures now, renders its PDF and XLSX and saves all
    three at once (with the audit row). `progress(done, total)` is told of the figures, each unit's
    line and each file. Not one transaction: the job's progress must be seen while it runs."""
    steps = rollup.Steps(progress or (lambda done, total: None))
    now = now or timezone.now()
    area_report.figures = rollup.snapshot(area_report, today=timezone.localdate(now), steps=steps)
    area_report.compiled_at = now
    old = _render_files(area_report, steps)
    with transaction.atomic():
        area_report.save(update_fields=["figures", "compiled_at", "pdf", "xlsx"])
        record(
            area_report, by=None, action=Action.COMPILED, changes={"units": len(area_report.figures["units"])}
        )
    _delete_old_files(area_report, old)
    steps.progress(steps.done, steps.total)
    return area_report


def _render_files(area_report: AreaReport, steps) -> list[str]:
    """Renders the roll-up's PDF and XLSX from its snapshot onto the (unsaved) fields; returns the names
    of the files they replace."""
    pdf = rollup_pdf(area_report, laid_out=lambda: steps.advance(rollup.LAYOUT_WEIGHT))
    steps.advance(rollup.WRITE_WEIGHT)
    xlsx = rollup_xlsx(area_report)
    steps.done += steps.units * rollup.XLSX_WEIGHT
    old = [f.name for f in (area_report.pdf, area_report.xlsx) if f]
    base = rollup.file_name(area_report)
    area_report.pdf.save(f"{base}.pdf", ContentFile(pdf), save=False)
    area_report.xlsx.save(f"{base}.xlsx", ContentFile(xlsx), save=False)
    return old


def _delete_old_files(area_report: AreaReport, old: list[str]) -> None:
    storage = area_report.pdf.storage
    for name in old:  # a roll-up compiled again (a job taken up again): its earlier files go
        if name not in (area_report.pdf.name, area_report.xlsx.name):
            storage.delete(name)


def render_sent_rollup(area_report: AreaReport) -> AreaReport:
    """The files of a roll-up once it is signed and sent: the same snapshot (no new figures), now with its
    number, date, signer and recipients. Run by a task after the sending commits."""
    steps = rollup.Steps(lambda done, total: None, units=max(len(area_report.figures.get("units", [])), 1))
    old = _render_files(area_report, steps)
    AreaReport.objects.filter(pk=area_report.pk).update(pdf=area_report.pdf.name, xlsx=area_report.xlsx.name)
    _delete_old_files(area_report, old)
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
