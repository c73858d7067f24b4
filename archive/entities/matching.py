"""Find the curated entities an article names, and store the mention links.

Multi-word names match accent- and case-insensitively ("bo cong an" finds "Bộ Công an").
Acronyms and single-word names match exactly, case and diacritics included, so that "Úc"
(Australia) is not the syllable "ức", and a single word right after a capitalised word is taken
for part of a personal name ("Nguyễn Minh Đức" is not Germany).
"""

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

import ahocorasick
from django.db import IntegrityError, transaction

from archive.entities.discovery import (
    VI_RANKS,
    FoundOrganisation,
    FoundPerson,
    find_organisations,
    find_people,
)
from archive.entities.kinds import KINDS
from archive.ingest.copy import copy_rows
from archive.models import (
    Article,
    Country,
    Organisation,
    Person,
)
from archive.text import fold, nfc, slugify

# Ranks and posts that stand before a name ("Đại tướng Lương Tam Quang").
_RANK_BEFORE = re.compile(r"(?:(?:Phó\s+)?(?:" + "|".join(VI_RANKS) + r")\s+)+$")


SLUG_ATTEMPTS = 10  # slugs tried for a new record before the document is given up


class Mention(NamedTuple):
    """A mention row: the article names the record `entity_id` of `kind` `count` times."""

    kind: str
    article_id: int
    entity_id: int
    count: int
    role: str = ""  # a person's rank or post, as written before the name


@dataclass(frozen=True)
class Key:
    kind: str
    id: object


def _is_word(ch: str) -> bool:
    """What the regular expression `[\\w&]` matches: a letter, digit, "_" or "&" ("AT&T")."""
    return ch.isalnum() or ch in "_&"


def _automaton(names: set[str]):
    """The names in one Aho-Corasick automaton: one pass over a text finds every occurrence.

    A regular expression of the names (even shaped like a trie) makes Python's engine try them
    at every position of the text: 0.5 ms an article with a few thousand names; the automaton
    finds the same in a tenth of that."""
    if not names:
        return None
    automaton = ahocorasick.Automaton()
    for name in names:
        automaton.add_word(name, len(name))
    automaton.make_automaton()
    return automaton


def _hits(automaton, text: str) -> list[tuple[int, int]]:
    """(start, -length) of every whole-word occurrence of the automaton's names in `text`,
    by start, then the longest first. With `_longest_first`, what
    `(?<![\\w&])(?:names)(?![\\w&])` finds."""
    last = len(text) - 1
    hits = []
    for end, length in automaton.iter(text):
        start = end - length + 1
        if (start == 0 or not _is_word(text[start - 1])) and (
            end == last or not _is_word(text[end + 1])
        ):
            hits.append((start, -length))
    hits.sort()
    return hits


def _named(text: str, hit: tuple[int, int]) -> str:
    return text[hit[0] : hit[0] - hit[1]]


def _longest_first(hits: Iterable[tuple[int, int]], text: str) -> Iterator[tuple[int, str]]:
    """(start, name) of `hits` (as `_hits` sorts them), left to right, the longest at a
    position, none inside another."""
    free_from = 0
    for start, minus_length in hits:
        if start >= free_from:
            free_from = start - minus_length
            yield start, text[start:free_from]


class EntityMatcher:
    """All curated names compiled into Aho-Corasick automata, built once per ingest run.

    Each kind has its own automata, so a country inside an organisation's name ("Bộ Nội vụ
    Ấn Độ") counts for both; within a kind the longest name at a position wins.
    """

    def __init__(self, names: list[tuple[str, Key, bool]]):
        self.people: dict[object, list[str]] = {}  # person id -> names, for roles
        # Name -> the records of one kind it names; each kind apart, so that a name shared by
        # two kinds counts once for each.
        by_kind: dict[str, tuple[dict[str, set[Key]], dict[str, set[Key]]]] = {}
        for name, key, is_acronym in names:
            name = nfc(name.strip())
            if not name:
                continue
            folded, exact = by_kind.setdefault(key.kind, ({}, {}))
            if is_acronym or len(name.split()) == 1:
                exact.setdefault(name, set()).add(key)
            else:
                folded.setdefault(fold(name), set()).add(key)
        self._kinds: list[tuple[dict[str, set[Key]], dict[str, set[Key]]]] = list(by_kind.values())
        # One automaton for every kind's folded names and one for the exact ones: a text is
        # scanned twice, not twice per kind; each kind then takes its own names' hits.
        self._folded_automaton = _automaton({n for folded, _ in self._kinds for n in folded})
        self._exact_automaton = _automaton({n for _, exact in self._kinds for n in exact})

    @classmethod
    def from_database(cls) -> "EntityMatcher":
        names: list[tuple[str, Key, bool]] = []
        people = {}
        for kind in KINDS:
            for record in kind.model.objects.all():
                key = Key(kind.name, record.pk)
                record_names = record.match_names()
                names += [(name, key, False) for name in record_names]
                if getattr(record, "acronym", ""):  # acronyms match exactly: "UN" is not "un"
                    names.append((record.acronym, key, True))
                if kind.name == "person":
                    people[record.pk] = record_names
        matcher = cls(names)
        matcher.people = people
        return matcher

    def find(self, text: str, folded_text: str | None = None) -> Counter:
        """How many times each entity is named in `text` (`folded_text`: its fold(), if known)."""
        text = nfc(text)
        folded_text = fold(text) if folded_text is None else folded_text
        found: Counter = Counter()
        folded_hits = _hits(self._folded_automaton, folded_text) if self._folded_automaton else []
        exact_hits = _hits(self._exact_automaton, text) if self._exact_automaton else []
        for folded, exact in self._kinds:
            ours = (hit for hit in folded_hits if _named(folded_text, hit) in folded)
            for _start, name in _longest_first(ours, folded_text):
                for key in folded[name]:
                    found[key] += 1
            ours = (hit for hit in exact_hits if _named(text, hit) in exact)
            for start, name in _longest_first(ours, text):
                if " " not in name and _follows_capitalised_word(text, start):
                    continue
                for key in exact[name]:
                    found[key] += 1
        return found


def _follows_capitalised_word(text: str, start: int) -> bool:
    # The 200 characters before the name hold the word before it, unless that word is longer
    # (then all the text before it is read).
    window = max(0, start - 200)
    before = text[window:start].rstrip(" ")
    if len(before) == start - window:  # no space: glued to something
        return False
    words = before.split()
    if window and (not words or (len(words) == 1 and not before[:1].isspace())):
        before = text[:start].rstrip(" ")
        words = before.split()
    previous = words[-1] if words else ""
    return previous[:1].isupper() and previous.isalpha() and not before.endswith((".", ":"))


def role_before(text: str, name: str, folded_text: str | None = None) -> str:
    """The rank or post written just before the first mention of `name` that has one."""
    folded_text = fold(text) if folded_text is None else folded_text
    folded_name = fold(name)
    start = folded_text.find(folded_name)
    while start != -1:
        head = text[max(0, start - 60) : start]
        if match := _RANK_BEFORE.search(head):
            return match.group(0).strip()
        start = folded_text.find(folded_name, start + 1)
    return ""


@dataclass
class Discovered:
    """The people and organisations an article's text names, found once: the bulk path
    creates the new ones before it writes the articles (`Ingester._create_entities`)."""

    text: str  # the article's text (`article_text`), which they were found in
    people: list[FoundPerson]
    organisations: list[FoundOrganisation]

    @classmethod
    def in_text(cls, text: str) -> "Discovered":
        return cls(text, find_people(text), find_organisations(text))


class EntityRegistry:
    """Folded names of every person and organisation, to resolve what `discover` finds.

    A person written with or without diacritics ("Le Quy Vuong", "Lê Quý Vương") folds to one
    key, so is one person. What is not known yet is created unreviewed, for curators.
    """

    def __init__(self):
        self.people: dict[str, int] = {}
        self.organisations: dict[str, int] = {}
        self.acronyms: dict[str, int] = {}
        self.not_people: set[str] = set()
        for person in Person.objects.all():
            for name in person.match_names():
                self.people.setdefault(fold(name), person.pk)
        for org in Organisation.objects.all():
            for name in org.match_names():
                self.organisations.setdefault(fold(name), org.pk)
            if org.acronym:
                self.acronyms.setdefault(org.acronym, org.pk)
        for country in Country.objects.all():
            self.not_people.update(fold(name) for name in country.match_names())
        self.not_people.update(self.organisations)
        self.person_slugs = set(Person.objects.values_list("slug", flat=True))
        self.organisation_slugs = set(Organisation.objects.values_list("slug", flat=True))

    @staticmethod
    def _slug(name: str, taken: set[str]) -> str:
        base = slugify(name, max_length=100)
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        return slug

    def _create(self, model, name: str, taken: set[str], **fields):
        """A new unreviewed record, or the one another ingest process created meanwhile.

        Parallel workers do not see each other's new records until they commit: a slug that
        turns out taken is either the same name (use that record) or another (try the next)."""
        for _ in range(SLUG_ATTEMPTS):
            slug = self._slug(name, taken)
            try:
                with transaction.atomic():  # a savepoint: the batch survives the collision
                    return model.objects.create(name=name, slug=slug, reviewed=False, **fields)
            except IntegrityError:
                existing = model.objects.filter(slug=slug).first()
                if existing is not None and fold(existing.name) == fold(name):
                    return existing
        raise IntegrityError(f"no free slug for {name!r} after {SLUG_ATTEMPTS} tries")

    def create_new(self, discovered: list[Discovered]) -> None:
        """Create the records that resolving these articles in order would create, in the
        order of their slugs: two workers creating some of the same records then lock them in
        the same order, and neither can wait for the other while holding what it waits for."""
        people: dict[str, FoundPerson] = {}
        organisations: dict[str, FoundOrganisation] = {}
        acronyms: set[str] = set()
        not_people = set(self.not_people)
        for found in discovered:  # what person_id and organisation_id would decide, in order
            for person in found.people:
                key = fold(person.name)
                new = key not in not_people and key not in self.people
                # One person spelled with and without diacritics: named with them.
                if new and (key not in people or more_diacritics(person, people[key])):
                    people[key] = person
            for org in found.organisations:
                key = fold(org.name)
                if not (
                    self._known_organisation(org) or key in organisations or org.acronym in acronyms
                ):
                    organisations[key] = org
                    acronyms.add(org.acronym)
                    not_people.add(key)
        for person in sorted(people.values(), key=lambda p: slugify(p.name, max_length=100)):
            self.person_id(person)
        for org in sorted(organisations.values(), key=lambda o: slugify(o.name, max_length=100)):
            self.organisation_id(org)

    def person_id(self, found: FoundPerson) -> int | None:
        key = fold(found.name)
        if key in self.not_people:
            return None
        if key not in self.people:
            person = self._create(Person, found.name, self.person_slugs, evidence=found.evidence)
            self.people[key] = person.pk
        return self.people[key]

    def _known_organisation(self, found: FoundOrganisation) -> int | None:
        return self.organisations.get(fold(found.name)) or self.acronyms.get(found.acronym)

    def organisation_id(self, found: FoundOrganisation) -> int:
        if known := self._known_organisation(found):
            return known
        key = fold(found.name)
        org = self._create(
            Organisation,
            found.name,
            self.organisation_slugs,
            acronym=found.acronym,
            evidence=found.evidence,
        )
        self.organisations[key] = self.acronyms[found.acronym] = org.pk
        self.not_people.add(key)
        return org.pk


def more_diacritics(one: FoundPerson, other: FoundPerson) -> bool:
    return sum(not ch.isascii() for ch in one.name) > sum(not ch.isascii() for ch in other.name)


def article_text(article: Article) -> str:
    captions = " ".join(caption.get("text", "") for caption in article.captions)
    return nfc("\n".join([article.title, article.lede, article.body, captions]))


def entity_links(
    article: Article,
    matcher: EntityMatcher,
    registry: EntityRegistry,
    discovered: Discovered | None = None,
) -> list["Mention"]:
    """The mention rows of what the (saved) article names: curated names and discovered ones."""
    discovered = discovered or Discovered.in_text(article_text(article))
    text = discovered.text
    folded_text = fold(text)
    found = matcher.find(text, folded_text)
    roles: dict[Key, str] = {}
    for person in discovered.people:
        person_id = registry.person_id(person)
        if person_id is None:
            continue
        key = Key("person", person_id)
        found[key] = max(found[key], folded_text.count(fold(person.name)), 1)
        roles.setdefault(key, person.role)
    for org in discovered.organisations:
        key = Key("organisation", registry.organisation_id(org))
        found[key] = max(found[key], folded_text.count(fold(org.name)), 1)
    people = matcher.people
    rows = []
    for key, count in found.items():
        role = ""
        if key.kind == "person":
            names = people.get(key.id, [])
            before = next((r for n in names if (r := role_before(text, n, folded_text))), "")
            given = roles.get(key, "")
            role = (given if given.startswith(before) else before)[:500]
        rows.append(Mention(key.kind, article.pk, key.id, count, role))
    return rows


def article_link_entities(
    article: Article, matcher: EntityMatcher, registry: EntityRegistry
) -> list:
    """Replace the article's mention links with what it names."""
    rows = entity_links(article, matcher, registry)
    links_replace(article, rows)
    return rows


def links_replace(article: Article, rows: list[Mention]) -> None:
    """The article's mention rows of every kind become `rows`."""
    for kind in KINDS:
        kind.mention.objects.filter(article=article).delete()
    links_insert(rows)


def links_insert(rows: list[Mention]) -> None:
    """Write mention rows of any kinds, a COPY per kind (their ids from the table's default)."""
    for kind in KINDS:
        ours = [row for row in rows if row.kind == kind.name]
        if ours:
            role = ["role"] if kind.name == "person" else []
            columns = ["article_id", f"{kind.field}_id", "count", *role]
            values = ((r.article_id, r.entity_id, r.count, r.role)[: len(columns)] for r in ours)
            copy_rows(kind.mention._meta.db_table, columns, values)
