"""Entity offers found through the first-name trigram index equal those of scoring every name.

Hundreds of generated people (one name each, as discovered people are, some with aliases as
curated ones are), organisations with acronyms and English names, and queries made of names:
whole, with a typo, without diacritics, inside longer queries, in part, or unrelated."""

import random

import pytest

from archive.models import Event, Organisation, Person
from archive.text import fold
from search import entities

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Lương"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Quốc", "Tam", "Đình", "Xuân", "Anh"]
GIVEN = ["Quang", "Vinh", "Vương", "Dũng", "Tâm", "Yến", "Trung", "Hùng", "Lan", "Quân", "An"]
WORDS = ["công an", "hợp tác", "tội phạm", "mạng", "quốc tế", "police", "Europol", "phòng"]


def typo(rng: random.Random, name: str) -> str:
    at = rng.randrange(len(name))
    return name[:at] + name[at + 1 :]


@pytest.fixture
def many_entities(db):
    rng = random.Random(7)
    names = set()
    while len(names) < 400:
        names.add(f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}")
    people = [
        Person(name=name, slug=f"p{i}", aliases=[typo(rng, name)] if i % 25 == 0 else [])
        for i, name in enumerate(sorted(names))
    ]
    Person.objects.bulk_create(people)
    Organisation.objects.bulk_create(
        [
            Organisation(name="Cục An ninh mạng", slug="o1", acronym="A05"),
            Organisation(name="Văn phòng Interpol", slug="o2", name_en="Interpol Office"),
            Organisation(name="Europol", slug="o3"),
            Organisation(name="Quang Trung", slug="o4"),  # one name, like a person's
        ]
    )
    Event.objects.create(title="Hội nghị an ninh mạng Hà Nội", slug="e1")
    return sorted(names)


def queries(names: list[str]) -> list[str]:
    rng = random.Random(11)
    found = ["A05", "europol", "interpol office", "an ninh mang", "Quang Trung", "x", "", "  "]
    for _ in range(60):
        name = rng.choice(names)
        words = name.split()
        found += [
            name,
            typo(rng, name),
            fold(name),
            " ".join(words[1:]),
            f"{rng.choice(WORDS)} {name}",
            f"{name} {rng.choice(WORDS)} {rng.choice(WORDS)}",
            " ".join(rng.sample(words, len(words))),
            f"{rng.choice(GIVEN)} {rng.choice(WORDS)}",
        ]
    return found


def test_spans_offer_what_scoring_every_name_offers(many_entities):
    checked = 0
    for query in queries(many_entities):
        scanned = entities._scanned(query)
        assert entities._by_spans(query) == scanned, query
        checked += bool(scanned)
    assert checked > 120  # most queries do offer someone


def test_long_queries_score_every_name(many_entities):
    query = "hợp tác quốc tế phòng chống tội phạm mạng " + many_entities[0]
    assert entities.entities_named(query) == entities._scanned(query)
    assert entities.entities_named(many_entities[0])[0].slug.startswith("p")
