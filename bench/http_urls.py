"""The portal's URLs plus the bench's two reference views (they exist only here, never in the portal).

- `/bench/bare/`: a bare Django view, no database, a few bytes of text: the floor of any request.
- `/bench/reference-board/<code>/`: the same public board as `/units/<code>/board/` (what is posted now
  and the permanent items), read with one raw query and rendered by a minimal template: the cost of
  the board's data with nothing else around it.
"""

from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from democracy.urls import handler403, handler404, handler500  # noqa: F401  (read from ROOT_URLCONF)

BOARD_SQL = """
SELECT d.id, d.title, d.published_at, d.window_ends_at, i.clause, i.is_permanent, u.name
FROM disclosures_disclosure d
JOIN units_administrativeunit u ON u.id = d.unit_id
JOIN democracy_catalogueitem i ON i.id = d.item_id
WHERE u.code = %s AND d.agency_id IS NULL AND d.state = 'published'
  AND (i.is_permanent OR d.window_ends_at IS NULL OR d.window_ends_at >= now())
ORDER BY i.is_permanent, d.window_ends_at, i.clause, d.published_at DESC, d.id
"""

TEMPLATE = engines["django"].from_string(
    """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{{ name }}</title></head><body>
<h1>{{ name }}</h1><ul>{% for r in rows %}
<li><a href="/disclosures/{{ r.0 }}/">{{ r.1 }}</a> (khoản {{ r.4 }}), {{ r.2|date:"d/m/Y H:i" }}{% if r.3 %}
 – {{ r.3|date:"d/m/Y H:i" }}{% endif %}</li>{% endfor %}</ul></body></html>"""
)


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


def reference_board(request, code):
    with connection.cursor() as cursor:
        cursor.execute(BOARD_SQL, [code])
        rows = cursor.fetchall()
    name = rows[0][6] if rows else code
    return HttpResponse(TEMPLATE.render({"name": name, "rows": rows}))


urlpatterns = [
    path("bench/bare/", bare),
    path("bench/reference-board/<str:code>/", reference_board),
    path("", include("democracy.urls")),
]
