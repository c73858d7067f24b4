"""Score extraction on the golden site captures: python -m tests.ingest.site_scores [-v] [NAME...]

Each capture in `golden/sites/` (an HTML page or a plain text, often a PDF turned into text)
sits beside `NAME.expect.json`, written by hand from the page: the title, the lede (or null when
the page has none to check), the body paragraphs that must be present (each as "its start …
its end", both in one extracted paragraph), the publication date (null: none may be found),
the language, the people with a word of their post, names that are not people, organisations,
and chrome strings that must not be in the title, lede or body.

Scores are the share of captures right on each field (people: the share of expected people
found with their post, plus names rightly not taken for people), for the tuned captures and
the held-out third apart (`MANIFEST.json` names it; it was fixed before any tuning). The
held-out third has since been tuned on, so `MANIFEST.json` also names a "fresh" set, written
blind and committed before it was ever scored; every list it holds (but "about") is scored as a
group of its own, a row each, so a later blind set ("fresh2") needs no change here.
"""

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import django

if __name__ == "__main__":  # run as a script: the readers need Django's settings
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings_test")
    django.setup()

from archive.entities.discovery import find_organisations, find_people
from archive.ingest.extract import Extracted, ExtractError, extract_text
from archive.ingest.formats.html import extract_html
from archive.ingest.formats.text import decode_text
from archive.text import fold, squeeze

SITES = Path(__file__).resolve().parent / "golden" / "sites"
FIELDS = ["title", "date", "body", "chrome", "lede", "language", "people", "organisations"]
ELLIPSIS = " … "


def capture_paths() -> list[Path]:
    return sorted(p for p in SITES.iterdir() if p.suffix in (".html", ".txt"))


def _manifest() -> dict:
    return json.loads((SITES / "MANIFEST.json").read_text("utf-8"))


def heldout_names() -> set[str]:
    return set(_manifest()["heldout"])


def fresh_names() -> set[str]:
    """The fresh held-out set (issue 18), written blind after the first was tuned on."""
    return set(_manifest().get("fresh", []))


def group_names() -> dict[str, set[str]]:
    """Every held-out list of MANIFEST.json by its key ("heldout", "fresh", "fresh2", ...)."""
    return {key: set(names) for key, names in _manifest().items() if key != "about"}


def extract(path: Path) -> Extracted:
    raw = path.read_bytes()
    if path.suffix == ".html":
        return extract_html(raw)
    return extract_text(decode_text(raw))


@dataclass
class Score:
    """Right and checked counts per field for one capture, and what went wrong."""

    name: str
    right: dict[str, int] = field(default_factory=dict)
    checked: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def mark(self, name: str, ok: bool, miss: str = "") -> None:
        self.right[name] = self.right.get(name, 0) + ok
        self.checked[name] = self.checked.get(name, 0) + 1
        if not ok:
            self.misses.append(f"{name}: {miss}")


def _has_paragraph(paragraphs: list[str], expected: str) -> bool:
    start, _, end = squeeze(expected).partition(ELLIPSIS)
    for paragraph in paragraphs:
        at = paragraph.find(start)
        if at != -1 and (not end or paragraph.find(end, at + len(start)) != -1):
            return True
    return False


def score_capture(path: Path) -> Score:
    expected = json.loads(path.with_name(path.stem + ".expect.json").read_text("utf-8"))
    score = Score(path.name)
    try:
        result = extract(path)
    except ExtractError as exc:
        for name in FIELDS:
            score.mark(name, False, f"refused: {exc}")
        return score
    paragraphs = [squeeze(p) for p in result.paragraphs]
    score.mark("title", result.title == expected["title"], repr(result.title))
    published = result.published.day.isoformat() if result.published else None
    score.mark("date", published == expected["date"], repr(published))
    missing = [p for p in expected["body"] if not _has_paragraph(paragraphs, p)]
    score.mark("body", not missing, f"missing {missing}")
    text = fold("\n".join([result.title, *paragraphs]))
    kept = [c for c in expected["chrome"] if fold(c) in text]
    score.mark("chrome", not kept, f"kept {kept}")
    if expected["lede"] is not None:
        lede = squeeze(result.lede)
        score.mark("lede", lede == squeeze(expected["lede"]), repr(lede))
    score.mark("language", result.language == expected["language"], result.language)
    article = "\n".join([result.title, *result.paragraphs])
    people = find_people(article)
    found = {}
    for person in people:
        found.setdefault(fold(person.name), []).append(fold(person.role))
    for person in expected["people"]:
        roles = found.get(fold(person["name"]), [])
        ok = any(fold(person["post"]) in role for role in roles)
        score.mark("people", ok, f"{person} not in {[(p.name, p.role) for p in people]}")
    for name in expected["not_people"]:
        score.mark("people", fold(name) not in found, f"{name!r} taken for a person")
    organisations = {fold(org.name) for org in find_organisations(article)}
    for name in expected["organisations"]:
        score.mark("organisations", fold(name) in organisations, f"{name!r} not found")
    return score


def percentages(scores: list[Score]) -> dict[str, float]:
    """Per field: the share of checks right, in percent (fields never checked left out)."""
    result = {}
    for name in FIELDS:
        checked = sum(s.checked.get(name, 0) for s in scores)
        if checked:
            result[name] = 100.0 * sum(s.right.get(name, 0) for s in scores) / checked
    return result


def score_all(paths: list[Path] | None = None) -> dict[str, list[Score]]:
    """Scores by group: one per list in MANIFEST.json, in its order; the rest is "tune"."""
    named = group_names()
    groups: dict[str, list[Score]] = {"tune": [], **{key: [] for key in named}}
    for path in paths or capture_paths():
        split = next((key for key, names in named.items() if path.name in names), "tune")
        groups[split].append(score_capture(path))
    return groups


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    names = [a for a in argv if not a.startswith("-")]
    paths = [SITES / n for n in names] if names else None
    groups = score_all(paths)
    print(f"{'split':8} {'n':>3} " + " ".join(f"{f[:8]:>8}" for f in FIELDS))
    for split, scores in groups.items():
        if not scores:
            continue
        row = percentages(scores)
        cells = " ".join(f"{row[f]:7.1f}%" if f in row else f"{'-':>8}" for f in FIELDS)
        print(f"{split:8} {len(scores):>3} {cells}")
    if verbose:
        for split, scores in groups.items():
            for score in scores:
                for miss in score.misses:
                    print(f"[{split}] {score.name}: {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
