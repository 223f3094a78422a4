"""Public JSON API v1. The OpenAPI schema is served at /api/v1/openapi.json, the docs at /api/v1/docs."""

from typing import Any

from django.conf import settings
from ninja import Field, NinjaAPI, Schema
from ninja.errors import ValidationError
from ninja.pagination import PaginationBase
from ninja.renderers import JSONRenderer


class Renderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}  # Vietnamese names readable in the raw JSON

api = NinjaAPI(
    title="Cổng thực hiện dân chủ ở cơ sở – API",
    version="1",
    description="Đơn vị hành chính, danh mục pháp lý (Luật 10/2022/QH15) và lịch ngày làm việc.",
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    renderer=Renderer(),
)


class BadRequest(Schema):
    detail: str
    errors: list[dict[str, Any]] = []


@api.exception_handler(ValidationError)
def bad_parameters(request, exc):
    """Bad query parameters get a 400 with a message per parameter, never a 422 or a 500."""
    errors = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body")]
        errors.append({"parameter": ".".join(location), "message": error.get("msg", "")})
    names = ", ".join(e["parameter"] for e in errors if e["parameter"]) or "?"
    return api.create_response(
        request, {"detail": f"Tham số không hợp lệ: {names}.", "errors": errors}, status=400
    )


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
        offset = (pagination.page - 1) * pagination.page_size
        return {
            "count": self._items_count(queryset),
            "page": pagination.page,
            "page_size": pagination.page_size,
            "results": list(queryset[offset : offset + pagination.page_size]),
        }


api.add_router("/units", "units.api.router")
api.add_router("/catalogue", "democracy.catalogue_api.router")
api.add_router("/calendar", "democracy.calendar_api.router")
