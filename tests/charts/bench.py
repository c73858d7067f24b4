"""Time the chart pages on a synthetic build: server time in-process (Django's test client,
no network), cold (empty cache) and warm. Not a test; run by hand:

    .venv/bin/python manage.py benchmark --articles 100000 --build-only \\
        --database bench100k --workdir /tmp/bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench100k \\
        DJANGO_SETTINGS_MODULE=archive.settings_test .venv/bin/python -m tests.charts.bench --enrich

The generated corpus names events but gives them no kind, date or participants; `--enrich`
gives every event a seeded kind, year, host, and participants with roles (an organiser, then
organisations and countries, most with Vietnam: EventParticipant rows, mirrored into the old
participant lists as the events service keeps them), so the map and the network's event edges
have work to do.
"""

import argparse
import random
import statistics
import time

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from archive.models import Country, Event, EventParticipant, Organisation  # noqa: E402

HOSTS = [
    "VN",
    "GB",
    "US",
    "AU",
    "JP",
    "KR",
    "SG",
    "TH",
    "KH",
    "LA",
    "MY",
    "ID",
    "PH",
    "CN",
    "IN",
    "FR",
    "DE",
    "NL",
    "RU",
    "AE",
]


def _more_events(rng: random.Random, wanted: int) -> None:
    """Events up to `wanted`, titled like the generator's, each reported by five articles."""
    from archive.models import Article, ArticleEvent
    from tests.bench.corpus import make_entities

    names = make_entities(random.Random(1), 3000).events
    have = Event.objects.count()
    new = [
        Event(title=f"{names[n % len(names)]} ({n})", slug=f"bench-event-{n}")
        for n in range(have, wanted)
    ]
    Event.objects.bulk_create(new)
    last = Article.objects.order_by("-pk").values_list("pk", flat=True).first()
    mentions = [
        ArticleEvent(event=event, article_id=article)
        for event in Event.objects.filter(slug__startswith="bench-event-")
        for article in {rng.randint(1, last) for _ in range(5)}
        if Article.objects.filter(pk=article).exists()
    ]
    ArticleEvent.objects.bulk_create(mentions, ignore_conflicts=True)


def enrich(seed: int = 20, events: int = 2000) -> int:
    rng = random.Random(seed)
    if Event.objects.count() < events:
        _more_events(rng, events)
    orgs = list(Organisation.objects.order_by("pk").values_list("pk", flat=True)[:400])
    countries = [c for c in HOSTS if Country.objects.filter(code=c).exists()]
    kinds = Event.Kind.values
    through = {
        "organisers": Event.organisers.through,
        "orgs": Event.participant_organisations.through,
        "countries": Event.participant_countries.through,
    }
    events = list(Event.objects.order_by("pk"))
    with transaction.atomic():
        for model in through.values():
            model.objects.filter(event__in=events).delete()
        EventParticipant.objects.filter(event__in=events).delete()
        rows = {key: [] for key in through}
        roles = []
        for event in events:
            event.kind = rng.choice(kinds)
            event.start_year = rng.randint(2006, 2025)
            event.start_month = rng.randint(1, 12)
            event.country_id = rng.choice(countries)
            organiser = rng.choice(orgs)
            rows["organisers"].append(through["organisers"](event=event, organisation_id=organiser))
            roles.append(EventParticipant(event=event, role="organiser", organisation_id=organiser))
            for org in set(rng.sample(orgs, rng.randint(1, 4))) - {organiser}:
                rows["orgs"].append(through["orgs"](event=event, organisation_id=org))
                roles.append(EventParticipant(event=event, role="participant", organisation_id=org))
            chosen = set(rng.sample(countries, rng.randint(1, 4)))
            if rng.random() < 0.7:
                chosen.add("VN")
            for code in chosen:
                rows["countries"].append(through["countries"](event=event, country_id=code))
                roles.append(EventParticipant(event=event, role="participant", country_id=code))
        Event.objects.bulk_update(events, ["kind", "start_year", "start_month", "country_id"])
        for key, model in through.items():
            model.objects.bulk_create(rows[key], ignore_conflicts=True)
        EventParticipant.objects.bulk_create(roles, ignore_conflicts=True)
    return len(events)


def measure(paths: list[str], repeat: int) -> None:
    setup_test_environment()  # lets the client's host in; nothing else changes
    client = Client()
    client.get("/about/")  # imports, connection
    print(f"{'page':48} {'cold ms':>8} {'warm p50':>9} {'warm max':>9}")
    for path in paths:
        cache.clear()
        started = time.perf_counter()
        response = client.get(path)
        cold = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (path, response.status_code)
        warm = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(path)
            warm.append((time.perf_counter() - started) * 1000)
        print(f"{path:48} {cold:8.0f} {statistics.median(warm):9.0f} {max(warm):9.0f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--enrich", action="store_true")
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    from archive.models import Article

    if options.enrich:
        print(f"enriched {enrich()} events")
    top = Organisation.objects.order_by("-mentions__count").first()
    print(f"{Article.objects.count()} articles, {Event.objects.count()} events")
    paths = [
        "/network/",
        "/countries/",
        "/timeline/",
        "/network/?from=2020&to=2024",
        "/countries/?from=2020&to=2024&kind=agreement",
        "/timeline/?from=2023&to=2025",
        "/network/?country=GB",
        f"/organisations/{top.slug}/",
        "/countries/vn/",
        "/search/?q=interpol",
    ]
    measure(paths, options.repeat)


if __name__ == "__main__":
    main()
