"""The portal on the real PostgreSQL: the schema is migrated and unit search folds diacritics.

Needs DATABASE_URL pointing at PostgreSQL (CI exports it before pytest). On any other database
the tests FAIL rather than skip, so that a missing service cannot go unnoticed.
"""

import pytest
from django.db import connection

from democracy.models import CalendarOverride, CatalogueItem
from units.models import AdministrativeUnit, Agency, Membership

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def require_postgresql(db):
    if connection.vendor != "postgresql":
        pytest.fail(
            f"This test needs PostgreSQL, the database is {connection.vendor}: export "
            "DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/portal) before pytest."
        )


def test_database_is_utf8():
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_encoding")
        assert cursor.fetchone()[0] == "UTF8"


def test_catalogue_and_unit_tables_exist():
    tables = set(connection.introspection.table_names())
    for model in (CatalogueItem, CalendarOverride, AdministrativeUnit, Agency, Membership):
        assert model._meta.db_table in tables, f"{model._meta.db_table} is missing: migrations not applied?"
    # simple_history's table for the catalogue, which the admin's history pages need.
    assert CatalogueItem.history.model._meta.db_table in tables


def test_unit_search_folds_diacritics(cast):
    unit = AdministrativeUnit.objects.get(pk=cast.a.pk)
    assert unit.name == "Xã Đồng Kỳ"  # stored and read back intact
    assert unit.search_name == "xa dong ky"

    assert list(AdministrativeUnit.objects.search("dong ky")) == [cast.a]
    assert list(AdministrativeUnit.objects.search("ĐỒNG KỲ")) == [cast.a]
    assert list(AdministrativeUnit.objects.search("  Xã   đồng ")) == [cast.a]
    # "dong" alone also finds the village Thôn Đồng Bông below it.
    assert set(AdministrativeUnit.objects.search("dong")) == {cast.a, cast.village_a}
    assert not AdministrativeUnit.objects.search("dong ky hoan kiem").exists()
