"""A small known world for the chart tests: four organisations, five events of five kinds in
2022-2024, three articles. Slugs start with "chart-" so nothing else in the test database (the
curated entities and seeds, whose events are undated or in 2025) falls inside 2022-2024."""

import hashlib

from archive.events.service import participants_replace
from archive.models import (
    Article,
    ArticleCountry,
    ArticleOrganisation,
    Country,
    Event,
    Organisation,
)

ORGS = {
    "chart-a05": ("Cục Chart An ninh mạng", "CA05", "VN"),
    "chart-interpol": ("Chart Interpol", "CIP", None),
    "chart-afp": ("Chart Australian Federal Police", "CAFP", "AU"),
    "chart-nca": ("Chart National Crime Agency", "CNCA", "GB"),
}
# slug: (kind, year, month, host country, participants as (role, organisation slug or country
# code)). Participants are EventParticipant rows with roles, as issue 19 stores them.
EVENTS = {
    "chart-mou-2023": (
        "agreement",
        2023,
        3,
        "VN",
        [("signatory", "chart-a05"), ("signatory", "chart-interpol"), ("participant", "GB")],
    ),
    "chart-op-2024": (
        "joint_operation",
        2024,
        6,
        "KH",
        [
            ("organiser", "chart-a05"),
            ("participant", "chart-afp"),
            ("participant", "VN"),
            ("participant", "AU"),
        ],
    ),
    "chart-conf-2024": (
        "conference",
        2024,
        11,
        "SG",
        [
            ("host", "chart-interpol"),
            ("participant", "chart-a05"),
            ("participant", "chart-afp"),
            ("participant", "chart-nca"),
            ("participant", "VN"),
            ("participant", "AU"),
            ("participant", "GB"),
        ],
    ),
    "chart-training-2022": (
        "training",
        2022,
        None,
        "GB",
        [("provider", "chart-nca"), ("funder", "GB")],
    ),
    # Suspects handed over by the British agency to the Vietnamese one: sender and receiver.
    "chart-handover-2024": (
        "handover",
        2024,
        2,
        "VN",
        [("receiver", "chart-a05"), ("sender", "chart-nca"), ("sender", "GB")],
    ),
}
# title: (published_on, organisations, countries)
ARTICLES = {
    "Chart bài một": ("2023-03-10", ["chart-a05", "chart-interpol"], ["VN", "GB"]),
    "Chart bài hai": ("2024-06-20", ["chart-a05", "chart-afp"], ["VN", "AU"]),
    "Chart bài ba": ("2024-11-05", ["chart-a05", "chart-afp"], ["VN", "AU"]),
}

# What the fixture must draw, worked out by hand.
# Map, focus VN, 2022-2024: events each country shares with VN.
VN_PARTNERS_2022_2024 = {"GB": 3, "AU": 2, "KH": 1, "SG": 1}
# Timeline 2022-2024, per year: (articles, events by kind).
YEARS = {
    2022: (0, {"training": 1}),
    2023: (1, {"agreement": 1}),
    2024: (2, {"joint_operation": 1, "conference": 1, "handover": 1}),
}


def build() -> dict:
    orgs = {}
    for slug, (name, acronym, country) in ORGS.items():
        orgs[slug], _ = Organisation.objects.update_or_create(
            slug=slug, defaults={"name": name, "acronym": acronym, "country_id": country}
        )
    for code in ("KH", "SG"):
        assert Country.objects.filter(code=code).exists()
    events = {}
    for slug, (kind, year, month, host, participants) in EVENTS.items():
        event, _ = Event.objects.update_or_create(
            slug=slug,
            defaults={
                "title": slug.replace("-", " ").title(),
                "kind": kind,
                "start_year": year,
                "start_month": month,
                "country_id": host,
            },
        )
        participants_replace(
            event,
            {
                (role, "organisation", orgs[ref].pk) if ref in orgs else (role, "country", ref)
                for role, ref in participants
            },
        )
        events[slug] = event
    articles = {}
    for title, (day, org_slugs, countries) in ARTICLES.items():
        raw = title.encode()
        article, _ = Article.objects.update_or_create(
            raw_sha256=hashlib.sha256(raw).hexdigest(),
            defaults={
                "title": title,
                "slug": "chart-" + hashlib.sha256(raw).hexdigest()[:10],
                "body": title,
                "raw": raw,
                "published_on": day,
            },
        )
        for slug in org_slugs:
            ArticleOrganisation.objects.get_or_create(article=article, organisation=orgs[slug])
        for code in countries:
            ArticleCountry.objects.get_or_create(article=article, country_id=code)
        articles[title] = article
    return {"orgs": orgs, "events": events, "articles": articles}
