"""Extraction on captures of sites the rules were not written for (golden/sites/).

The held-out third (MANIFEST.json, fixed before any tuning) must reach the thresholds of
issue 18; the tuned two thirds are held to the same, so that a change that helps one capture
and breaks others shows here. `python -m tests.ingest.site_scores -v` prints every miss.
"""

import json

import pytest

from tests.ingest.site_scores import (
    SITES,
    capture_paths,
    fresh_names,
    group_names,
    heldout_names,
    percentages,
    score_all,
)

THRESHOLDS = {"title": 95.0, "date": 95.0, "body": 95.0, "chrome": 95.0, "people": 90.0}


@pytest.fixture(scope="module")
def scores():
    return score_all()


def test_the_corpus_is_whole_and_a_third_is_held_out():
    paths = capture_paths()
    assert len(paths) >= 40
    for path in paths:
        expected = json.loads(path.with_name(path.stem + ".expect.json").read_text("utf-8"))
        assert expected["title"] and expected["body"] and expected["chrome"], path.name
    names = {p.name for p in paths}
    groups = group_names()
    held = [name for group in groups.values() for name in group]
    assert set(held) <= names and len(held) == len(set(held)), "a capture in two lists"
    # The first held-out third, then each blind set written after the previous was tuned on.
    assert len(heldout_names()) * 3 >= len(names) - len(held) + len(heldout_names()) - 2
    assert len(fresh_names()) >= 21 and len(groups.get("fresh2", ())) >= 21
    assert (SITES / "MANIFEST.json").exists()


# Each "freshN" group was written blind (by someone who had not read the extraction code)
# after the one before it was tuned on; its first-look score is in the README (Ingesting
# captures, the table of blind groups). A group is held to the thresholds once its misses
# were fixed by general rules. "fresh8", written blind after fresh7 was tuned on, met them at
# first look (title, date, body 100 %, chrome 95.2 %, people 96.3 %) and was not tuned on.
# `python -m tests.ingest.site_scores -v` prints every miss.
@pytest.mark.parametrize(
    "split",
    [
        "heldout",
        "tune",
        *(f"fresh{n}" for n in ("", 2, 3, 4, 5, 6, 7)),
        "fresh8",  # blind, never tuned on: it met the thresholds at first look
    ],
)
def test_scores_reach_the_thresholds(scores, split):
    got = percentages(scores[split])
    misses = [m for s in scores[split] for m in s.misses if m.split(":")[0] in THRESHOLDS]
    for name, floor in THRESHOLDS.items():
        assert got[name] >= floor, (name, got[name], misses)
