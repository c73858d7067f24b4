"""Migration 0017_i19: the first kinds renamed, the participant lists copied into roles."""

import importlib

from django.apps import apps

from archive.models import Country, Event, Organisation

migration = importlib.import_module("archive.migrations.0017_i19_events")


def test_old_kinds_and_lists_become_kinds_and_roles(db):
    summit = Event.objects.create(title="S", slug="old-s", kind="summit", country_id="GB")
    summit.organisers.add(Organisation.objects.get(slug="bo-cong-an"))
    summit.participant_countries.add(Country.objects.get(code="VN"))
    deal = Event.objects.create(title="A", slug="old-a", kind="agreement")
    deal.participant_countries.add(Country.objects.get(code="KH"))
    operation = Event.objects.create(title="O", slug="old-o", kind="operation")

    migration.kinds_and_roles_forward(apps, None)

    summit.refresh_from_db()
    operation.refresh_from_db()
    assert (summit.kind, operation.kind) == ("conference", "joint_operation")
    roles = {
        (p.role, p.organisation_id and p.organisation.slug, p.country_id)
        for p in summit.participants.all()
    }
    assert roles == {
        ("organiser", "bo-cong-an", None),
        ("participant", None, "VN"),
        ("host", None, "GB"),
    }
    assert [(p.role, p.country_id) for p in deal.participants.all()] == [("signatory", "KH")]


def test_the_seed_summit_loads_as_a_conference_hosted_by_the_united_kingdom(db):
    event = Event.objects.get(slug="organised-immigration-crime-summit-london-2025")
    assert event.kind == "conference"
    assert event.participants.filter(role="host", country_id="GB").exists()
    assert {c.code for c in event.participant_countries.all()} == {"GB", "VN"}
