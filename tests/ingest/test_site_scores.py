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
    heldout, fresh = heldout_names(), fresh_names()
    assert heldout <= {p.name for p in paths}
    assert fresh <= {p.name for p in paths} and not heldout & fresh
    assert len(heldout) * 3 >= len(paths) - len(fresh) - 2
    assert len(fresh) >= 21
    assert (SITES / "MANIFEST.json").exists()


# "fresh" (issue 18) is held to them since its misses were fixed by general rules; a later
# blind set ("fresh2") is scored as its own row by `python -m tests.ingest.site_scores -v`.
@pytest.mark.parametrize("split", ["heldout", "tune", "fresh"])
def test_scores_reach_the_thresholds(scores, split):
    got = percentages(scores[split])
    misses = [m for s in scores[split] for m in s.misses if m.split(":")[0] in THRESHOLDS]
    for name, floor in THRESHOLDS.items():
        assert got[name] >= floor, (name, got[name], misses)
