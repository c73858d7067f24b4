"""Read endpoints: every list and detail, filters, sorts, page numbers and cursors, errors."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from archive.models import Article, Source
from tests.api.factories import make_article


def get(client, path, **params):
    response = client.get(path, params)
    return response.status_code, response.json()


def slugs(data):
    return [item["slug"] for item in data["items"]]


@pytest.mark.parametrize(
    ("path", "detail", "key"),
    [
        ("/api/v1/organisations", "/api/v1/organisations/c50", "slug"),
        ("/api/v1/people", "/api/v1/people/luong-tam-quang", "slug"),
        ("/api/v1/sources", "/api/v1/sources/dang-cong-san", "slug"),
        ("/api/v1/countries", "/api/v1/countries/vn", "code"),
    ],
)
def test_each_list_and_detail(client, db, path, detail, key):
    status, data = get(client, path, page_size=100)
    assert status == 200 and data["count"] >= 3 and len(data["items"]) == min(100, data["count"])
    status, one = get(client, detail)
    assert status == 200
    assert one[key].lower() == detail.rsplit("/", 1)[1]
    assert one["articles"].startswith("http://testserver/api/v1/articles?")
    status, listed = get(client, one["articles"].replace("http://testserver", ""))
    assert status == 200 and listed["count"] == one["article_count"] >= 1


def test_event_list_and_detail(client, db):
    status, data = get(client, "/api/v1/events")
    assert status == 200
    assert [e["starts"] for e in data["items"]] == ["2025-03-31", "XXXX-10-29"]  # undated last
    status, event = get(client, f"/api/v1/events/{data['items'][0]['slug']}")
    assert status == 200 and event["title"] == data["items"][0]["title"]
    assert all({"id", "name", "url"} <= set(ref) for ref in event["participant_countries"])


def test_organisation_detail_embeds_hierarchy(client, db):
    status, c50 = get(client, "/api/v1/organisations/c50")
    assert status == 200
    assert c50["parent_ref"]["slug"] == "tong-cuc-vi"
    assert c50["parent_ref"]["url"] == "http://testserver/organisations/tong-cuc-vi/"
    assert c50["successor_ref"]["slug"] == "a05"
    status, tcvi = get(client, "/api/v1/organisations/tong-cuc-vi")
    assert "c50" in [child["slug"] for child in tcvi["children"]]


def test_person_detail_has_roles(client, db):
    status, person = get(client, "/api/v1/people/luong-tam-quang")
    assert status == 200 and person["name"] == "Lương Tam Quang"
    assert person["roles"] and all("title" in role for role in person["roles"])
    assert person["article_count"] == 1


def test_article_detail_carries_updated_at_and_refs(client, seed_002):
    status, data = get(client, f"/api/v1/articles/{seed_002.slug}")
    assert status == 200 and data["updated_at"]
    assert {"GB", "VN"} == {c["id"] for c in data["countries"]}
    assert all(c["url"].startswith("http://testserver/countries/") for c in data["countries"])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "GB"}, 1),
        ({"country": "gb"}, 1),
        ({"person": "luong-tam-quang"}, 1),
        ({"person": "no-such-person"}, 0),
        ({"source": "dang-cong-san"}, 1),
        ({"language": "vi"}, 2),
        ({"language": "en"}, 0),
        ({"published_after": "2025-04-01"}, 1),
        ({"published_after": "2025-04-02"}, 0),
        ({"published_before": "2025-03-31"}, 0),
    ],
)
def test_article_filters(client, db, params, expected):
    status, data = get(client, "/api/v1/articles", **params)
    assert status == 200
    assert data["count"] == expected == len(data["items"])


def test_updated_since_for_incremental_mirroring(client, db):
    before = timezone.now()
    new = make_article(title="Bài mới")
    _status, data = get(
        client, "/api/v1/articles", updated_since=before.isoformat(), sort="updated"
    )
    assert slugs(data) == [new.slug]


def test_sorts_are_total_with_undated_last(client, db):
    for _ in range(2):
        make_article(published_on=None)
    same_day = [make_article(published_on=date(2020, 1, 1)) for _ in range(2)]
    undated = list(Article.objects.filter(published_on=None).order_by("id"))
    assert len(undated) == 3  # one seed has no year, so no publication date
    undated_slugs = [a.slug for a in undated]
    _status, newest = get(client, "/api/v1/articles", page_size=100)
    assert slugs(newest)[-3:] == undated_slugs[::-1]  # undated last, ties by id descending
    assert slugs(newest)[-5:-3] == [same_day[1].slug, same_day[0].slug]
    _status, oldest = get(client, "/api/v1/articles", sort="oldest", page_size=100)
    assert slugs(oldest)[:2] == [same_day[0].slug, same_day[1].slug]
    assert slugs(oldest)[-3:] == undated_slugs


@pytest.mark.parametrize("sort", ["newest", "oldest", "updated", "id"])
def test_cursor_paging_never_skips_or_repeats_while_records_are_added(client, db, sort):
    day = date(2024, 6, 1)
    for i in range(7):  # dated, same-day ties, undated: every branch of the keyset
        make_article(published_on=None if i % 3 == 0 else day - timedelta(days=i // 2))
    expected = {a.slug for a in Article.objects.all()}
    seen: list[str] = []
    status, page = get(client, "/api/v1/articles", sort=sort, page_size=2, cursor="")
    for round in range(100):
        assert status == 200
        seen += slugs(page)
        if round < 3:  # records land everywhere in the order while the client pages
            make_article(published_on=day + timedelta(days=30))
            make_article(published_on=None)
        if not page["next"]:
            break
        assert "cursor=" in page["next"] and "page=" not in page["next"]
        status, page = get(client, page["next"].replace("http://testserver", ""))
    assert len(seen) == len(set(seen))  # nothing twice
    assert expected <= set(seen)  # nothing that was there at the start is skipped


def test_cursor_previous_link_returns_the_same_page(client, db):
    for _ in range(5):
        make_article(published_on=None)
    _status, first = get(client, "/api/v1/articles", page_size=3, cursor="")
    assert first["previous"] is None
    _status, second = get(client, "/api/v1/articles", page_size=3, cursor=first["next_cursor"])
    _status, back = get(client, "/api/v1/articles", page_size=3, cursor=second["previous_cursor"])
    assert slugs(back) == slugs(first)


def test_page_mode_offers_a_cursor_for_the_next_page(client, db):
    make_article()
    _status, first = get(client, "/api/v1/articles", page_size=1)
    _status, by_page = get(client, "/api/v1/articles", page_size=1, page=2)
    _status, by_cursor = get(client, "/api/v1/articles", page_size=1, cursor=first["next_cursor"])
    assert slugs(by_page) == slugs(by_cursor)


def test_entity_lists_page_by_cursor(client, db):
    names = []
    _status, page = get(client, "/api/v1/organisations", page_size=7, cursor="")
    while True:
        names += [item["name"] for item in page["items"]]
        if not page["next_cursor"]:
            break
        _status, page = get(
            client, "/api/v1/organisations", page_size=7, cursor=page["next_cursor"]
        )
    assert len(names) == page["count"] == len(set(names))
    assert names == sorted(names, key=lambda n: n)  # by name (ties by id)


@pytest.mark.parametrize(
    ("path", "params", "status_code", "code"),
    [
        ("/api/v1/articles", {"sort": "sideways"}, 422, "invalid_parameter"),
        ("/api/v1/articles", {"page": -1}, 422, "invalid_parameter"),
        ("/api/v1/articles", {"page": 0}, 422, "invalid_parameter"),
        ("/api/v1/articles", {"published_after": "2025-13-45"}, 422, "invalid_parameter"),
        ("/api/v1/articles", {"updated_since": "yesterday"}, 422, "invalid_parameter"),
        ("/api/v1/articles", {"page_size": 101}, 422, "invalid_parameter"),
        ("/api/v1/articles", {"cursor": "not a cursor"}, 400, "bad_cursor"),
        ("/api/v1/articles", {"cursor": "WyJvbGRlc3QiLCJuZXh0IixbbnVsbCwxXV0"}, 400, "bad_cursor"),
        ("/api/v1/organisations", {"cursor": "W10"}, 400, "bad_cursor"),
        ("/api/v1/articles/no-such-slug", {}, 404, "not_found"),
        ("/api/v1/organisations/no-such-slug", {}, 404, "not_found"),
        ("/api/v1/people/no-such-slug", {}, 404, "not_found"),
        ("/api/v1/events/no-such-slug", {}, 404, "not_found"),
        ("/api/v1/countries/zz", {}, 404, "not_found"),
        ("/api/v1/sources/no-such-slug", {}, 404, "not_found"),
    ],
)
def test_bad_requests_are_json_4xx(client, db, path, params, status_code, code):
    status, data = get(client, path, **params)
    assert status == status_code
    assert data["code"] == code and data["message"]


def test_a_cursor_for_another_sort_is_refused(client, db):
    make_article()
    status, page = get(client, "/api/v1/articles", page_size=1, sort="oldest", cursor="")
    status, data = get(client, "/api/v1/articles", sort="newest", cursor=page["next_cursor"])
    assert status == 400 and "sort=oldest" in data["message"]


def test_source_list_counts(client, db):
    _status, data = get(client, "/api/v1/sources")
    assert data["count"] == Source.objects.count()
