"""Read-side selectors for the browse pages: indexes in Vietnamese order, timeline, related."""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce, Collate, ExtractMonth, ExtractYear, Lower, NullIf
from django.utils.translation import get_language

from archive.desk.suspects import people_public
from archive.models import (
    Article,
    ArticleCountry,
    ArticleEvent,
    ArticleOrganisation,
    ArticlePerson,
    Country,
    Event,
    Organisation,
    Person,
    Source,
)
from archive.text import fold
from archive.vectors import CONFIG

# Đ is its own letter after D: fold it to "d~" ("~" sorts after every letter in the C collation).
D_STROKE_KEY = "d~"


def vi_sort_key(expression):
    """An ORDER BY key for Vietnamese alphabetical order: accents and case folded, Đ after D.

    Mirrors `vi_sort_key_py`; ties (same letters, different accents) fall to the secondary key.
    """
    if isinstance(expression, str):
        expression = F(expression)
    replaced = Func(
        Func(expression, Value("Đ"), Value(D_STROKE_KEY), function="replace"),
        Value("đ"),
        Value(D_STROKE_KEY),
        function="replace",
        output_field=TextField(),
    )
    return Collate(Lower(Func(replaced, function="immutable_unaccent")), "C")


def vi_sort_key_py(text: str) -> str:
    """The same key in Python, for tests and for sorting small in-memory lists."""
    return fold(text.replace("Đ", D_STROKE_KEY).replace("đ", D_STROKE_KEY))


def _english() -> bool:
    return get_language() == "en"


def _display(name: str, english: str):
    """The name shown in the interface language: the English one when there is one."""
    if _english():
        return Coalesce(NullIf(F(english), Value("")), F(name))
    return F(name)


def organisation_index() -> QuerySet:
    key = _display("name", "name_en")
    return Organisation.objects.annotate(n=Count("mentions")).order_by(vi_sort_key(key), "id")


def person_index() -> QuerySet:
    return (
        people_public(Person.objects)
        .annotate(n=Count("mentions"))
        .order_by(vi_sort_key("name"), "id")
    )


def event_articles_count() -> Subquery:
    """How many articles name or report the event (an article doing both counts once)."""
    articles = (
        Article.objects.filter(
            Q(event_mentions__event=OuterRef("pk")) | Q(event_reports__event=OuterRef("pk"))
        )
        .order_by()
        .values(one=Value(1))
        .annotate(n=Count("id", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(articles, output_field=IntegerField()), 0)


def event_index() -> QuerySet:
    key = _display("title", "title_en")
    return (
        Event.objects.select_related("country")
        .annotate(n=event_articles_count())
        .order_by(vi_sort_key(key), "id")
    )


def source_index() -> QuerySet:
    return Source.objects.annotate(n=Count("articles")).order_by(vi_sort_key("name"), "id")


def _count_of(model, field: str):
    rows = (
        model.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(c=Count("*"))
        .values("c")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def country_index() -> QuerySet:
    """Countries the archive has something on: mentioned, hosting or attending, or with units."""
    key = "name_en" if _english() else "name_vi"
    return (
        Country.objects.annotate(
            n=_count_of(ArticleCountry, "country"),
            n_orgs=_count_of(Organisation, "country"),
            n_events=_count_of(Event.participant_countries.through, "country"),
        )
        # EXISTS, not a join made DISTINCT: with events hosted, DISTINCT over every column
        # took the page 0.7 s a query (2,000 events).
        .filter(
            Q(n__gt=0)
            | Q(n_orgs__gt=0)
            | Q(n_events__gt=0)
            | Exists(Event.objects.filter(country=OuterRef("pk")))
        )
        .order_by(vi_sort_key(key), "code")
    )


def country_events(country: Country) -> QuerySet:
    return (
        Event.objects.filter(Q(participant_countries=country) | Q(country=country))
        .distinct()
        .order_by(*Event._meta.ordering)
    )


def organisation_events(org: Organisation) -> QuerySet:
    """Events the organisation organised or took part in, newest first."""
    return (
        Event.objects.filter(Q(organisers=org) | Q(participant_organisations=org))
        .distinct()
        .order_by(*Event._meta.ordering)
    )


# Timeline ------------------------------------------------------------------------------------


def timeline_years() -> list[dict]:
    """Per year: how many events start and how many articles were published; newest first.

    Two aggregate queries, whatever the size of the archive. Year None collects the undated.
    """
    years: dict[int | None, dict] = {}
    for row in Event.objects.order_by().values("start_year").annotate(n=Count("id")):
        years.setdefault(row["start_year"], {"events": 0, "articles": 0})["events"] = row["n"]
    articles = (
        Article.objects.order_by()
        .annotate(year=ExtractYear("published_on"))
        .values("year")
        .annotate(n=Count("id"))
    )
    for row in articles:
        years.setdefault(row["year"], {"events": 0, "articles": 0})["articles"] = row["n"]
    dated = sorted((y for y in years if y is not None), reverse=True)
    rows = [{"year": y, **years[y]} for y in dated]
    if None in years:
        rows.append({"year": None, **years[None]})
    return rows


def timeline_events(year: int | None) -> QuerySet:
    qs = Event.objects.select_related("country")
    if year is None:
        return qs.filter(start_year__isnull=True).order_by("start_month", "start_day", "title")
    return qs.filter(start_year=year).order_by(
        F("start_month").asc(nulls_first=True), F("start_day").asc(nulls_first=True), "title"
    )


def timeline_articles(year: int | None) -> QuerySet:
    qs = Article.objects.select_related("source")
    if year is None:
        return qs.filter(published_on__isnull=True).order_by("title", "id")
    return (
        qs.filter(published_on__year=year)
        .annotate(month=ExtractMonth("published_on"))
        .order_by("published_on", "id")
    )


# Related articles ----------------------------------------------------------------------------

# What a shared entity is worth: a shared person or event says more than a shared country.
RELATED_WEIGHTS = {"organisation": 2, "person": 3, "event": 3, "country": 1}
RELATED_LIMIT = 5
# Candidates come from the newest articles mentioning each shared entity, this many each: an
# entity such as Bộ Công an is mentioned by 400,000 of 1,000,000 articles, and scoring them all
# took the article page past 30 s.
RELATED_PER_ENTITY = 200


def related_articles(article: Article, limit: int = RELATED_LIMIT) -> list[Article]:
    """Articles sharing the most (weighted) entities with `article`, newest first on ties,
    among the RELATED_PER_ENTITY newest mentioning each of its entities.

    Reads the article's prefetched mentions; one query for the candidates.
    """
    shared = {
        "organisation": (
            ArticleOrganisation,
            [m.organisation_id for m in article.organisation_mentions.all()],
        ),
        "person": (ArticlePerson, [m.person_id for m in article.person_mentions.all()]),
        "event": (ArticleEvent, [m.event_id for m in article.event_mentions.all()]),
        "country": (ArticleCountry, [m.country_id for m in article.country_mentions.all()]),
    }
    score = Value(0)
    newest: list[QuerySet] = []
    for kind, (link, ids) in shared.items():
        if not ids:
            continue
        matches = link.objects.filter(**{f"{kind}_id__in": ids})
        rows = (
            matches.filter(article=OuterRef("pk"))
            .order_by()
            .values("article")
            .annotate(c=Count("*"))
            .values("c")
        )
        score = score + RELATED_WEIGHTS[kind] * Coalesce(
            Subquery(rows, output_field=IntegerField()), 0
        )
        newest += [  # each shared entity's newest mentions only (see RELATED_PER_ENTITY)
            link.objects.filter(**{f"{kind}_id": entity_id})
            .order_by("-article_id")
            .values("article")[:RELATED_PER_ENTITY]
            for entity_id in ids
        ]
    if not newest:
        return sharing_title_words(article, exclude=[article.pk], limit=limit)
    # A UNION, so that each side keeps its index (ORed IN lists read every article).
    candidates = Q(pk__in=newest[0].union(*newest[1:]))
    related = list(
        Article.objects.filter(candidates)
        .exclude(pk=article.pk)
        .select_related("source")
        .annotate(score=score)
        .order_by(F("score").desc(), F("published_on").desc(nulls_last=True), F("id").desc())[
            :limit
        ]
    )
    if len(related) < limit:
        seen = [article.pk, *(a.pk for a in related)]
        related += sharing_title_words(article, exclude=seen, limit=limit - len(related))
    return related


def sharing_title_words(article: Article, *, exclude: list, limit: int) -> list[Article]:
    """Articles whose text shares the most words with `article`'s title (one query)."""
    words = sorted({w for w in re.findall(r"[^\W_]+", fold(article.title)) if len(w) > 1})
    if not words:
        return []
    query = SearchQuery(" | ".join(words), search_type="raw", config=CONFIG)
    return list(
        Article.objects.filter(search_vector=query)
        .exclude(pk__in=exclude)
        .select_related("source")
        .annotate(rank=SearchRank(F("search_vector"), query))
        .order_by("-rank", "-id")[:limit]
    )
