"""Creating or renaming an entity through the API links the archived articles that name it:
candidates by the full-text index, confirmed by the ingest's matcher."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from archive.entities.relink import article_candidates
from archive.models import (
    Article,
    ArticleCountry,
    ArticleEvent,
    ArticleOrganisation,
    ArticlePerson,
    Organisation,
)
from tests.api.factories import make_article, send

NCSC = "Trung tâm Giám sát an toàn không gian mạng quốc gia"


@pytest.fixture
def articles(db):
    """Two articles name the centre (once with diacritics, once without, once by acronym);
    one has its words scattered; one has the acronym in lower case (not an acronym)."""
    return {
        "named": make_article(
            title="Cảnh báo mã độc",
            body=f"{NCSC} (NCSC) cảnh báo mã độc mới. NCSC khuyến cáo cập nhật.",
        ),
        "unaccented": make_article(
            title="Canh bao", body="Trung tam Giam sat an toan khong gian mang quoc gia thong bao."
        ),
        "scattered": make_article(
            title="Không liên quan",
            body="Trung tâm thể thao quốc gia giám sát an toàn trên không gian mạng xã hội.",
        ),
        "lower": make_article(title="Chữ thường", body="Trang web của ncsc có bài mới."),
    }


def org_mentions(slug: str) -> dict[str, int]:
    rows = ArticleOrganisation.objects.filter(organisation__slug=slug)
    return {row.article.slug: row.count for row in rows}


def test_new_organisation_links_the_articles_that_name_it(client, auth, articles):
    before = {a.pk: a.updated_at for a in Article.objects.all()}
    status, data = send(
        client,
        "post",
        "/api/v1/organisations",
        {"name": NCSC, "acronym": "NCSC", "slug": "ncsc", "country": "VN"},
        auth,
    )
    assert status == 201 and data["relinked"] == 2 and data["relink_complete"] is True
    named, unaccented = articles["named"], articles["unaccented"]
    assert org_mentions("ncsc") == {named.slug: 3, unaccented.slug: 1}  # name + acronym twice
    assert Article.objects.get(pk=named.pk).updated_at > before[named.pk]  # mirrors see it
    scattered = articles["scattered"]
    assert Article.objects.get(pk=scattered.pk).updated_at == before[scattered.pk]
    detail = client.get(f"/api/v1/articles/{named.slug}").json()
    assert "ncsc" in [o["slug"] for o in detail["organisations"]]
    # Candidates come from the index (the lower-case "ncsc" is one), the matcher decides.
    candidates = set(article_candidates([NCSC, "NCSC"]).values_list("slug", flat=True))
    assert articles["lower"].slug in candidates and scattered.slug not in candidates


def test_renaming_links_articles_naming_the_new_alias(client, auth, db):
    article = make_article(title="Tin", body="Thứ trưởng Hoàng Văn Ba Lăng phát biểu tại hội nghị.")
    send(client, "post", "/api/v1/people", {"name": "Nguyễn Văn Tư", "slug": "nvt"}, auth)
    assert not ArticlePerson.objects.filter(person__slug="nvt").exists()
    status, data = send(
        client, "patch", "/api/v1/people/nvt", {"aliases": ["Hoàng Văn Ba Lăng"]}, auth
    )
    assert status == 200 and data["relinked"] == 1
    row = ArticlePerson.objects.get(person__slug="nvt")
    assert row.article_id == article.pk and row.role == "Thứ trưởng"
    # A change that brings no new name relinks nothing.
    status, data = send(client, "patch", "/api/v1/people/nvt", {"description": "x"}, auth)
    assert data["status"] == "updated" and data["relinked"] == 0


def test_new_event_and_country_alias_link_their_articles(client, auth, db):
    article = make_article(
        title="Diễn tập", body="Diễn tập Lá chắn số 2026 quy tụ đội tuyển của Xứ sở sương mù."
    )
    status, data = send(
        client, "post", "/api/v1/events", {"title": "Diễn tập Lá chắn số 2026"}, auth
    )
    assert status == 201 and data["relinked"] == 1
    assert ArticleEvent.objects.filter(article=article, event__slug=data["slug"]).exists()
    status, data = send(
        client, "patch", "/api/v1/countries/gb", {"aliases": ["Xứ sở sương mù"]}, auth
    )
    assert data["relinked"] == 1
    assert ArticleCountry.objects.filter(article=article, country_id="GB").exists()


def test_longest_name_still_wins(client, auth, db):
    """A new short name inside a longer curated one is not counted there, as at ingest."""
    article = make_article(title="Tin", body="Bộ Nội vụ Ấn Độ ký kết. Cục Nội vụ có mặt.")
    status, data = send(client, "post", "/api/v1/organisations", {"name": "Nội vụ Ấn"}, auth)
    assert status == 201 and data["relinked"] == 0
    assert not ArticleOrganisation.objects.filter(
        article=article, organisation__slug=data["slug"]
    ).exists()


def test_existing_mentions_are_kept_and_only_raised(client, auth, db):
    article = make_article(title="Tin", body="Cục An ninh mạng. Cục An ninh mạng. CANM.")
    org = Organisation.objects.create(name="Cục An ninh mạng", slug="canm-test")
    ArticleOrganisation.objects.create(article=article, organisation=org, count=5)
    interpol = ArticleOrganisation.objects.create(
        article=article, organisation=Organisation.objects.get(slug="interpol"), count=1
    )
    status, data = send(
        client, "patch", "/api/v1/organisations/canm-test", {"acronym": "CANM"}, auth
    )
    assert status == 200 and data["relinked"] == 0  # 3 found, 5 recorded: not lowered
    assert ArticleOrganisation.objects.get(article=article, organisation=org).count == 5
    assert ArticleOrganisation.objects.filter(pk=interpol.pk).exists()  # other links untouched


def test_limit_leaves_the_rest_to_the_relink_command(client, auth, articles):
    with override_settings(API_RELINK_LIMIT=1):
        status, data = send(
            client, "post", "/api/v1/organisations", {"name": NCSC, "slug": "ncsc"}, auth
        )
    assert status == 201 and data["relinked"] == 1 and data["relink_complete"] is False
    assert list(org_mentions("ncsc")) == [articles["unaccented"].slug]  # the newest first
    out = io.StringIO()
    call_command("relink", "organisation", "ncsc", stdout=out)
    assert "2 candidate articles, 1 linked" in out.getvalue()
    assert set(org_mentions("ncsc")) == {articles["named"].slug, articles["unaccented"].slug}
