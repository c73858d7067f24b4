"""Link the archived articles that name an entity created or renamed after they were ingested.

Candidates come from the full-text index: articles whose `search_vector` matches one of the
entity's names as a phrase (`vietnamese` configuration, accent-insensitive). Each candidate is
then read by the ingest's own matcher (`EntityMatcher`, built from every entity, so the longest
name still wins), and linked only when ingest would link it. Only this entity's mention rows
are added or raised; the article's other mentions stay as they are. Articles whose links
changed get a new `updated_at`, so incremental mirrors (`updated_since`) see them.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery
from django.db.models import Q, QuerySet
from django.utils import timezone

from archive.entities.kinds import BY_NAME
from archive.entities.matching import EntityMatcher, Key, article_text, role_before
from archive.models import Article, Country, Event, Organisation, Person
from archive.text import nfc
from archive.vectors import CONFIG

KIND_OF = {Organisation: "organisation", Person: "person", Event: "event", Country: "country"}
CHUNK = 500


@dataclass(frozen=True)
class Relinked:
    linked: int  # articles that got this entity's mention, or a higher count
    checked: int  # candidates read by the matcher
    complete: bool  # False when `limit` stopped the work before the last candidate


def entity_names(entity) -> list[str]:
    """Every name the matcher knows the entity by (an organisation's acronym included)."""
    names = entity.match_names()
    if isinstance(entity, Organisation) and entity.acronym:
        names.append(entity.acronym)
    return [nfc(name.strip()) for name in names if name.strip()]


def article_candidates(names: list[str]) -> QuerySet:
    """Articles whose indexed text holds one of `names` as a phrase (GIN index), newest first."""
    queries = [SearchQuery(name, search_type="phrase", config=CONFIG) for name in names]
    if not queries:
        return Article.objects.none()
    # One flat OR of `@@` tests: OR-ing the SearchQuery objects nests them one level per name,
    # and compiling a thousand names that deep exceeded Python's recursion limit.
    matches = Q(*(Q(search_vector=query) for query in queries), _connector=Q.OR)
    return Article.objects.filter(matches).order_by("-id")


def entity_relink(entity, *, limit: int | None = None, matcher=None) -> Relinked:
    """Add or raise `entity`'s mention rows on the archived articles that name it."""
    kind = KIND_OF[type(entity)]
    key, link = Key(kind, entity.pk), BY_NAME[kind].mention
    matcher = matcher or EntityMatcher.from_database()
    candidates = article_candidates(entity_names(entity)).only(
        "id", "title", "lede", "body", "captions"
    )
    if limit is not None:
        candidates = candidates[: limit + 1]
    linked = checked = 0
    complete = True
    chunk: list[Article] = []
    for article in candidates.iterator(chunk_size=CHUNK):
        if limit is not None and checked == limit:
            complete = False
            break
        checked += 1
        chunk.append(article)
        if len(chunk) == CHUNK:
            linked += _link_chunk(chunk, key, link, matcher)
            chunk = []
    if chunk:
        linked += _link_chunk(chunk, key, link, matcher)
    return Relinked(linked, checked, complete)


def _link_chunk(articles: list[Article], key: Key, link, matcher: EntityMatcher) -> int:
    entity_field = f"{key.kind}_id"
    existing = dict(
        link.objects.filter(
            article_id__in=[a.pk for a in articles], **{entity_field: key.id}
        ).values_list("article_id", "count")
    )
    new, raised = [], []
    for article in articles:
        text = article_text(article)
        count = matcher.find(text).get(key, 0)
        if not count:
            continue
        if article.pk not in existing:
            fields = {"article_id": article.pk, entity_field: key.id, "count": count}
            if key.kind == "person":
                names = matcher.people.get(key.id, [])
                fields["role"] = next((r for n in names if (r := role_before(text, n))), "")[:500]
            new.append(link(**fields))
        elif count > existing[article.pk]:
            raised.append((article.pk, count))
    link.objects.bulk_create(new, ignore_conflicts=True)
    for article_id, count in raised:
        link.objects.filter(article_id=article_id, **{entity_field: key.id}).update(count=count)
    changed = [row.article_id for row in new] + [article_id for article_id, _ in raised]
    Article.objects.filter(pk__in=changed).update(updated_at=timezone.now())
    return len(changed)
