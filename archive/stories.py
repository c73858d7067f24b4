"""Stories made visible: the articles that carry one story (near-duplicates, `ingest.similar`),
who published first, and copies collapsed under the earliest in a list of results."""

from dataclasses import dataclass

from django.db.models import F

from archive.models import Article


def _first_key(article) -> tuple:
    # Earliest publication first; undated copies after the dated ones, then by arrival.
    return (article.published_on is None, article.published_on or 0, article.id)


@dataclass
class StoryCopies:
    story_id: int
    articles: list[Article]  # earliest first

    @property
    def first(self) -> Article:
        return self.articles[0]

    @property
    def outlets(self) -> int:
        """How many outlets carried the story (articles without a source count one each)."""
        return len({a.source_id or f"article-{a.id}" for a in self.articles})


def story_copies(story_ids: set[int]) -> dict[int, StoryCopies]:
    """The articles of each story, earliest first: one query."""
    if not story_ids:
        return {}
    rows = (
        Article.objects.filter(story_id__in=story_ids)
        .select_related("source")
        .only(
            "id",
            "slug",
            "title",
            "published_on",
            "story_id",
            "source__name",
            "source__slug",
            "source__short_name",
            "language",
            "url",
        )
        .order_by(F("published_on").asc(nulls_last=True), "id")
    )
    found: dict[int, StoryCopies] = {}
    for article in rows:
        found.setdefault(article.story_id, StoryCopies(article.story_id, [])).articles.append(
            article
        )
    return found


def story_of(article: Article) -> StoryCopies | None:
    if article.story_id is None:
        return None
    copies = story_copies({article.story_id}).get(article.story_id)
    return copies if copies and len(copies.articles) > 1 else None


def stories_collapse(rows: list) -> list:
    """A page of results with each story once: its earliest copy where that is on the page (else
    its best-ranked one), carrying `also_carried` (how many other outlets carried it) and
    `story_first` (the earliest article). Other rows get `also_carried` 0."""
    stories = story_copies({row.story_id for row in rows if getattr(row, "story_id", None)})
    kept, shown = [], {}
    for row in rows:
        copies = stories.get(getattr(row, "story_id", None))
        row.also_carried = 0
        row.story_first = None
        if copies is None or len(copies.articles) < 2:
            kept.append(row)
            continue
        if copies.story_id in shown:
            earlier = shown[copies.story_id]
            if row.id == copies.first.id:  # the earliest copy stands in the other's place
                row.also_carried, row.story_first = earlier.also_carried, copies.first
                kept[kept.index(earlier)] = row
                shown[copies.story_id] = row
            continue
        row.also_carried = copies.outlets - 1
        row.story_first = copies.first
        shown[copies.story_id] = row
        kept.append(row)
    return kept
