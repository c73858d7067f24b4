"""Model -> plain dict for the API: explicit fields, absolute URLs."""

from archive.models import Article


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
