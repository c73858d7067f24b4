"""The curated entity file: hierarchy, history, roles, partial dates."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from archive.models import Country, Event, Organisation, Person


def test_hierarchy_and_history(db):
    c50 = Organisation.objects.get(acronym="C50")
    assert c50.parent.acronym == "Tổng cục VI"
    assert c50.parent.parent.name == "Bộ Công an"
    assert c50.parent.parent.name_en == "Ministry of Public Security"
    assert c50.successor.acronym == "A05"
    assert c50.dissolved_year == 2018
    assert list(Organisation.objects.get(acronym="A05").predecessors.all()) == [c50]
    assert Organisation.objects.get(slug="tong-cuc-vi").dissolved_year == 2018
    assert Organisation.objects.get(acronym="EC3").parent.acronym == "Europol"


def test_required_entities_are_present(db):
    for acronym in ("UNODC", "EC3", "AFP", "MHA", "TTXVN", "C50"):
        assert Organisation.objects.filter(acronym=acronym).exists(), acronym
    assert Organisation.objects.filter(slug="g8-24-7-network").exists()
    assert Organisation.objects.filter(slug="bao-cand").exists()


def test_people_have_roles_as_captured(db):
    vuong = Person.objects.get(name="Lê Quý Vương")
    assert ("Thượng tướng", "Thứ trưởng", "bo-cong-an") in [
        (r.rank, r.title, r.organisation.slug) for r in vuong.roles.all()
    ]
    quang = Person.objects.get(name="Lương Tam Quang")
    assert ("Đại tướng", "Bộ trưởng") in [(r.rank, r.title) for r in quang.roles.all()]
    assert Person.objects.get(name="Phan Văn Vĩnh").roles.get().organisation.slug == "tong-cuc-vi"


def test_event_dates_keep_their_precision(db):
    hanoi = Event.objects.get(slug__startswith="hoi-nghi-hop-tac-quoc-te")
    assert (hanoi.start_year, hanoi.start_month, hanoi.start_day) == (None, 10, 29)
    assert hanoi.starts == "XXXX-10-29"
    assert hanoi.duration_days == 2
    assert hanoi.city == "Hà Nội"
    london = Event.objects.get(title_en="Organised Immigration Crime Summit")
    assert london.starts == "2025-03-31"
    assert london.venue == "Lancaster House"
    assert london.country.code == "GB"


def test_countries_have_both_names(db):
    assert Country.objects.count() == 249
    assert Country.objects.get(code="AU").name_vi == "Úc"
    assert Country.objects.get(code="VN").name_en == "Vietnam"


def test_loading_twice_changes_nothing(db):
    before = Organisation.objects.count(), Person.objects.count(), Event.objects.count()
    call_command("load_entities", stdout=StringIO())
    assert (Organisation.objects.count(), Person.objects.count(), Event.objects.count()) == before


def test_a_malformed_entity_file_is_named(db, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("organisations:\n  - slug: x\n    name: X\n    parent: nowhere\n", "utf-8")
    with pytest.raises(CommandError, match=r"bad.yaml: unknown organisation 'nowhere'"):
        call_command("load_entities", str(bad), stdout=StringIO())
