"""Public JSON API v1. The OpenAPI schema is served at /api/v1/openapi.json, the docs at /api/v1/docs."""

from ninja import NinjaAPI
from ninja.errors import ValidationError

from .apitools import Renderer, vietnamese_message

api = NinjaAPI(
    title="Cổng thực hiện dân chủ ở cơ sở – API",
    version="1",
    description="Đơn vị hành chính, danh mục pháp lý (Luật 10/2022/QH15) và lịch ngày làm việc.",
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    renderer=Renderer(),
)


@api.exception_handler(ValidationError)
def bad_parameters(request, exc):
    """Bad query parameters get a 400 with a Vietnamese message per parameter, never a 422 or a 500."""
    errors = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body")]
        errors.append({"parameter": ".".join(location), "message": vietnamese_message(error)})
    names = ", ".join(e["parameter"] for e in errors if e["parameter"]) or "?"
    detail = f"Tham số không hợp lệ: {names}. " + " ".join(
        f"{e['parameter']} {e['message']}" if e["parameter"] else e["message"] for e in errors
    )
    return api.create_response(request, {"detail": detail.strip(), "errors": errors}, status=400)


api.add_router("/units", "units.api.router")
api.add_router("", "disclosures.api.router")
api.add_router("", "consultations.api.router")
api.add_router("", "consultations.api_decisions.router")
api.add_router("", "reports.api.router")
api.add_router("", "reports.plans.api.router")
api.add_router("/catalogue", "democracy.catalogue_api.router")
api.add_router("/calendar", "democracy.calendar_api.router")
