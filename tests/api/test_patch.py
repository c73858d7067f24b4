"""PATCH: only the fields sent change (null clears); articles re-index and re-link."""

import pytest

from archive.ingest.similar import near_duplicates_link
from archive.models import (
    ApiWrite,
    Article,
    ArticleBand,
    ArticleOrganisation,
    Event,
    Organisation,
    Person,
)
from tests.api.factories import make_article, send


def patch(client, path, payload, auth):
    return send(client, "patch", path, payload, auth)


def search_slugs(client, q: str) -> list[str]:
    return [item["slug"] for item in client.get("/api/v1/search", {"q": q}).json()["items"]]


@pytest.fixture
def article(db):
    return make_article(
        title="Hợp tác phòng chống lừa đảo",
        lede="Ngày 2/6, hai bên ký biên bản.",
        body="Bộ Công an tiếp đoàn Europol.",
        url="https://example.org/patch-me.html",
        tags=["lừa đảo"],
    )


def test_article_patch_changes_only_what_is_sent_and_relinks(client, auth, article):
    from archive.entities.matching import EntityMatcher, EntityRegistry, article_link_entities

    article_link_entities(article, EntityMatcher.from_database(), EntityRegistry())
    assert set(article.organisations.values_list("slug", flat=True)) == {"bo-cong-an", "europol"}
    before = Article.objects.get(pk=article.pk)
    status, data = patch(
        client,
        f"/api/v1/articles/{article.slug}",
        {"body": "Cục Cảnh sát hình sự làm việc với Interpol về mã độc tống tiền."},
        auth,
    )
    assert status == 200 and data["status"] == "updated"
    got = data["article"]
    assert got["body"].startswith("Cục Cảnh sát hình sự") and got["slug"] == article.slug
    assert got["title"] == before.title and got["lede"] == before.lede  # not sent: kept
    assert got["tags"] == ["lừa đảo"] and got["original_url"] == before.url
    assert got["sha256"] == before.raw_sha256  # the capture stays as received
    assert {o["slug"] for o in got["organisations"]} == {"interpol", "c02"}
    assert not ArticleOrganisation.objects.filter(article=article, organisation__slug="europol")
    after = Article.objects.get(pk=article.pk)
    assert after.updated_at > before.updated_at
    # The generated search vectors follow: the new words are found, the old ones are not.
    assert article.slug in search_slugs(client, "ma doc tong tien")
    assert article.slug not in search_slugs(client, "europol")


def test_article_patch_title_is_searchable_and_unchanged_is_reported(client, auth, article):
    path = f"/api/v1/articles/{article.slug}"
    status, data = patch(client, path, {"title": "Triệt phá đường dây tiền ảo"}, auth)
    assert status == 200 and data["status"] == "updated"
    assert search_slugs(client, "tien ao")[0] == article.slug
    status, data = patch(client, path, {"title": "Triệt phá đường dây tiền ảo"}, auth)
    assert data["status"] == "unchanged"
    actions = list(ApiWrite.objects.filter(kind="article").values_list("action", flat=True))
    assert sorted(actions) == ["unchanged", "updated"]


def test_article_patch_of_the_text_finds_its_near_duplicates_by_the_new_text(client, auth, article):
    """The bands are looked up in ArticleBand: a new body replaces the article's rows there, so
    a story that now matches it is found (and its old text no longer is)."""
    story = " ".join(
        f"Đoàn công tác số {n} của Bộ Công an trao đổi với Europol về điều tra lừa đảo trực tuyến."
        for n in range(12)
    )
    twin = make_article(title="Tin cùng câu chuyện", body=story)
    near_duplicates_link([twin])
    old_bands = set(ArticleBand.objects.filter(article=article).values_list("band", flat=True))

    status, _ = patch(client, f"/api/v1/articles/{article.slug}", {"body": story}, auth)

    assert status == 200
    new_bands = set(ArticleBand.objects.filter(article=article).values_list("band", flat=True))
    assert new_bands and new_bands != old_bands
    twin_bands = set(ArticleBand.objects.filter(article=twin).values_list("band", flat=True))
    assert len(new_bands & twin_bands) >= 2 > len(old_bands & twin_bands)
    article.refresh_from_db()
    twin.refresh_from_db()
    assert article.story_id is not None and article.story_id == twin.story_id


def test_article_patch_clears_and_sets_metadata(client, auth, article):
    Article.objects.filter(pk=article.pk).update(
        published_on="2024-01-01", published_at="2024-01-01T08:00:00+07:00"
    )
    status, data = patch(
        client,
        f"/api/v1/articles/{article.slug}",
        {"published_on": "2025-06-02", "tags": None, "source": "ttxvn", "url": None},
        auth,
    )
    assert status == 200
    got = data["article"]
    assert got["published_on"] == "2025-06-02" and got["published_at"] is None
    assert got["tags"] == [] and got["source"]["slug"] == "ttxvn" and got["original_url"] is None


def test_article_patch_errors(client, auth, article):
    other = make_article(url="https://example.org/taken.html")
    path = f"/api/v1/articles/{article.slug}"
    status, data = patch(client, path, {"url": other.url}, auth)
    assert status == 409 and data["code"] == "conflict"
    status, data = patch(client, path, {"source": "no-such-source"}, auth)
    assert (
        status == 422
        and data["code"] == "unknown_reference"
        and "no-such-source" in data["message"]
    )
    for bad in ({"title": ""}, {"title": None}, {"body": None}, {"published_on": "2/6/2025"}):
        status, data = patch(client, path, bad, auth)
        assert status == 422 and data["code"] == "invalid_parameter", bad
    status, data = patch(client, "/api/v1/articles/no-such-article", {"title": "x"}, auth)
    assert status == 404 and data["code"] == "not_found"
    status, data = patch(client, path, {"title": "x"}, {})
    assert status == 401
    assert not ApiWrite.objects.exists()
    assert Article.objects.get(pk=article.pk).title == article.title


def test_organisation_patch_changes_only_the_fields_sent(client, auth):
    org = Organisation.objects.get(slug="c50")
    before = {f: getattr(org, f) for f in ("name", "name_en", "kind", "country_id", "parent_id")}
    status, data = patch(client, "/api/v1/organisations/c50", {"acronym": "C50X"}, auth)
    assert status == 200 and data["status"] == "updated" and data["slug"] == "c50"
    org.refresh_from_db()
    assert org.acronym == "C50X"
    assert {f: getattr(org, f) for f in before} == before
    status, data = patch(client, "/api/v1/organisations/c50", {"aliases": None}, auth)
    org.refresh_from_db()
    assert org.aliases == [] and org.acronym == "C50X"
    status, data = patch(client, "/api/v1/organisations/c50", {"parent": "interpol"}, auth)
    assert Organisation.objects.get(slug="c50").parent.slug == "interpol"
    status, data = patch(client, "/api/v1/organisations/c50", {"parent": "c50"}, auth)
    assert status == 422
    status, data = patch(client, "/api/v1/organisations/c50", {"parent": "nowhere"}, auth)
    assert status == 422 and data["code"] == "unknown_reference" and "nowhere" in data["message"]
    status, data = patch(client, "/api/v1/organisations/c50", {"name": None}, auth)
    assert status == 422 and data["code"] == "invalid_parameter"
    status, data = patch(client, "/api/v1/organisations/nowhere", {"acronym": "N"}, auth)
    assert status == 404 and data["code"] == "not_found"
    assert not Organisation.objects.filter(slug="nowhere").exists()


def test_person_and_event_patch(client, auth):
    person = Person.objects.get(slug="le-quy-vuong")
    status, data = patch(
        client, "/api/v1/people/le-quy-vuong", {"description": "Thứ trưởng Bộ Công an."}, auth
    )
    assert status == 200 and data["status"] == "updated"
    person.refresh_from_db()
    assert person.description == "Thứ trưởng Bộ Công an." and person.name == "Lê Quý Vương"
    event = Event.objects.first()
    organisers = set(event.organisers.values_list("slug", flat=True))
    status, data = patch(
        client,
        f"/api/v1/events/{event.slug}",
        {"participant_countries": ["AU", "GB"], "ends": None},
        auth,
    )
    assert status == 200 and data["status"] == "updated"
    event.refresh_from_db()
    assert set(event.participant_countries.values_list("code", flat=True)) == {"AU", "GB"}
    assert event.ends == "" and set(event.organisers.values_list("slug", flat=True)) == organisers
    status, data = patch(client, f"/api/v1/events/{event.slug}", {"starts": "2025-02-29"}, auth)
    assert status == 422
    kinds = list(ApiWrite.objects.order_by("id").values_list("kind", "action"))
    assert kinds == [("person", "updated"), ("event", "updated")]
