"""Query string -> ParsedQuery. Pure: no database, no Django."""

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY_LENGTH = 300


@dataclass(frozen=True)
class ParsedQuery:
    text: str  # NFC, trimmed: what websearch_to_tsquery receives
    error: str = ""  # a message for the person searching, when there is nothing to search

    @property
    def ok(self) -> bool:
        return not self.error


def parse_query(raw: str | None) -> ParsedQuery:
    text = unicodedata.normalize("NFC", raw or "")
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return ParsedQuery("", "Type a word or phrase to search for.")
    if len(text) > MAX_QUERY_LENGTH:
        return ParsedQuery(
            text[:MAX_QUERY_LENGTH],
            f"The query is too long ({len(text)} characters; at most {MAX_QUERY_LENGTH}).",
        )
    if not any(ch.isalnum() for ch in text):
        return ParsedQuery(text, "The query has no letters or digits to search for.")
    return ParsedQuery(text)
