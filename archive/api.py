"""The JSON API under /api/v1/: one NinjaAPI mounting the records router and the search router."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Query, Router, Schema
from ninja.errors import ValidationError

from archive.api_pagination import PageParams, page_of
from archive.models import (
    Article,
    ArticleCountry,
    ArticleEvent,
    ArticleOrganisation,
    ArticlePerson,
    Event,
    Organisation,
    Person,
)
from archive.schemas import (
    ArticleListItem,
    ArticleOut,
    ErrorOut,
    EventOut,
    OrganisationOut,
    PersonOut,
)
from archive.serializers import absolute, article_item
from search.api import router as search_router

api = NinjaAPI(
    title="Cybercrime cooperation archive API",
    version="1",
    description="Articles on international cooperation against cybercrime, and the "
    "organisations, people, events and countries they mention.",
    urls_namespace="api",
)
router = Router(tags=["records"])


def _refs(request, mentions, attribute: str, name) -> list[dict]:
    refs = []
    for mention in mentions:
        entity = getattr(mention, attribute)
        refs.append(
            {
                "id": entity.pk,
                "slug": getattr(entity, "slug", str(entity.pk).lower()),
                "name": name(entity),
                "url": absolute(request, entity),
                "count": mention.count,
            }
        )
    return refs


def article_detail(request, article: Article) -> dict:
    return {
        **article_item(request, article),
        "lede": article.lede,
        "body": article.body,
        "captions": article.captions,
        "authors": article.authors,
        "editors": article.editors,
        "source_note": article.source_note,
        "tags": article.tags,
        "original_url": article.url,
        "published_at": article.published_at,
        "captured_on": article.captured_on,
        "sha256": article.raw_sha256,
        "organisations": _refs(
            request, article.organisation_mentions.all(), "organisation", lambda o: o.name
        ),
        "people": _refs(request, article.person_mentions.all(), "person", lambda p: p.name),
        "events": _refs(request, article.event_mentions.all(), "event", lambda e: e.title),
        "countries": _refs(request, article.country_mentions.all(), "country", lambda c: c.name_vi),
    }


class ArticlePage(Schema):
    count: int
    next: str | None
    previous: str | None
    items: list[ArticleListItem]


@router.get("/articles", response=ArticlePage, summary="List articles, newest first")
def articles_list(request, params: Query[PageParams]):
    qs = Article.objects.select_related("source").newest_first()
    return page_of(request, qs, params, article_item)


@router.get(
    "/articles/{slug}",
    response={200: ArticleOut, 404: ErrorOut},
    summary="One article with its text, checksum and linked entities",
)
def articles_detail(request, slug: str):
    mentions = [
        Prefetch(
            "organisation_mentions", ArticleOrganisation.objects.select_related("organisation")
        ),
        Prefetch("person_mentions", ArticlePerson.objects.select_related("person")),
        Prefetch("event_mentions", ArticleEvent.objects.select_related("event")),
        Prefetch("country_mentions", ArticleCountry.objects.select_related("country")),
    ]
    article = get_object_or_404(
        Article.objects.select_related("source").prefetch_related(*mentions), slug=slug
    )
    return article_detail(request, article)


def organisation_item(request, org: Organisation) -> dict:
    return {
        "id": org.id,
        "slug": org.slug,
        "name": org.name,
        "name_en": org.name_en,
        "acronym": org.acronym,
        "aliases": org.aliases,
        "kind": org.kind,
        "country": org.country_id,
        "parent": org.parent.slug if org.parent else None,
        "successor": org.successor.slug if org.successor else None,
        "url": absolute(request, org),
    }


def person_item(request, person: Person) -> dict:
    return {
        "id": person.id,
        "slug": person.slug,
        "name": person.name,
        "aliases": person.aliases,
        "url": absolute(request, person),
    }


def event_item(request, event: Event) -> dict:
    return {
        "id": event.id,
        "slug": event.slug,
        "title": event.title,
        "title_en": event.title_en,
        "kind": event.kind,
        "starts": event.starts,
        "ends": event.ends,
        "city": event.city,
        "venue": event.venue,
        "country": event.country_id,
        "url": absolute(request, event),
    }


class OrganisationPage(Schema):
    count: int
    next: str | None
    previous: str | None
    items: list[OrganisationOut]


class PersonPage(Schema):
    count: int
    next: str | None
    previous: str | None
    items: list[PersonOut]


class EventPage(Schema):
    count: int
    next: str | None
    previous: str | None
    items: list[EventOut]


@router.get("/organisations", response=OrganisationPage, summary="List organisations by name")
def organisations_list(request, params: Query[PageParams]):
    qs = Organisation.objects.select_related("parent", "successor").order_by("name", "id")
    return page_of(request, qs, params, organisation_item)


@router.get("/people", response=PersonPage, summary="List people by name")
def people_list(request, params: Query[PageParams]):
    return page_of(request, Person.objects.order_by("name", "id"), params, person_item)


@router.get("/events", response=EventPage, summary="List events, newest first")
def events_list(request, params: Query[PageParams]):
    return page_of(request, Event.objects.order_by(*Event._meta.ordering, "id"), params, event_item)


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc: ValidationError):
    fields = [".".join(str(p) for p in error.get("loc", [])[1:]) for error in exc.errors]
    message = "Invalid parameter: " + ", ".join(
        f"{field or 'request'} ({error.get('msg', 'invalid')})"
        for field, error in zip(fields, exc.errors, strict=False)
    )
    return api.create_response(
        request, {"code": "invalid_parameter", "message": message}, status=422
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(
        request, {"code": "not_found", "message": "No such record."}, status=404
    )


api.add_router("/", router)
api.add_router("/", search_router)
