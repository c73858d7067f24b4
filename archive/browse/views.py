"""Browse pages: thin views that fetch, then render."""

from django.conf import settings
from django.core.management import get_commands
from django.core.paginator import Paginator
from django.db.models import Count, F
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from archive.browse import selectors as browse
from archive.browse.citation import article_citation, article_jsonld, article_opengraph
from archive.browse.events import event_articles, events_by_kind, participants_by_role
from archive.charts import views as charts
from archive.desk.redirects import redirect_or_404
from archive.desk.suspects import person_is_suspect
from archive.entities.kinds import with_mentions
from archive.entities.linking import article_linker
from archive.models import (
    Article,
    Country,
    Event,
    Organisation,
    Person,
    Source,
)
from archive.stories import story_of

LATEST = 20
PAGE_SIZE = 25
INDEX_PAGE_SIZE = 50
TIMELINE_PAGE_SIZE = 50


def home(request):
    counts = {
        "articles": Article.objects.count(),
        "organisations": Organisation.objects.count(),
        "people": Person.objects.count(),
        "events": Event.objects.count(),
        "countries": Country.objects.filter(mentions__isnull=False).distinct().count(),
    }
    latest = Article.objects.select_related("source").newest_first()[:LATEST]
    events = Event.objects.select_related("country")[:6]
    context = {"counts": counts, "latest": latest, "events": events}
    if not counts["articles"]:
        # An empty archive tells its new operator how to fill it (the commands installed here).
        context["fill_commands"] = sorted({"capture", "crawl"} & set(get_commands()))
    return render(request, "archive/home.html", context)


def article_detail(request, slug: str):
    article = get_object_or_404(
        with_mentions(Article.objects.select_related("source"), by_count=True),
        slug=slug,
    )
    permalink = request.build_absolute_uri(article.get_absolute_url())
    # Entity mentions linked in the text. Opened from a search (?q=), the template marks the
    # query's matches instead, through the search app's `query_highlight` tag.
    linker = article_linker(article)
    seen: set[str] = set()
    lede_html = linker.link([article.lede], seen)[0] if article.lede else ""
    paragraphs_html = linker.link(article.paragraphs, seen)
    context = {
        "article": article,
        "lede_html": lede_html,
        "paragraphs_html": paragraphs_html,
        "permalink": permalink,
        "citation": article_citation(article, permalink),
        "opengraph": article_opengraph(article, permalink),
        "jsonld": article_jsonld(
            article, permalink, lambda obj: request.build_absolute_uri(obj.get_absolute_url())
        ),
        "related": browse.related_articles(article),
        "story": story_of(article),
        "event_reports": article.event_reports.select_related("event"),
    }
    return render(request, "archive/article_detail.html", context)


def article_capture(request, slug: str):
    article = get_object_or_404(Article.objects.select_related("source"), slug=slug)
    raw_text = bytes(article.raw).decode("utf-8", errors="replace")
    return render(
        request, "archive/article_capture.html", {"article": article, "raw_text": raw_text}
    )


def _articles_of(request, qs):
    """One page of articles, newest first (dates unknown last)."""
    page = Paginator(qs.select_related("source").newest_first(), PAGE_SIZE)
    return page.get_page(request.GET.get("page"))


def organisation_detail(request, slug: str):
    org = (
        Organisation.objects.select_related("parent", "successor", "country")
        .filter(slug=slug)
        .first()
    )
    if org is None:
        return redirect_or_404("organisation", slug)
    context = {
        "org": org,
        "children": org.children.all(),
        "predecessors": org.predecessors.all(),
        "roles": org.roles.select_related("person"),
        "events": browse.organisation_events(org),
        "events_by_kind": events_by_kind(browse.organisation_events(org)),
        "articles": _articles_of(request, Article.objects.mentioning(org)),
        **charts.entity_charts(
            request,
            org,
            articles=Article.objects.mentioning(org),
            events=browse.organisation_events(org),
        ),
    }
    return render(request, "archive/organisation_detail.html", context)


def person_detail(request, slug: str):
    person = Person.objects.filter(slug=slug).first()
    if person is None:
        return redirect_or_404("person", slug)
    if person_is_suspect(person):
        raise Http404("Not published until a curator reviews this record.")
    context = {
        "person": person,
        "roles": person.roles.select_related("organisation"),
        "events": person.events.all(),
        "events_by_kind": events_by_kind(person.events.all()),
        "articles": _articles_of(request, Article.objects.mentioning(person)),
        **charts.entity_charts(
            request, person, articles=Article.objects.mentioning(person), events=person.events.all()
        ),
    }
    return render(request, "archive/person_detail.html", context)


def event_detail(request, slug: str):
    event = Event.objects.select_related("country").filter(slug=slug).first()
    if event is None:
        return redirect_or_404("event", slug)
    context = {
        "event": event,
        "roles": participants_by_role(event),
        "reports": event.reports.select_related("article__source").order_by(
            F("article__published_on").asc(nulls_last=True), "article_id"
        ),
        "articles": _articles_of(request, event_articles(event)),
    }
    return render(request, "archive/event_detail.html", context)


def country_detail(request, code: str):
    country = get_object_or_404(Country, code=code.upper())
    context = {
        "country": country,
        "organisations": Organisation.objects.filter(country=country),
        "events": browse.country_events(country),
        "events_by_kind": events_by_kind(browse.country_events(country)),
        "articles": _articles_of(request, Article.objects.mentioning(country)),
        **charts.entity_charts(
            request,
            country,
            articles=Article.objects.mentioning(country),
            events=browse.country_events(country),
        ),
    }
    return render(request, "archive/country_detail.html", context)


def source_detail(request, slug: str):
    source = get_object_or_404(Source.objects.annotate(n=Count("articles")), slug=slug)
    context = {"source": source, "articles": _articles_of(request, source.articles.all())}
    return render(request, "archive/source_detail.html", context)


def _index(request, template: str, qs, title_key: str, extra: dict | None = None):
    page = Paginator(qs, INDEX_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, template, {"page": page, "index": title_key, **(extra or {})})


def organisation_index(request):
    return _index(
        request, "archive/organisation_index.html", browse.organisation_index(), "organisations"
    )


def person_index(request):
    return _index(request, "archive/person_index.html", browse.person_index(), "people")


def event_index(request):
    return _index(request, "archive/event_index.html", browse.event_index(), "events")


def country_index(request):
    return _index(
        request,
        "archive/country_index.html",
        browse.country_index(),
        "countries",
        charts.countries_charts(request),
    )


def source_index(request):
    return _index(request, "archive/source_index.html", browse.source_index(), "sources")


def timeline(request):
    context = charts.timeline_charts(request, years=browse.timeline_years)
    return render(request, "archive/timeline.html", context)


def timeline_year(request, year: str):
    if year == "undated":
        number = None
    elif year.isdigit() and 1 <= int(year) <= 9999:
        number = int(year)
    else:
        raise Http404
    articles = Paginator(browse.timeline_articles(number), TIMELINE_PAGE_SIZE)
    context = {
        "year": number,
        "events": browse.timeline_events(number),
        "articles": articles.get_page(request.GET.get("page")),
    }
    return render(request, "archive/timeline_year.html", context)


def about(request):
    contact = settings.ARCHIVE_CONTACT
    context = {
        "operator": settings.ARCHIVE_OPERATOR,
        "contact": contact,
        "contact_href": contact if "://" in contact else f"mailto:{contact}" if contact else "",
    }
    return render(request, "archive/about.html", context)
