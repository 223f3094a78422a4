"""A commune's staff correct their villages and agencies through one write function each, audited."""

import pytest
from django.core.exceptions import ValidationError
from django_otp.plugins.otp_totp.models import TOTPDevice

from democracy.models import Action, AuditEvent
from units import actions
from units.models import ReportingRegime


def test_correcting_a_village_leaves_one_audit_row_with_what_changed(cast):
    changes = actions.update_village(
        cast.village_a, by=cast.clerk_a, name="Thôn Đồng Bông", type="thon", households=131
    )
    assert changes == {"households": [120, 131]}
    (event,) = AuditEvent.objects.of(cast.village_a)
    assert (event.actor, event.action, event.changes) == (cast.clerk_a, "edited", {"households": [120, 131]})


def test_saving_a_village_unchanged_writes_nothing(cast):
    actions.update_village(
        cast.village_a, by=cast.clerk_a, name="Thôn Đồng Bông", type="thon", households=120
    )
    assert not AuditEvent.objects.exists()


def test_a_commune_is_not_edited_as_a_village_and_leaves_no_row(cast):
    with pytest.raises(ValidationError):
        actions.update_village(cast.a, by=cast.clerk_a, name="X", type="thon", households=1)
    assert not AuditEvent.objects.exists()


def test_correcting_an_agency_leaves_one_audit_row(cast):
    agency = cast.agency_a
    actions.update_agency(agency, by=cast.clerk_a, name=agency.name, kind=agency.kind, staff_count=30)
    (event,) = AuditEvent.objects.of(agency)
    assert event.changes == {"staff_count": [28, 30]}


def test_the_staff_page_form_goes_through_the_write_function(cast, client):
    client.force_login(cast.clerk_a)
    response = client.post(
        f"/staff/villages/{cast.village_a.code}/edit/",
        {"name": "Thôn Đồng Bông", "type": "thon", "households": 99},
    )
    assert response.status_code == 302
    assert AuditEvent.objects.of(cast.village_a).get().changes == {"households": [120, 99]}


def test_a_change_of_reporting_regime_in_the_admin_is_audited(cast, admin_client):
    regime = ReportingRegime.objects.create(authority=cast.province)
    form = {
        "authority": cast.province.pk, "basis": "Kế hoạch 1/KH-UBND", "cutoff_day": 31, "year_end_month": 12,
        "half_year_due_days": 5, "annual_due_days": 5, "due_in_working_days": "on", "reminder_working_days": 3,
        "period_end_extends_to_working_day": "on", "name": regime.name, "for_units": "on", "for_agencies": "on",
        "schedule": "half_years", "due_rule": "after_cutoff", "quarter_due_days": 5, "due_on_day_off": "keep",
        "democracy-auditevent-target_type-target_id-TOTAL_FORMS": "0",
        "democracy-auditevent-target_type-target_id-INITIAL_FORMS": "0",
    }  # fmt: skip
    response = admin_client.post(f"/admin/units/reportingregime/{regime.pk}/change/", form)
    assert response.status_code == 302
    (event,) = AuditEvent.objects.of(regime)
    assert event.action == "regime_changed" and event.changes["cutoff_day"] == [14, 31]


def test_deactivating_accounts_writes_one_row_each_and_never_deactivates_oneself(cast):
    from democracy.models import Action, AuditEvent

    assert actions.deactivate_accounts([cast.clerk_a, cast.clerk_b, cast.admin], by=cast.admin) == 2
    assert [e.action for e in AuditEvent.objects.of(cast.clerk_a)] == [Action.ACCOUNT_DEACTIVATED]
    assert cast.admin.is_active and not AuditEvent.objects.of(cast.admin).exists()
    assert actions.deactivate_accounts([cast.clerk_a], by=cast.admin) == 0  # already inactive: no new row


def test_issuing_an_enrolment_link_leaves_one_row_and_a_deactivated_account_gets_none(cast):
    actions.issue_enrolment_link(cast.clerk_a, by=cast.admin)
    (event,) = AuditEvent.objects.of(cast.clerk_a)
    assert event.action == Action.ENROLMENT_LINK_ISSUED and event.actor == cast.admin
    cast.clerk_b.is_active = False
    cast.clerk_b.save()
    with pytest.raises(ValidationError):
        actions.issue_enrolment_link(cast.clerk_b, by=cast.admin)
    assert not AuditEvent.objects.of(cast.clerk_b).exists()


def test_enrolling_leaves_one_row_once_and_a_used_link_leaves_none(cast):
    token = actions.issue_enrolment_link(cast.clerk_a, by=cast.admin)
    link = actions.usable_enrolment_link(token)
    device = TOTPDevice.objects.create(user=cast.clerk_a, name="app", confirmed=False)
    actions.enrol(link, password="Tre-xanh-2026-Dong-Ky", device=device)
    assert AuditEvent.objects.of(cast.clerk_a).filter(action=Action.ENROLLED, actor=cast.clerk_a).count() == 1
    with pytest.raises(ValidationError):
        actions.enrol(link, password="Mot-mat-khau-khac-2026", device=device)
    assert AuditEvent.objects.of(cast.clerk_a).filter(action=Action.ENROLLED).count() == 1
    assert actions.usable_enrolment_link(token) is None
