"""Events extracted from the golden articles, scored: the held-out part must reach 85 %."""

import pytest

from archive.events.service import EventContext, article_events_extract
from archive.models import Article, Event
from tests.events.golden import Extracted, articles, golden_events, score

THRESHOLD = 0.85


def _run(split: str):
    chosen = sorted(articles(split), key=lambda a: (a["published_on"], a["id"]))
    context = EventContext.build()
    stored = {}
    for entry in chosen:
        article = Article.objects.create(
            title=entry["title"],
            slug=f"golden-{entry['id']}",
            body=entry["body"],
            language=entry["language"],
            published_on=entry["published_on"],
            raw=entry["body"].encode(),
            raw_sha256=f"golden-{entry['id']}",
        )
        stored[article.pk] = entry["id"]
        article_events_extract([article], context=context)
    events = Event.objects.filter(reports__article__in=stored).distinct()
    extracted = [
        Extracted(
            event.slug,
            event.kind,
            frozenset(c.code for c in event.participant_countries.all()),
            frozenset(stored[r.article_id] for r in event.reports.all() if r.article_id in stored),
        )
        for event in events.prefetch_related("participant_countries", "reports")
    ]
    return score(golden_events(chosen), extracted)


@pytest.mark.django_db
@pytest.mark.parametrize("split", ["tune", "heldout"])
def test_golden_events(split):
    result = _run(split)
    print(f"\n{split}: {result}")
    for event in result.wrong:
        print("  wrong:", event.kind, sorted(event.countries), sorted(event.articles))
    for event in result.missed:
        print("  missed:", event.ref, event.kind, sorted(event.countries), sorted(event.articles))
    assert result.precision >= THRESHOLD, str(result)
    assert result.recall >= THRESHOLD, str(result)


def test_the_golden_set_is_large_enough_and_split():
    every = articles("all")
    assert len(every) >= 30
    held_out = [a for a in every if a["split"] == "heldout"]
    assert len(held_out) * 4 >= len(every)  # at least a quarter kept out of tuning
    assert {a["language"] for a in held_out} == {"vi", "en"}
    # Every event's articles are on one side of the split.
    sides: dict[str, set[str]] = {}
    for article in every:
        for event in article["events"]:
            sides.setdefault(event["ref"], set()).add(article["split"])
    assert all(len(s) == 1 for s in sides.values())
    # Several events are reported more than once, in both languages.
    reports: dict[str, set[str]] = {}
    for article in every:
        for event in article["events"]:
            reports.setdefault(event["ref"], set()).add(article["language"])
    assert sum(1 for langs in reports.values() if langs == {"vi", "en"}) >= 5
