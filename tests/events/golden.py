"""The golden set of cooperation events (tests/events/golden/) and its scorer.

An extracted event is right when its kind and its set of participating countries are those
of a golden event reported by one of the same articles; each golden event is matched once.
Precision: right events / extracted events; recall: matched golden events / golden events.
"""

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"


@dataclass(frozen=True)
class Golden:
    ref: str
    kind: str
    countries: frozenset[str]
    articles: frozenset[str]


@dataclass(frozen=True)
class Extracted:
    key: object
    kind: str
    countries: frozenset[str]
    articles: frozenset[str]


@dataclass
class Score:
    right: int
    extracted: int
    golden: int
    matched: int
    wrong: list
    missed: list

    @property
    def precision(self) -> float:
        return self.right / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.golden if self.golden else 1.0

    def __str__(self) -> str:
        return (
            f"precision {self.precision:.0%} ({self.right}/{self.extracted}), "
            f"recall {self.recall:.0%} ({self.matched}/{self.golden})"
        )


def articles(split: str) -> list[dict]:
    found = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLDEN.glob("*.json"))]
    chosen = [a for a in found if split == "all" or a["split"] == split]
    for article in chosen:
        article["published_on"] = date.fromisoformat(article["published_on"])
    return chosen


def golden_events(chosen: list[dict]) -> list[Golden]:
    by_ref: dict[str, dict] = {}
    for article in chosen:
        for event in article["events"]:
            entry = by_ref.setdefault(
                event["ref"],
                {"kind": event["kind"], "countries": frozenset(event["countries"]), "ids": set()},
            )
            entry["ids"].add(article["id"])
    return [
        Golden(ref, e["kind"], e["countries"], frozenset(e["ids"])) for ref, e in by_ref.items()
    ]


def score(golden: list[Golden], extracted: list[Extracted]) -> Score:
    unmatched = list(golden)
    right, wrong = 0, []
    for event in extracted:
        match = next(
            (
                g
                for g in unmatched
                if g.kind == event.kind
                and g.countries == event.countries
                and g.articles & event.articles
            ),
            None,
        )
        if match:
            unmatched.remove(match)
            right += 1
        else:
            wrong.append(event)
    return Score(right, len(extracted), len(golden), len(golden) - len(unmatched), wrong, unmatched)
