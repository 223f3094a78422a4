"""The pages' Content-Security-Policy (django-csp) and the templates that let it be strict.

Scripts and styles come only from the portal's static files: no inline <script>, no on…= handler,
no style="" and no <style> in a page template (PDF templates are laid out by WeasyPrint, never by a
browser, and mail bodies are text). Downloads keep their own `sandbox` policy."""

import re
from pathlib import Path

import pytest
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse

from democracy.downloads import generated_download

TEMPLATES = Path(settings.BASE_DIR) / "templates"
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: values for name, *values in parts}


def assert_strict(response):
    policy = directives(response)
    assert policy["script-src"] == ["'self'"], policy
    assert policy["style-src"] == ["'self'"], policy
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_the_public_pages_carry_a_policy_without_inline_scripts(client, cast):
    paths = [
        reverse("home"),
        reverse("login"),
        reverse("units:detail", args=[cast.a.code]),
        reverse("disclosures:board", args=[cast.a.code]),
        reverse("consultations:board", args=[cast.a.code]),
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_strict(response)


def test_the_staff_pages_and_error_pages_carry_it_too(client, cast):
    client.force_login(cast.clerk_a)
    for path in (
        reverse("units:workspace"),
        reverse("disclosures:workspace"),
        reverse("consultations:workspace"),
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert_strict(response)
    assert_strict(client.get("/no-such-page/"))


def test_the_api_and_its_swagger_ui_have_the_policy_and_no_cdn(client, cast):
    assert_strict(client.get(f"/api/v1/units/{cast.a.code}/disclosures"))
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert_strict(docs)
    html = docs.content.decode()
    assert "cdn." not in html and "/static/ninja/swagger-ui-bundle" in html


def test_a_download_keeps_its_own_sandbox_policy_alone(rf):
    """The full-stack checks are tests/disclosures/test_board.py and the consultation document test."""

    def view(request):
        return generated_download(PDF_BYTES, filename="x.pdf", content_type="application/pdf")

    response = CSPMiddleware(view)(rf.get("/x.pdf"))
    assert response.headers["Content-Security-Policy"] == "sandbox"  # one policy, not merged with the pages'


def test_an_inline_pdf_is_sandboxed_like_a_stored_download(rf):
    def view(request):
        return generated_download(PDF_BYTES, filename="x.pdf", content_type="application/pdf", inline=True)

    response = CSPMiddleware(view)(rf.get("/x.pdf"))
    assert response.headers["Content-Security-Policy"] == "sandbox"
    assert response["Content-Disposition"].startswith("inline")


# --- The templates ---------------------------------------------------------------------------------

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
HANDLER = re.compile(r"<[a-z][^>]*?\son[a-z]+\s*=", re.IGNORECASE | re.DOTALL)
JS_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)
STYLE_ATTR = re.compile(r"<[a-z][^>]*?\sstyle\s*=", re.IGNORECASE | re.DOTALL)
STYLE_TAG = re.compile(r"<style\b", re.IGNORECASE)


def page_templates():
    """The templates a browser renders: not the PDFs' (*/pdf/), not the mail bodies (*/email/: the HTML part
    of a mail carries its styles inline, as mail clients ignore style sheets; no page policy applies)."""
    for path in sorted(TEMPLATES.rglob("*.html")):
        if not {"pdf", "email"} & set(path.relative_to(TEMPLATES).parts):
            yield path


def offences(text: str) -> list[str]:
    found = [f"inline <script>: {body.strip()[:60]!r}" for _, body in SCRIPT.findall(text) if body.strip()]
    found += [
        f"<script> without src: {attrs.strip()!r}" for attrs, _ in SCRIPT.findall(text) if "src=" not in attrs
    ]
    found += [f"event handler: {m.group(0)[-60:]!r}" for m in HANDLER.finditer(text)]
    found += [f"javascript: URL: {m.group(0)!r}" for m in JS_URL.finditer(text)]
    found += [f"style attribute: {m.group(0)[-60:]!r}" for m in STYLE_ATTR.finditer(text)]
    found += ["<style> element" for _ in STYLE_TAG.finditer(text)]
    return found


def test_no_page_template_holds_inline_script_handlers_or_styles():
    found = {
        str(path.relative_to(TEMPLATES)): problems
        for path in page_templates()
        if (problems := offences(path.read_text(encoding="utf-8")))
    }
    assert found == {}


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<script type="module">\n  go();\n</script>',
        '<button type="button" onclick="window.print()">',
        "<form\n  onsubmit=\"return confirm('?')\">",
        '<a href="javascript:history.back()">',
        '<span style="width: 5%">',
        "<style>.x{}</style>",
    ],
)
def test_the_scan_catches_each_kind(text):
    assert offences(text)


def test_the_scan_lets_static_scripts_and_data_attributes_pass():
    assert not offences('<script src="/static/js/print.js" defer></script><button data-print data-on="x">')
