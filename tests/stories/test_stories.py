"""Syndicated copies: collapsed under the earliest in search results, listed on the article
page with who published first, and exposed in the API."""

from datetime import date

import pytest

from archive.models import Source, Story
from archive.stories import stories_collapse
from tests.api.factories import make_article

BODY = "Lực lượng chức năng đã triệt phá đường dây lừa đảo xuyên biên giới zyxwstory."


@pytest.fixture
def story(db):
    story = Story.objects.create(title="Triệt phá đường dây")
    outlets = [
        Source.objects.create(name=f"Báo {n}", slug=f"bao-{n}", short_name=f"Báo {n}")
        for n in ("A", "B", "C")
    ]
    days = [date(2024, 5, 3), date(2024, 5, 1), date(2024, 5, 2)]
    copies = [
        make_article(
            title=f"Triệt phá đường dây zyxwstory ({source.short_name})",
            body=BODY,
            source=source,
            published_on=day,
            story=story,
        )
        for source, day in zip(outlets, days, strict=True)
    ]
    return story, copies


def test_copies_collapse_under_the_earliest_on_a_page(story):
    _, (late, first, middle) = story
    other = make_article(title="Khác", body="Khác hẳn.")
    rows = stories_collapse([late, other, middle, first])
    assert [r.pk for r in rows] == [first.pk, other.pk]
    assert rows[0].also_carried == 2 and rows[0].story_first.pk == first.pk
    assert rows[1].also_carried == 0


def test_search_results_show_a_story_once(client, story):
    _, (_late, first, _middle) = story
    page = client.get("/search/?q=zyxwstory").content.decode()
    assert page.count("Triệt phá đường dây zyxwstory") == 1
    assert f"/articles/{first.slug}/" in page
    assert "Also carried by 2 other outlets" in page


def test_the_article_page_lists_every_copy_with_who_published_first(client, story):
    _, (late, _first, _middle) = story
    page = client.get(late.get_absolute_url()).content.decode()
    aside = page[page.index('id="story-h"') : page.index("</aside>", page.index('id="story-h"'))]
    assert "carried by 3 outlets" in aside
    assert aside.index("Báo B") < aside.index("published first") < aside.index("Báo C")
    assert aside.index("Báo C") < aside.index("Báo A")


def test_the_api_exposes_the_story(client, story):
    story_record, (late, first, middle) = story
    data = client.get(f"/api/v1/articles/{late.slug}").json()
    assert data["story"]["id"] == story_record.pk and data["story"]["outlets"] == 3
    assert data["story"]["first"]["slug"] == first.slug
    assert [a["slug"] for a in data["story"]["articles"]] == [first.slug, middle.slug, late.slug]
    alone = make_article(title="Một mình")
    assert client.get(f"/api/v1/articles/{alone.slug}").json()["story"] is None
