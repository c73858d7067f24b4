"""Facet counts for the current result set. Each facet counts with every filter applied except
its own, so a chosen source still shows how many results the other sources would give."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.translation import get_language

from archive.models import ArticleCountry, ArticleEvent, ArticleOrganisation, ArticlePerson
from search.entities import EntityMatch
from search.parser import ParsedQuery
from search.query import Filters, article_matches

LIMIT = 12
FACETS = ("year", "source", "language", "organisation", "person", "event", "country")


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


def _mentions(model, entity: str, label: str, ids: QuerySet) -> list[tuple]:
    return list(
        model.objects.filter(article_id__in=ids)
        .values_list(f"{entity}", label)
        .annotate(n=Count("article_id", distinct=True))
        .order_by("-n", label)[:LIMIT]
    )


def _counts(name: str, base: QuerySet) -> list[tuple]:
    ids = base.values("id")
    if name == "year":
        return list(
            base.exclude(published_on=None)
            .annotate(year=ExtractYear("published_on"))
            .values_list("year", "year")
            .annotate(n=Count("id"))
            .order_by("-year")[:LIMIT]
        )
    if name == "source":
        return list(
            base.exclude(source=None)
            .values_list("source__slug", "source__name")
            .annotate(n=Count("id"))
            .order_by("-n", "source__name")[:LIMIT]
        )
    if name == "language":
        return list(base.values_list("language", "language").annotate(n=Count("id")).order_by("-n"))
    if name == "organisation":
        return _mentions(ArticleOrganisation, "organisation__slug", "organisation__name", ids)
    if name == "person":
        return _mentions(ArticlePerson, "person__slug", "person__name", ids)
    if name == "event":
        return _mentions(ArticleEvent, "event__slug", "event__title", ids)
    label = "country__name_en" if get_language() == "en" else "country__name_vi"
    return _mentions(ArticleCountry, "country__code", label, ids)


def _selected(name: str, value, filters: Filters) -> bool:
    if name == "year":
        after, before = filters.published_after, filters.published_before
        return bool(after and before and after.year == before.year == value)
    chosen = getattr(filters, name)
    return chosen is not None and str(chosen).lower() == str(value).lower()


def facet_counts(
    parsed: ParsedQuery, filters: Filters, entities: list[EntityMatch] = ()
) -> dict[str, list[FacetValue]]:
    facets = {}
    for name in FACETS:
        own = ("published_after", "published_before") if name == "year" else (name,)
        base = article_matches(parsed, filters=filters.without(*own), entities=entities)
        facets[name] = [
            FacetValue(str(value), str(label), n, _selected(name, value, filters))
            for value, label, n in _counts(name, base.order_by())
            if value is not None
        ]
    return facets
