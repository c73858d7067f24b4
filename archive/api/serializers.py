"""Model -> plain dict for the API: explicit fields, absolute URLs."""

from django.urls import reverse

from archive.entities.kinds import KINDS
from archive.events.export import event_fields
from archive.models import Article, Country, Event, Organisation, Person, Source
from archive.stories import story_of


def absolute(request, obj) -> str:
    return request.build_absolute_uri(obj.get_absolute_url())


def source_ref(request, source) -> dict | None:
    if source is None:
        return None
    return {
        "id": source.id,
        "slug": source.slug,
        "name": source.name,
        "url": absolute(request, source),
    }


def article_item(request, article: Article) -> dict:
    return {
        "id": article.id,
        "slug": article.slug,
        "title": article.title,
        "url": absolute(request, article),
        "source": source_ref(request, article.source),
        "published_on": article.published_on,
        "language": article.language,
    }


def entity_ref(request, entity, count: int | None = None) -> dict:
    """{id, slug, name, url} of any record; countries use their ISO code as id and slug."""
    if isinstance(entity, Country):
        ident, slug, name = entity.code, entity.code.lower(), entity.name_vi
    else:
        ident, slug = entity.pk, entity.slug
        name = getattr(entity, "name", None) or getattr(entity, "title", "")
    return {
        "id": ident,
        "slug": slug,
        "name": name,
        "url": absolute(request, entity),
        "count": count,
    }


def mention_refs(request, mentions, attribute: str) -> list[dict]:
    return [entity_ref(request, getattr(m, attribute), m.count) for m in mentions]


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
        "updated_at": article.updated_at,
        "sha256": article.raw_sha256,
        **{
            kind.plural: mention_refs(request, getattr(article, kind.mentions).all(), kind.name)
            for kind in KINDS
        },
        "story": story_ref(request, story_of(article)),
        "reported_events": [
            entity_ref(request, report.event) for report in article.event_reports.all()
        ],
    }


def story_ref(request, copies) -> dict | None:
    """The story an article is one copy of: every copy, earliest first."""
    if copies is None:
        return None
    return {
        "id": copies.story_id,
        "outlets": copies.outlets,
        "first": article_item(request, copies.first),
        "articles": [article_item(request, a) for a in copies.articles],
    }


def _related(request, filter_name: str, value: str, count: int) -> dict:
    link = request.build_absolute_uri(f"{reverse('api:articles_list')}?{filter_name}={value}")
    return {"articles": link, "article_count": count}


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


def organisation_detail(request, org: Organisation) -> dict:
    people = {role.person.pk: role.person for role in org.roles.all()}
    events = {e.pk: e for e in [*org.events_organised.all(), *org.events_attended.all()]}
    return {
        **organisation_item(request, org),
        **_related(request, "organisation", org.slug, org.article_count),
        "description": org.description,
        "parent_ref": entity_ref(request, org.parent) if org.parent else None,
        "successor_ref": entity_ref(request, org.successor) if org.successor else None,
        "children": [entity_ref(request, o) for o in org.children.all()],
        "predecessors": [entity_ref(request, o) for o in org.predecessors.all()],
        "people": [entity_ref(request, p) for p in people.values()],
        "events": [entity_ref(request, e) for e in events.values()],
    }


def person_item(request, person: Person) -> dict:
    return {
        "id": person.id,
        "slug": person.slug,
        "name": person.name,
        "aliases": person.aliases,
        "url": absolute(request, person),
    }


def person_detail(request, person: Person) -> dict:
    return {
        **person_item(request, person),
        **_related(request, "person", person.slug, person.article_count),
        "description": person.description,
        "country": entity_ref(request, person.country) if person.country else None,
        "roles": [
            {
                "title": role.title,
                "rank": role.rank,
                "organisation": entity_ref(request, role.organisation)
                if role.organisation
                else None,
                "started": role.started,
                "ended": role.ended,
            }
            for role in person.roles.all()
        ],
        "events": [entity_ref(request, e) for e in person.events.all()],
    }


def event_item(request, event: Event) -> dict:
    return {"id": event.id, **event_fields(event), "url": absolute(request, event)}


def _participant_kind(participant) -> str:
    if participant.organisation_id:
        return "organisation"
    return "country" if participant.country_id else "person"


def event_detail(request, event: Event) -> dict:
    return {
        **event_item(request, event),
        **_related(request, "event", event.slug, event.article_count),
        "description": event.description,
        "organisers": [entity_ref(request, o) for o in event.organisers.all()],
        "participant_organisations": [
            entity_ref(request, o) for o in event.participant_organisations.all()
        ],
        "participant_people": [entity_ref(request, p) for p in event.participant_people.all()],
        "participant_countries": [
            entity_ref(request, c) for c in event.participant_countries.all()
        ],
        "participants": [
            {
                "role": p.role,
                "kind": "organisation"
                if p.organisation_id
                else "country"
                if p.country_id
                else "person",
                "record": entity_ref(request, p.record),
            }
            for p in event.participants.all()
        ],
        "reports": [
            {"article": article_item(request, r.article), "evidence": r.evidence}
            for r in event.reports.all()
        ],
    }


def country_item(request, country: Country) -> dict:
    return {
        "code": country.code,
        "name_vi": country.name_vi,
        "name_en": country.name_en,
        "aliases": country.aliases,
        "url": absolute(request, country),
    }


def country_detail(request, country: Country) -> dict:
    return {
        **country_item(request, country),
        **_related(request, "country", country.code, country.article_count),
        "organisations": [entity_ref(request, o) for o in country.organisation_set.all()],
        "events": [entity_ref(request, e) for e in country.events_hosted.all()],
    }


def source_item(request, source: Source) -> dict:
    return {
        "id": source.id,
        "slug": source.slug,
        "name": source.name,
        "short_name": source.short_name,
        "domain": source.domain,
        "country": source.country_id,
        "language": source.language,
        "url": absolute(request, source),
    }


def source_detail(request, source: Source) -> dict:
    return {
        **source_item(request, source),
        **_related(request, "source", source.slug, source.article_count),
        "home_url": source.home_url,
    }
