"""What every API router shares: the JSON renderer, the 400 answer, pagination, Vietnamese messages."""

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Schema
from ninja.pagination import PaginationBase
from ninja.renderers import JSONRenderer


class Renderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}  # Vietnamese names readable in the raw JSON


class BadRequest(Schema):
    detail: str
    errors: list[dict[str, Any]] = []


class PagePagination(PaginationBase):
    """`?page=N&page_size=M` → {count, page, page_size, results}."""

    class Input(Schema):
        page: int = Field(1, ge=1, description="Trang, bắt đầu từ 1.")
        page_size: int = Field(settings.API_PAGE_SIZE, ge=1, le=500, description="Số kết quả mỗi trang.")

    class Output(Schema):
        count: int
        page: int
        page_size: int
        results: list[Any]

    items_attribute = "results"

    def paginate_queryset(self, queryset, pagination: Input, **params):
        count = self._items_count(queryset)
        offset = (pagination.page - 1) * pagination.page_size
        # A page past the last one is empty, without asking the database: an OFFSET beyond a 64-bit
        # integer (`?page=9223372036854775808`) is an error there, not an empty page (issue 18 item 9).
        results = list(queryset[offset : offset + pagination.page_size]) if offset < count else []
        return {
            "count": count,
            "page": pagination.page,
            "page_size": pagination.page_size,
            "results": results,
        }


def vietnamese_message(error: dict) -> str:
    """pydantic's validation error in Vietnamese (the English text is kept for types not listed)."""
    ctx = error.get("ctx") or {}
    messages = {
        "missing": "bắt buộc phải có.",
        "int_parsing": "phải là số nguyên.",
        "int_type": "phải là số nguyên.",
        "bool_parsing": "phải là true hoặc false.",
        "date_parsing": "phải là ngày dạng YYYY-MM-DD có thật.",
        "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD có thật.",
        "greater_than_equal": f"phải từ {ctx.get('ge')} trở lên.",
        "greater_than": f"phải lớn hơn {ctx.get('gt')}.",
        "less_than_equal": f"không được quá {ctx.get('le')}.",
        "string_too_long": f"dài quá {ctx.get('max_length')} ký tự.",
        "literal_error": f"phải là một trong: {ctx.get('expected', '')}.",
        "enum": f"phải là một trong: {ctx.get('expected', '')}.",
    }
    if error.get("type") == "value_error":
        return str(ctx.get("error") or error.get("msg", ""))
    return messages.get(error.get("type"), error.get("msg", ""))


def local_time(moment):
    """Times in Vietnam's offset (+07:00), as the pages show them, rather than in UTC."""
    return timezone.localtime(moment) if moment else None


def absolute_url(context, name: str, pk) -> str:
    """The full address of a page, for the `url` fields of API answers."""
    return context["request"].build_absolute_uri(reverse(name, args=[pk]))
