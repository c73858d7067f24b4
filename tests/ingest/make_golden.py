"""Regenerate the golden files: python -m tests.ingest.make_golden (then read the diff)."""

import json
from pathlib import Path

from archive.ingest.extract import extract_text
from archive.ingest.formats.html import extract_html

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
GOLDEN = Path(__file__).resolve().parent / "golden"
# Captures written in the styles of several news sites, each beside its expected JSON.
CAPTURES = Path(__file__).resolve().parent / "captures"


def capture_paths() -> list[Path]:
    return sorted(p for p in CAPTURES.iterdir() if p.suffix in (".txt", ".html"))


def as_golden(path: Path) -> dict:
    if path.suffix == ".html":
        result = extract_html(path.read_bytes())
    else:
        result = extract_text(path.read_text(encoding="utf-8"))
    golden = {
        "title": result.title,
        "lede": result.lede,
        "body": result.body.split("\n\n"),
        "captions": result.captions,
        "authors": result.authors,
        "editors": result.editors,
        "source_note": result.source_note,
        "header": result.header,
        "tags": result.tags,
        "language": result.language,
        "published": result.published.day.isoformat() if result.published else None,
        "published_time": result.published.at.isoformat()
        if result.published and result.published.at
        else None,
        "captured": result.captured.day.isoformat() if result.captured else None,
    }
    if path.suffix == ".html":
        golden["url"] = result.url
    return golden


def main() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        out = GOLDEN / f"{path.stem}.json"
        out.write_text(json.dumps(as_golden(path), ensure_ascii=False, indent=2) + "\n", "utf-8")
        print(f"wrote {out}")
    for path in capture_paths():
        out = path.with_suffix(".json")
        out.write_text(json.dumps(as_golden(path), ensure_ascii=False, indent=2) + "\n", "utf-8")
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
