"""`/api/v1/catalogue`: the legal catalogue of Law 10/2022/QH15 (Art. 11, 15, 25, 30, 46, 49, 53, 56) with
the rules each item carries. Read-only and public: it is the text of the Law, not anyone's data."""

from typing import Literal

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from .apitools import BadRequest, PagePagination
from .models import CatalogueItem

router = Router(tags=["catalogue"])

# Literal types (not the model's TextChoices) keep the enums inline in the OpenAPI schema; a test checks
# they match Scope and Kind in democracy/models.py.
ScopeName = Literal["commune", "agency"]
KindName = Literal["disclose", "decide", "comment", "supervise"]


class NotFound(Schema):
    detail: str


class CatalogueFilters(Schema):
    scope: ScopeName | None = Field(
        None,
        description="Phạm vi / scope: `commune` (cấp xã, Điều 11–45) "
        "hoặc `agency` (cơ quan, đơn vị, Điều 46–63).",
    )
    article: int | None = Field(
        None, description="Số điều / article number, ví dụ 11, 15, 25, 30, 46, 49, 53, 56.", examples=[11]
    )
    kind: KindName | None = Field(
        None,
        description="Loại / kind: `disclose` (công khai), `decide` (bàn và quyết định), "
        "`comment` (tham gia ý kiến), `supervise` (kiểm tra, giám sát).",
    )


class CatalogueItemOut(Schema):
    id: int
    article: int = Field(description="Điều của Luật 10/2022/QH15.")
    clause: int = Field(description="Khoản (số thứ tự mục) trong điều.")
    scope: ScopeName
    kind: KindName
    label_vi: str = Field(description="Nội dung (tóm lược, không phải văn bản chính thức).")
    label_en: str = Field(description="English gloss.")
    legal_basis: str = Field(description="Căn cứ: điều, khoản để đối chiếu văn bản chính thức.")

    disclosure_deadline_working_days: int | None = Field(
        description="Công khai chậm nhất N ngày làm việc sau quyết định / "
        "disclose within N working days (Điều 12(3), 47(2))."
    )
    posting_days: int | None = Field(
        description="Niêm yết tối thiểu N ngày liên tục / minimum consecutive posting days "
        "(Điều 13(2), 48). null: luật không quy định."
    )
    is_permanent: bool = Field(description="Niêm yết thường xuyên / posted permanently (Điều 13(2)).")
    radio_days: int | None = Field(
        description="Phát trên truyền thanh xã tối thiểu N ngày liên tục / radio broadcast days (Điều 13(3))."
    )
    consultation_days: int | None = Field(
        description="Lấy ý kiến tối thiểu N ngày kể từ khi công khai / "
        "minimum consultation days (Điều 28(2))."
    )
    threshold_numerator: int | None = Field(
        description="Tỷ lệ thông qua: tử số / pass threshold numerator (Điều 21(1), 51(2)(c))."
    )
    threshold_denominator: int | None = Field(
        description="Tỷ lệ thông qua: mẫu số / pass threshold denominator."
    )
    threshold_inclusive: bool = Field(
        description="true: “từ … trở lên” (≥); false: “trên …” (>) / "
        "whether reaching the threshold exactly passes."
    )
    quorum_numerator: int | None = Field(
        description="Số người dự tối thiểu: tử số / quorum numerator (Điều 51(2)(c))."
    )
    quorum_denominator: int | None = Field(description="Số người dự tối thiểu: mẫu số / quorum denominator.")
    online_vote_allowed: bool = Field(
        description="Cho phép biểu quyết trực tuyến / online vote allowed (Điều 17(2): chỉ khoản 6 Điều 15)."
    )
    recognition_working_days: int | None = Field(
        description="Công nhận quyết định trong N ngày làm việc / "
        "recognition within N working days (Điều 21(2))."
    )
    recognised_by: str = Field(
        description="Cơ quan công nhận: committee (UBND xã), front (Ủy ban MTTQ xã), rỗng: có hiệu lực từ ngày "
        "biểu quyết / who recognises the decision; empty: in effect from the vote (Điều 21(2))."
    )
    send_working_days: int | None = Field(
        description="Gửi quyết định trong N ngày làm việc / send the decision within N working days (Điều 20(3))."
    )
    meeting_required: bool = Field(
        description="Bắt buộc họp / must be decided at a meeting (Điều 17(2), trừ Điều 19(1)(b))."
    )
    counts_villages: bool = Field(
        description="Toàn xã: tính theo số thôn / commune-wide: counted over villages (Điều 21(1)(b))."
    )
    delegate_min_staff: int | None = Field(
        description="Hội nghị đại biểu khi có từ N người / delegate conference from N staff (Điều 51(2)(b))."
    )
    online_consent_numerator: int | None = Field(
        description="Đồng ý biểu quyết trực tuyến: trên tử số/mẫu số tổng số hộ / households that must agree to "
        "an online vote, strictly above numerator/denominator (Nghị định 59 Điều 5)."
    )
    online_consent_denominator: int | None = Field(description="… mẫu số / denominator.")
    answer_days: int | None = Field(
        description="Trả lời kiến nghị của Ban Thanh tra nhân dân trong N ngày / answer within N days "
        "(Điều 40(1)(c), 63(1)(c))."
    )


@router.get(
    "",
    response={200: list[CatalogueItemOut], 400: BadRequest},
    summary="Danh mục pháp lý / Legal catalogue",
)
@paginate(PagePagination)
def list_catalogue(request, filters: Query[CatalogueFilters]):
    """Các mục đang áp dụng của danh mục pháp lý, lọc theo phạm vi, điều và loại; sắp xếp theo phạm vi, điều,
    khoản. Tham số sai (phạm vi hoặc loại không có trong danh sách, điều không phải số nguyên) trả về 400.

    The active items of the legal catalogue, filtered by scope, article and kind, ordered by scope, article
    and clause. Invalid parameters (unknown scope or kind, non-integer article) give HTTP 400."""
    items = CatalogueItem.objects.active()
    if filters.scope is not None:
        items = items.for_scope(filters.scope)
    if filters.kind is not None:
        items = items.of_kind(filters.kind)
    if filters.article is not None:
        items = items.filter(article=filters.article)
    return items.order_by("scope", "article", "clause")


@router.get(
    "/{int:item_id}",
    response={200: CatalogueItemOut, 404: NotFound},
    summary="Một mục danh mục / One catalogue item",
)
def get_catalogue_item(request, item_id: int):
    """Một mục đang áp dụng của danh mục pháp lý theo mã; 404 nếu không có hoặc đã ngừng áp dụng.

    One active catalogue item by id; 404 when it does not exist or is no longer active."""
    item = CatalogueItem.objects.active().filter(pk=item_id).first()
    if item is None:
        raise HttpError(404, "Không tìm thấy mục danh mục này (hoặc mục đã ngừng áp dụng).")
    return item
