"""Link the entities an article mentions inside its own text, HTML-safe by construction.

Names match as at ingest (archive.entities.matching): multi-word names accent- and
case-insensitively, acronyms and single words exactly. Each entity is linked at its first
mention only; overlapping names resolve to the longest ("Bộ Nội vụ Ấn Độ" is one organisation,
not a country). The text is escaped piece by piece; only our own <a> tags are added.
"""

import re
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from archive.entities.matching import _follows_capitalised_word
from archive.text import fold, nfc


@dataclass(frozen=True)
class Target:
    url: str
    label: str  # the entity's name, for the link's title attribute


def _folded_with_index(text: str) -> tuple[str, list[int]]:
    """`fold(text)` plus, for each folded character, the index of the original it came from."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for folded in fold(ch):
            chars.append(folded)
            index.append(i)
    return "".join(chars), index


def _pattern(names) -> re.Pattern | None:
    names = sorted(set(names), key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<![\w&])(?:" + "|".join(map(re.escape, names)) + r")(?![\w&])")


class MentionLinker:
    """Built once per page from (name, target, is_acronym) triples of one article's entities."""

    def __init__(self, names: list[tuple[str, Target, bool]]):
        self.folded: dict[str, Target] = {}
        self.exact: dict[str, Target] = {}
        for name, target, is_acronym in names:
            name = nfc(name.strip())
            if not name:
                continue
            if is_acronym or len(name.split()) == 1:
                self.exact.setdefault(name, target)
            else:
                self.folded.setdefault(fold(name), target)
        self._folded_re = _pattern(self.folded)
        self._exact_re = _pattern(self.exact)

    def _spans(self, text: str) -> list[tuple[int, int, Target]]:
        spans = []
        if self._folded_re:
            folded, index = _folded_with_index(text)
            for m in self._folded_re.finditer(folded):
                start, end = index[m.start()], index[m.end() - 1] + 1
                spans.append((start, end, self.folded[m.group(0)]))
        if self._exact_re:
            for m in self._exact_re.finditer(text):
                if " " not in m.group(0) and _follows_capitalised_word(text, m.start()):
                    continue
                spans.append((m.start(), m.end(), self.exact[m.group(0)]))
        # Longest first at each position, then drop spans that overlap one already kept.
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        kept, last_end = [], -1
        for span in spans:
            if span[0] >= last_end:
                kept.append(span)
                last_end = span[1]
        return kept

    def link(self, paragraphs: list[str], seen: set[str] | None = None) -> list[SafeString]:
        """Each paragraph escaped, with the first mention of each entity made a link."""
        seen = set() if seen is None else seen
        out = []
        for paragraph in paragraphs:
            text = nfc(paragraph)
            pieces, pos = [], 0
            for start, end, target in self._spans(text):
                if target.url in seen:
                    continue
                seen.add(target.url)
                pieces.append(escape(text[pos:start]))
                pieces.append(
                    format_html(
                        '<a class="mention" href="{}" title="{}">{}</a>',
                        target.url,
                        target.label,
                        text[start:end],
                    )
                )
                pos = end
            pieces.append(escape(text[pos:]))
            out.append(mark_safe("".join(pieces)))  # noqa: S308 - every piece escaped above
        return out


def article_linker(article) -> MentionLinker:
    """A linker for the entities of `article` (its mention prefetches, no extra queries)."""
    names: list[tuple[str, Target, bool]] = []
    for m in article.organisation_mentions.all():
        org = m.organisation
        target = Target(org.get_absolute_url(), org.display_name)
        names += [(n, target, False) for n in org.match_names()]
        if org.acronym:
            names.append((org.acronym, target, True))
    for m in article.person_mentions.all():
        target = Target(m.person.get_absolute_url(), m.person.name)
        names += [(n, target, False) for n in m.person.match_names()]
    for m in article.event_mentions.all():
        target = Target(m.event.get_absolute_url(), m.event.display_name)
        names += [(n, target, False) for n in m.event.match_names()]
    for m in article.country_mentions.all():
        target = Target(m.country.get_absolute_url(), m.country.display_name)
        names += [(n, target, False) for n in m.country.match_names()]
    return MentionLinker(names)
