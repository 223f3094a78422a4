"""Reports in the API: the compliance of an area's units for a period (reviewers) and one unit report
(the people `reports.access` lets read it). Both read the Django session (`request.user`), as the rest
of the API does, and are for signed-in staff only: anonymous → 401; a staff member outside the area or
the report → 404, whether it exists or not. Staff whose role needs a second factor must have passed it
in this session (until then the middleware makes the session anonymous, as on every page)."""

import datetime as dt
from typing import Literal

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import field_validator

from democracy.apitools import BadRequest, local_time
from democracy.periods import parse_key

from . import compliance as compliance_module
from .access import get_area_for_user, get_report_for_user
from .models import ReportState, ReportStatus

router = Router(tags=["reports"])

SortParam = Literal[("name", "status", "report", *compliance_module.INDICATOR_KEYS)]


def _signed_in_staff(request) -> None:
    """401 unless the request comes from a signed-in user. A session that still owes its second factor
    reaches here anonymous (units.middleware.SecondFactorMiddleware)."""
    if getattr(request, "second_factor_pending", False):
        raise HttpError(401, "Cần xác thực hai lớp trên trang nghiệp vụ trước khi xem dữ liệu này.")
    if not request.user.is_authenticated:
        raise HttpError(401, "Cần đăng nhập (phiên đăng nhập của trang nghiệp vụ) để xem dữ liệu này.")


class AreaOut(Schema):
    code: str = Field(description="Mã đơn vị hành chính của địa bàn.")
    name: str
    level: str = Field(description="province, district hoặc commune.")


class PeriodOut(Schema):
    key: str = Field(description="Kỳ báo cáo: 2026-H1, 2026-H2 hoặc 2026 (cả năm).")
    label: str = Field(description="Tên kỳ báo cáo, ví dụ “6 tháng đầu năm 2026”.")
    start: dt.date = Field(description="Ngày đầu kỳ (ngày chốt số liệu của kỳ trước + 1).")
    end: dt.date = Field(description="Ngày chốt số liệu, cuối kỳ.")
    due: dt.date = Field(description="Hạn gửi báo cáo (gửi sau ngày này là gửi muộn).")
    due_explanation: str = Field(description="Cách tính hạn gửi báo cáo.")
    due_explanation_en: str = Field(description="Cách tính hạn gửi báo cáo, bằng tiếng Anh.")


class IndicatorOut(Schema):
    label: str
    done: int = Field(description="Số việc làm đúng (ví dụ: số nội dung công khai đúng hạn).")
    total: int = Field(description="Số việc phải làm (ví dụ: số nội dung đã công khai).")
    rate: float | None = Field(description="done / total, từ 0 đến 1; null khi không phát sinh (total = 0).")
    status: str = Field(
        description="good: đạt (100%); warn: cần lưu ý (từ 80%); bad: chưa đạt; none: không phát sinh."
    )


def _indicators(indicators) -> dict:
    return {
        i.key: {
            "label": i.label,
            "done": i.done,
            "total": i.total,
            "rate": None if i.rate is None else float(i.rate),
            "status": i.status,
        }
        for i in indicators
    }


INDICATORS_DESCRIPTION = "Các chỉ số theo khóa: " + "; ".join(
    f"{key}: {label}" for key, label, *_rest in compliance_module.INDICATORS
)


class RowReportOut(Schema):
    id: int | None = Field(description="Số của báo cáo (null khi chưa tổng hợp).")
    status: str = Field(
        description="not_due: chưa đến kỳ; in_progress: đang soạn, chưa đến hạn; on_time: đã gửi đúng hạn; "
        "late: gửi muộn; missing: chưa gửi (quá hạn)."
    )
    status_label: str
    state: str | None = Field(
        description="draft: đang soạn; to_sign: chờ ký duyệt; submitted: đã gửi; null: chưa có."
    )
    submitted_at: dt.datetime | None = Field(description="Thời điểm gửi (giờ Việt Nam, +07:00).")
    is_late: bool = Field(description="true nếu đã gửi sau hạn.")


class RowOut(Schema):
    code: str
    name: str
    kind: Literal["unit", "agency"] = Field(description="unit: xã, phường, đặc khu; agency: cơ quan, đơn vị.")
    status: str = Field(description="Đánh giá chung: chỉ số kém nhất (good, warn, bad, none).")
    indicators: dict[str, IndicatorOut] = Field(description=INDICATORS_DESCRIPTION)
    report: RowReportOut


class ComplianceOut(Schema):
    area: AreaOut
    period: PeriodOut
    indicators: dict[str, IndicatorOut] = Field(description="Các chỉ số của cả địa bàn (cộng mọi đơn vị).")
    reports: dict[str, int] = Field(
        description="Số đơn vị theo tình trạng báo cáo (on_time, late, missing, …)."
    )
    count: int = Field(description="Số đơn vị của địa bàn (mọi trang).")
    page: int
    page_size: int
    results: list[RowOut]


class ComplianceParams(Schema):
    period: str | None = Field(
        None,
        max_length=10,
        description="Kỳ báo cáo: 2026-H1, 2026-H2 hoặc 2026. Mặc định: kỳ 6 tháng gần nhất đã kết thúc.",
    )
    sort: SortParam = Field(
        "name", description="Sắp xếp theo: name, status, report hoặc khóa của một chỉ số."
    )
    desc: bool = Field(False, description="true: sắp xếp giảm dần.")
    page: int = Field(1, ge=1, description="Trang, bắt đầu từ 1.")
    page_size: int = Field(settings.API_PAGE_SIZE, ge=1, le=500, description="Số đơn vị mỗi trang.")

    @field_validator("period")
    @classmethod
    def known_period(cls, value):
        if value:
            parse_key(value)  # ValueError with the Vietnamese message → 400
        return value


def _row(row) -> dict:
    report = row.report
    return {
        "code": row.code,
        "name": row.name,
        "kind": "agency" if row.is_agency else "unit",
        "status": row.status,
        "indicators": _indicators(row.indicators),
        "report": {
            "id": report.pk if report else None,
            "status": row.report_status,
            "status_label": str(row.report_status_label),
            "state": report.state if report else None,
            "submitted_at": local_time(report.submitted_at) if report else None,
            "is_late": bool(report and report.state == ReportState.SUBMITTED and report.is_late),
        },
    }


@router.get(
    "/units/{code}/compliance",
    response={200: ComplianceOut, 400: BadRequest, 401: BadRequest, 404: BadRequest},
    summary="Chỉ số thực hiện dân chủ ở cơ sở của các đơn vị trong một địa bàn",
)
def area_compliance(request, code: str, params: Query[ComplianceParams]):
    """For reviewers (and administrators) of the area or above: every commune and agency of a province
    (or district, or one commune) with its indicators for the period and the status of its report;
    the totals of the area. Computed in a constant number of queries, whatever the number of units."""
    _signed_in_staff(request)
    try:
        area = get_area_for_user(request, code)
    except Http404:
        raise HttpError(404, f"Không có địa bàn mã “{code}” trong phạm vi bạn theo dõi.") from None
    period = compliance_module.period_for(area, params.period)
    result = compliance_module.compliance(area, period)
    rows = result.sorted_rows(params.sort, params.desc)
    first = (params.page - 1) * params.page_size
    return {
        "area": area,
        "period": {
            "key": period.key,
            "label": period.label,
            "start": period.start,
            "end": period.end,
            "due": period.due,
            "due_explanation": period.due_explanation,
            "due_explanation_en": period.due_explanation_en,
        },
        "indicators": _indicators(result.indicators),
        "reports": {status: result.count(status) for status in ReportStatus.values},
        "count": len(rows),
        "page": params.page,
        "page_size": params.page_size,
        "results": [_row(r) for r in rows[first : first + params.page_size]],
    }


class OwnerOut(Schema):
    kind: Literal["unit", "agency"]
    code: str
    name: str
    unit: str | None = Field(description="Với cơ quan, đơn vị: mã đơn vị hành chính nơi đặt cơ quan.")


class NarrativeOut(Schema):
    results: str = Field(description="Kết quả đạt được.")
    shortcomings: str = Field(description="Tồn tại, hạn chế và nguyên nhân.")
    proposals: str = Field(description="Phương hướng, đề xuất, kiến nghị.")


class LinksOut(Schema):
    page: str = Field(description="Trang của báo cáo trên cổng (trang nghiệp vụ).")
    pdf: str = Field(description="Báo cáo dạng PDF (thể thức văn bản hành chính).")
    xlsx: str = Field(description="Số liệu của báo cáo dạng XLSX.")


class ReportOut(Schema):
    id: int
    owner: OwnerOut
    period: PeriodOut
    state: str = Field(description="draft: đang soạn; to_sign: chờ ký duyệt; submitted: đã gửi.")
    status: str = Field(description="not_due, in_progress, on_time, late, missing (như trong /compliance).")
    number: str = Field(description="Số báo cáo “n/BC-UBND” (khi đã gửi).")
    submitted_at: dt.datetime | None = Field(description="Thời điểm gửi (giờ Việt Nam, +07:00).")
    is_late: bool = Field(description="true nếu đã gửi sau hạn.")
    signer_title: str = Field(description="Chức vụ người ký.")
    return_reason: str = Field(description="Lý do người phê duyệt trả lại (khi bị trả lại).")
    compiled_at: dt.datetime = Field(description="Thời điểm tổng hợp số liệu (giờ Việt Nam, +07:00).")
    figures: dict = Field(
        description="Số liệu đã chốt khi tổng hợp: disclosures, feedback, consultations, decisions, "
        "recommendations (xem reports/figures.py)."
    )
    narrative: NarrativeOut
    links: LinksOut


@router.get(
    "/reports/{int:report_id}",
    response={200: ReportOut, 401: BadRequest, 404: BadRequest},
    summary="Một báo cáo của đơn vị",
)
def report_detail(request, report_id: int):
    """A unit's (or agency's) report: its period and deadline, state, the figures snapshot and the
    narrative, with links to its page, PDF and XLSX. For the unit's or agency's people and the
    reviewers and administrators above it."""
    _signed_in_staff(request)
    try:
        report = get_report_for_user(request, report_id)
    except Http404:
        raise HttpError(404, f"Không có báo cáo số {report_id}.") from None
    owner = report.owner

    def link(name):
        return request.build_absolute_uri(reverse(name, args=[report.pk]))

    return {
        "id": report.pk,
        "owner": {
            "kind": "agency" if report.agency_id else "unit",
            "code": owner.code,
            "name": owner.name,
            "unit": owner.unit.code if report.agency_id else None,
        },
        "period": {
            "key": report.key,
            "label": report.period_label,
            "start": report.period_start,
            "end": report.period_end,
            "due": report.due_on,
            "due_explanation": report.due_explanation,
            "due_explanation_en": report.due_explanation_en,
        },
        "state": report.state,
        "status": report.status(),
        "number": report.number,
        "submitted_at": local_time(report.submitted_at),
        "is_late": report.state == ReportState.SUBMITTED and report.is_late,
        "signer_title": report.signer_title,
        "return_reason": report.return_reason,
        "compiled_at": local_time(report.compiled_at),
        "figures": report.figures,
        "narrative": {
            "results": report.results,
            "shortcomings": report.shortcomings,
            "proposals": report.proposals,
        },
        "links": {"page": link("reports:detail"), "pdf": link("reports:pdf"), "xlsx": link("reports:xlsx")},
    }
