"""An article's versions (its captures) and what changed between two of them, word by word.

The text of a version is extracted again from its exact bytes, as ingest did, so any two
captures compare the same way; the diff is escaped first, and only our own <ins>/<del> marks
are added (difflib over words, paragraph breaks kept as words of their own)."""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from archive.ingest.captures import capture_bytes
from archive.ingest.extract import ExtractError
from archive.ingest.formats import Document
from archive.models import Article, Capture

PARAGRAPH = "\n\n"
WORDS = re.compile(r"\n\n|[^\s]+")


def article_versions(article: Article):
    """The captures that were versions of the article, oldest first (no bytes loaded)."""
    return (
        Capture.objects.filter(article=article, status=Capture.Status.ARTICLE)
        .defer("raw", "headers")
        .order_by("fetched_at", "id")
    )


def article_captures(article: Article):
    """Every capture of the article (versions and revisits), oldest first, without bytes."""
    return (
        Capture.objects.filter(article=article).defer("raw", "headers").order_by("fetched_at", "id")
    )


@dataclass
class VersionText:
    capture: Capture
    text: str
    error: str = ""


def version_text(capture: Capture) -> VersionText:
    """Title, lede and body of a version, extracted from its bytes as ingest does."""
    from archive.ingest.service import extract

    raw = capture_bytes(capture)
    if raw is None:
        return VersionText(capture, "", "no bytes kept")
    document = Document(
        raw=raw, name=capture.name, format=capture.format or "html", url=capture.url
    )
    if document.format == "json":  # an API submission: its fields as sent
        import json

        fields = json.loads(raw)
        parts = [fields.get("title") or "", fields.get("lede") or "", fields.get("body") or ""]
        return VersionText(capture, PARAGRAPH.join(p for p in parts if p))
    try:
        extracted = extract(document)
    except ExtractError as exc:
        return VersionText(capture, "", str(exc))
    parts = [extracted.title, extracted.lede, extracted.body]
    return VersionText(capture, PARAGRAPH.join(p for p in parts if p))


def word_diff(old: str, new: str) -> SafeString:
    """HTML of `new` against `old`: removed words in <del>, added words in <ins>."""
    a, b = WORDS.findall(old), WORDS.findall(new)
    out: list[str] = []

    def words(items: list[str]) -> str:
        return " ".join("</p><p>" if w == PARAGRAPH else escape(w) for w in items)

    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(words(a[a1:a2]))
        if op in ("delete", "replace"):
            out.append(f"<del>{words(a[a1:a2])}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{words(b[b1:b2])}</ins>")
    html = " ".join(part for part in out if part)
    html = html.replace("<del></p><p></del>", "</p><p>").replace("<ins></p><p></ins>", "</p><p>")
    return mark_safe(f"<p>{html}</p>")  # noqa: S308 (every word escaped above)


def diff_counts(old: str, new: str) -> tuple[int, int]:
    """Words removed and words added."""
    a, b = WORDS.findall(old), WORDS.findall(new)
    removed = added = 0
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            removed += a2 - a1
        if op in ("insert", "replace"):
            added += b2 - b1
    return removed, added
