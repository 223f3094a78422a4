"""Consultations in the public API: a commune's list and one consultation with its documents and, once
the period has ended, every comment with its response. Agencies' internal consultations (Art. 53) and
plans not yet published are returned only to the people `access.visible_consultations` lets see them;
to anyone else they do not exist (404, absent from lists). Names and contacts are never returned."""

import datetime as dt
from typing import Literal

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from democracy import publiccache
from democracy.apitools import BadRequest, PagePagination, absolute_url, local_time
from units.models import AdministrativeUnit, Agency

from .access import visible_consultations
from .models import Comment, Consultation, ConsultationState, DraftDocument

router = Router(tags=["consultations"])

StateParam = Literal["open", "closed", "results_published", "all"]


class ItemOut(Schema):
    article: int = Field(description="Điều của Luật 10/2022/QH15: 25 (xã, phường) hoặc 53 (cơ quan, đơn vị).")
    clause: int = Field(description="Khoản của điều đó.")
    label_vi: str = Field(description="Nội dung lấy ý kiến, theo lời văn của luật.")


class ConsultationOut(Schema):
    id: int
    title: str = Field(description="Tên dự thảo, nội dung lấy ý kiến.")
    item: ItemOut
    state: str = Field(
        description="open: đang lấy ý kiến; closed: đã hết thời gian lấy ý kiến; results_published: đã công "
        "khai kết quả (với người có quyền: draft, kế hoạch chưa công bố)."
    )
    opened_at: dt.datetime | None = Field(description="Thời điểm công bố (giờ Việt Nam, +07:00).")
    ends_at: dt.datetime | None = Field(description="Thời điểm kết thúc nhận ý kiến (giờ Việt Nam, +07:00).")
    comments_count: int = Field(description="Số ý kiến đã nhận (không gồm ý kiến đã bị ẩn).")
    url: str = Field(description="Trang của cuộc lấy ý kiến trên cổng.")

    @staticmethod
    def resolve_opened_at(obj):
        return local_time(obj.opened_at)

    @staticmethod
    def resolve_ends_at(obj):
        return local_time(obj.ends_at)

    @staticmethod
    def resolve_url(obj, context):
        return absolute_url(context, "consultations:detail", obj.pk)


class FormOut(Schema):
    code: str = Field(description="Điểm của Điều 26 khoản 1 (xã) hoặc khoản của Điều 54 (cơ quan).")
    label: str


class DocumentOut(Schema):
    name: str = Field(description="Tên tệp gốc.")
    size: int = Field(description="Kích thước (byte).")
    content_type: str = Field(description="Loại tệp, đã kiểm tra theo nội dung khi tải lên.")
    url: str

    @staticmethod
    def resolve_name(obj):
        return obj.original_name

    @staticmethod
    def resolve_url(obj, context):
        return absolute_url(context, "consultations:document", obj.pk)


class CommentOut(Schema):
    id: int
    channel: str = Field(description="Kênh tiếp nhận: online, conference, community_meeting, …")
    people_count: int | None = Field(description="Số người tham dự (ý kiến tại hội nghị, cuộc họp).")
    section: str = Field(description="Phần, điều của dự thảo được góp ý.")
    text: str
    received_at: dt.datetime
    response_kind: str = Field(
        description="accepted: tiếp thu; explained: giải trình; out_of_scope: ngoài phạm vi."
    )
    response: str = Field(description="Nội dung giải trình, tiếp thu.")
    responded_at: dt.datetime | None

    @staticmethod
    def resolve_received_at(obj):
        return local_time(obj.received_at)

    @staticmethod
    def resolve_responded_at(obj):
        return local_time(obj.responded_at)


class ConsultationDetail(ConsultationOut):
    unit: str | None = Field(description="Mã xã, phường, đặc khu (null với lấy ý kiến nội bộ của cơ quan).")
    agency: str | None = Field(description="Mã cơ quan, đơn vị (chỉ với lấy ý kiến nội bộ, Điều 53).")
    content: str
    purpose: str
    forms: list[FormOut] = Field(description="Các hình thức lấy ý kiến (Điều 26, 54).")
    period_days: int
    ends_on: dt.date | None = Field(description="Ngày cuối của thời gian lấy ý kiến.")
    period_explanation: str = Field(description="Cách tính thời gian lấy ý kiến.")
    period_explanation_en: str = Field(description="Cách tính thời gian lấy ý kiến, bằng tiếng Anh.")
    plan_number: str
    plan_date: dt.date | None
    documents: list[DocumentOut]
    comments: list[CommentOut] | None = Field(
        description="Sau khi hết thời gian lấy ý kiến: một trang ý kiến (trừ ý kiến đã bị ẩn, theo thời "
        "điểm nhận) kèm nội dung giải trình, tiếp thu; không bao giờ có họ tên, liên hệ của người góp ý. "
        "null khi đang lấy ý kiến. Trang khác: ?comments_page=N (&comments_page_size=M)."
    )
    comments_count: int | None = Field(description="Tổng số ý kiến công khai (null khi đang lấy ý kiến).")
    comments_page: int = Field(description="Trang ý kiến trả về, bắt đầu từ 1.")
    comments_page_size: int = Field(description="Số ý kiến mỗi trang.")
    result_summary: str = Field(description="Tổng hợp kết quả (khi đã công khai kết quả).")
    result_number: str
    result_disclosure: int | None = Field(
        description="Số của thông tin công khai kết quả (Điều 11 khoản 11)."
    )

    @staticmethod
    def resolve_unit(obj):
        return obj.unit.code if obj.unit_id else None

    @staticmethod
    def resolve_agency(obj):
        return obj.agency.code if obj.agency_id else None

    @staticmethod
    def resolve_forms(obj):
        return [
            {"code": c, "label": str(label)} for c, label in zip(obj.forms, obj.form_labels(), strict=True)
        ]

    @staticmethod
    def resolve_documents(obj):
        return obj.documents.all()

    @staticmethod
    def resolve_comments(obj):
        return obj.public_comments if obj.ended else None

    # The results only once the approver has published them (a submitted report is not public yet).
    @staticmethod
    def resolve_result_disclosure(obj):
        return obj.result_disclosure_id if obj.state == ConsultationState.RESULTS_PUBLISHED else None

    @staticmethod
    def resolve_result_summary(obj):
        return obj.result_summary if obj.state == ConsultationState.RESULTS_PUBLISHED else ""

    @staticmethod
    def resolve_result_number(obj):
        return obj.result_number if obj.state == ConsultationState.RESULTS_PUBLISHED else ""


class CommentPage(Schema):
    comments_page: int = Field(1, ge=1, description="Trang ý kiến, bắt đầu từ 1.")
    comments_page_size: int = Field(
        settings.API_PAGE_SIZE, ge=1, le=500, description="Số ý kiến mỗi trang (tối đa 500)."
    )


class ConsultationFilters(Schema):
    state: StateParam = Field(
        "all",
        description="all (mặc định), open: đang lấy ý kiến, closed: đã hết thời gian, results_published: đã công khai kết quả.",
    )


def _counted(queryset):
    return queryset.annotate(comments_count=Count("comments", filter=Q(comments__hidden_at__isnull=True)))


@router.get(
    "/units/{code}/consultations",
    response={200: list[ConsultationOut], 400: BadRequest, 404: BadRequest},
    summary="Các cuộc lấy ý kiến của một xã, phường",
)
@paginate(PagePagination)
def list_consultations(request, code: str, filters: Query[ConsultationFilters]):
    """A commune's consultations, newest first. Agencies' internal consultations under this unit are
    included only for the people allowed to read them (Art. 53); plans not yet published only for the
    unit's people."""
    unit = AdministrativeUnit.objects.filter(code=code).first()
    if unit is None:
        raise HttpError(404, f"Không có đơn vị hành chính mã “{code}”.")
    agency_ids = list(Agency.objects.filter(unit=unit).values_list("pk", flat=True))
    rows = (
        Consultation.objects.filter(visible_consultations(request))
        .filter(Q(unit=unit) | Q(agency__in=agency_ids))
        .select_related("item")
        .order_by("-opened_at", "-created_at", "-pk")
    )
    if filters.state != "all":
        rows = rows.filter(state=filters.state)
    return _counted(rows)


@router.get(
    "/consultations/{int:consultation_id}",
    response={200: ConsultationDetail, 404: BadRequest},
    summary="Một cuộc lấy ý kiến",
)
def consultation_detail(request, consultation_id: int, paging: Query[CommentPage]):
    """One consultation with its documents and, once the period has ended, its comments and responses,
    a page at a time (5,000 comments made 1.5 MB and a second in one answer, issue 16)."""
    consultation = (
        _counted(Consultation.objects.filter(visible_consultations(request)))
        .select_related("item", "unit", "agency")
        .prefetch_related(Prefetch("documents", queryset=DraftDocument.objects.order_by("uploaded_at", "pk")))
        .filter(pk=consultation_id)
        .first()
    )
    if consultation is None:
        raise HttpError(404, f"Không có cuộc lấy ý kiến số {consultation_id}.")
    consultation.ended = consultation.state != ConsultationState.DRAFT and not consultation.is_open()
    # Comments are published only after the period: while it runs, none are loaded.
    consultation.comments_page = paging.comments_page
    consultation.comments_page_size = size = paging.comments_page_size
    consultation.public_comments, consultation.comments_count = [], None
    if consultation.ended:
        public = Comment.objects.filter(consultation=consultation, hidden_at__isnull=True)
        consultation.comments_count = count = public.count()
        offset = (paging.comments_page - 1) * size
        if offset < count:  # past the last page: empty, without an OFFSET the database may refuse
            consultation.public_comments = list(public.order_by("received_at", "pk")[offset : offset + size])
    elif consultation.is_open():
        publiccache.valid_until(request, consultation.ends_at)  # the comments appear at the period's end
    return consultation
