"""Find the curated entities an article names, and store the mention links.

Multi-word names match accent- and case-insensitively ("bo cong an" finds "Bộ Công an").
Acronyms and single-word names match exactly, case and diacritics included, so that "Úc"
(Australia) is not the syllable "ức", and a single word right after a capitalised word is taken
for part of a personal name ("Nguyễn Minh Đức" is not Germany).
"""

import re
from collections import Counter
from dataclasses import dataclass

from archive.models import (
    Article,
    ArticleCountry,
    ArticleEvent,
    ArticleOrganisation,
    ArticlePerson,
    Country,
    Event,
    Organisation,
    Person,
)
from archive.text import fold, nfc

KINDS = {
    "organisation": (Organisation, ArticleOrganisation),
    "person": (Person, ArticlePerson),
    "event": (Event, ArticleEvent),
    "country": (Country, ArticleCountry),
}

# Ranks and posts that stand before a name ("Đại tướng Lương Tam Quang").
RANKS = [
    "Đại tướng",
    "Thượng tướng",
    "Trung tướng",
    "Thiếu tướng",
    "Đại tá",
    "Thượng tá",
    "Trung tá",
    "Thiếu tá",
    "Bộ trưởng",
    "Thứ trưởng",
    "Tổng cục trưởng",
    "Cục trưởng",
    "Giám đốc",
    "Chủ tịch",
    "Đại sứ",
    "Tổng Bí thư",
    "Thủ tướng",
    "Phó Thủ tướng",
]
_RANK_BEFORE = re.compile(r"(?:(?:Phó\s+)?(?:" + "|".join(RANKS) + r")\s+)+$")


@dataclass(frozen=True)
class Key:
    kind: str
    id: object


def _alternation(names: list[str]) -> str:
    ordered = sorted(set(names), key=len, reverse=True)
    return "|".join(re.escape(name) for name in ordered)


class EntityMatcher:
    """All curated names compiled into regular expressions, built once per ingest run.

    Each kind has its own expressions, so a country inside an organisation's name ("Bộ Nội vụ
    Ấn Độ") counts for both; within a kind the longest name at a position wins.
    """

    def __init__(self, names: list[tuple[str, Key, bool]]):
        self.folded: dict[str, set[Key]] = {}
        self.exact: dict[str, set[Key]] = {}
        by_kind: dict[str, tuple[set[str], set[str]]] = {}
        for name, key, is_acronym in names:
            name = nfc(name.strip())
            if not name:
                continue
            folded_names, exact_names = by_kind.setdefault(key.kind, (set(), set()))
            if is_acronym or len(name.split()) == 1:
                self.exact.setdefault(name, set()).add(key)
                exact_names.add(name)
            else:
                self.folded.setdefault(fold(name), set()).add(key)
                folded_names.add(fold(name))
        self._patterns = [
            (self._compile(folded_names), self._compile(exact_names))
            for folded_names, exact_names in by_kind.values()
        ]

    @staticmethod
    def _compile(names: set[str]):
        if not names:
            return None
        return re.compile(rf"(?<![\w&])(?:{_alternation(list(names))})(?![\w&])")

    @classmethod
    def from_database(cls) -> "EntityMatcher":
        names: list[tuple[str, Key, bool]] = []
        for org in Organisation.objects.all():
            key = Key("organisation", org.pk)
            names += [(name, key, False) for name in org.match_names()]
            if org.acronym:
                names.append((org.acronym, key, True))
        for person in Person.objects.all():
            names += [(name, Key("person", person.pk), False) for name in person.match_names()]
        for event in Event.objects.all():
            names += [(name, Key("event", event.pk), False) for name in event.match_names()]
        for country in Country.objects.all():
            names += [(name, Key("country", country.pk), False) for name in country.match_names()]
        return cls(names)

    def find(self, text: str) -> Counter:
        """How many times each entity is named in `text`."""
        text = nfc(text)
        folded_text = fold(text)
        found: Counter = Counter()
        for folded_re, exact_re in self._patterns:
            for match in folded_re.finditer(folded_text) if folded_re else ():
                for key in self.folded[match.group(0)]:
                    found[key] += 1
            for match in exact_re.finditer(text) if exact_re else ():
                if " " not in match.group(0) and _follows_capitalised_word(text, match.start()):
                    continue
                for key in self.exact[match.group(0)]:
                    found[key] += 1
        return found


def _follows_capitalised_word(text: str, start: int) -> bool:
    before = text[:start].rstrip(" ")
    if len(before) == len(text[:start]):  # no space: glued to something
        return False
    previous = before.split()[-1] if before.split() else ""
    return previous[:1].isupper() and previous.isalpha() and not before.endswith((".", ":"))


def role_before(text: str, name: str) -> str:
    """The rank or post written just before the first mention of `name` that has one."""
    folded_text, folded_name = fold(text), fold(name)
    start = folded_text.find(folded_name)
    while start != -1:
        head = text[max(0, start - 60) : start]
        if match := _RANK_BEFORE.search(head):
            return match.group(0).strip()
        start = folded_text.find(folded_name, start + 1)
    return ""


def article_text(article: Article) -> str:
    captions = " ".join(caption.get("text", "") for caption in article.captions)
    return "\n".join([article.title, article.lede, article.body, captions])


def article_link_entities(article: Article, matcher: EntityMatcher) -> Counter:
    """Replace the article's mention links with what `matcher` finds in its text."""
    text = article_text(article)
    found = matcher.find(text)
    people = {p.pk: p for p in Person.objects.filter(pk__in=_ids(found, "person"))}
    for kind, (_model, link) in KINDS.items():
        link.objects.filter(article=article).delete()
        rows = []
        for key, count in found.items():
            if key.kind != kind:
                continue
            fields = {"article": article, f"{kind}_id": key.id, "count": count}
            if kind == "person":
                person = people[key.id]
                fields["role"] = next(
                    (r for n in person.match_names() if (r := role_before(text, n))), ""
                )
            rows.append(link(**fields))
        link.objects.bulk_create(rows)
    return found


def _ids(found: Counter, kind: str) -> list:
    return [key.id for key in found if key.kind == kind]
