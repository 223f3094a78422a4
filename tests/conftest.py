"""The shared cast: two provinces, communes A and B in province P, commune C in province Q, a village
and an agency in A, and one user per role. Every view test can cover allowed / 403 / 404 with it."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from democracy.models import CatalogueItem
from units.models import AdministrativeUnit, Agency, Level, Membership, Role, UnitType


def make_unit(code, name, level, type_, parent=None, **extra):
    return AdministrativeUnit.objects.create(
        code=code, name=name, level=level, type=type_, parent=parent, **extra
    )


def make_user(username, role=None, *, unit=None, agency=None, **extra):
    user = get_user_model().objects.create_user(username=username, password="matkhau-thu-nghiem", **extra)
    if role:
        Membership.objects.create(user=user, role=role, unit=unit, agency=agency)
    return user


def ensure_catalogue():
    """The catalogue comes from a data migration. A transactional test (live server, real worker)
    flushes every table when it ends, and serialized rollback cannot bring it back inside Playwright's
    event loop (Django's connections are per context there), so reload it from the migration."""
    if not CatalogueItem.objects.exists():
        for module, function in DATA_MIGRATIONS:
            path = module if "." in module else f"democracy.migrations.{module}"
            getattr(importlib.import_module(path), function)(apps, None)
    if not apps.get_model("regulations", "ConventionStep").objects.exists():  # Decree 61's steps
        importlib.import_module("consultations.regulations.migrations.0002_convention_steps").load(apps, None)


# Every data migration of the catalogue and the calendar, in order: a flush empties what each one put in.
DATA_MIGRATIONS = [
    ("0002_catalogue_items", "load_catalogue"),
    ("0005_decision_rules_in_catalogue", "set_rules"),
    ("0006_delegate_conferences", "set_the_rule"),
    ("0007_calendar_swaps_shipped", "ship"),
    # Other apps' data migrations, by their full module path.
    ("consultations.petitions.migrations.0002_default_answer_rule", "load_default"),
    ("consultations.supervision.migrations.0002_board_rules", "load_rules"),
    ("consultations.migrations.0014_meeting_kind_rules", "load_rules"),
    ("consultations.duties.migrations.0002_duties", "load_duties"),
    ("consultations.regulations.migrations.0004_review_reminder_rules", "load"),
]


@pytest.fixture
def cast(db):
    ensure_catalogue()
    p = make_unit("24", "Tỉnh Bắc Ninh", Level.PROVINCE, UnitType.TINH)
    q = make_unit("01", "Thành phố Hà Nội", Level.PROVINCE, UnitType.THANH_PHO_TW)
    a = make_unit("07282", "Xã Đồng Kỳ", Level.COMMUNE, UnitType.XA, p)
    b = make_unit("07288", "Xã Yên Thế", Level.COMMUNE, UnitType.XA, p)
    c = make_unit("00070", "Phường Hoàn Kiếm", Level.COMMUNE, UnitType.PHUONG, q)
    village_a = make_unit("07282-01", "Thôn Đồng Bông", Level.VILLAGE, UnitType.THON, a, households=120)
    village_b = make_unit("07288-01", "Thôn Hố Cả", Level.VILLAGE, UnitType.THON, b, households=80)
    agency_a = Agency.objects.create(
        code="UBND-07282", name="Văn phòng UBND xã Đồng Kỳ", unit=a, staff_count=28
    )
    agency_c = Agency.objects.create(
        code="UBND-00070", name="Văn phòng UBND phường Hoàn Kiếm", unit=c, staff_count=40
    )
    return SimpleNamespace(
        province=p,
        other_province=q,
        a=a,
        b=b,
        c=c,
        village_a=village_a,
        village_b=village_b,
        agency_a=agency_a,
        agency_c=agency_c,
        clerk_a=make_user("clerk_a", Role.CLERK, unit=a),
        approver_a=make_user("approver_a", Role.APPROVER, unit=a),
        clerk_b=make_user("clerk_b", Role.CLERK, unit=b),
        inspector_a=make_user("inspector_a", Role.INSPECTOR, unit=a),
        staff_agency_a=make_user("staff_agency_a", Role.AGENCY_STAFF, agency=agency_a),
        reviewer_p=make_user("reviewer_p", Role.REVIEWER, unit=p),
        reviewer_q=make_user("reviewer_q", Role.REVIEWER, unit=q),
        admin=make_user("admin", Role.ADMINISTRATOR, is_staff=True, is_superuser=True),
        nobody=make_user("nobody"),
    )


@pytest.fixture(autouse=True)
def _vietnamese_after_each_test():
    """A request in English leaves English active in the thread (as Django's middleware does); the next
    test starts in the site's language whatever ran before it."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_public_cache():
    """The database is emptied after each test, the cache of public pages is not: each test starts with
    none (democracy/publiccache.py), so no page of an earlier test's rows is served."""
    from django.core.cache import caches

    caches["public"].clear()
    yield
