"""Write API for events (create or update by slug, partial dates, organisers and participants
by slug) and countries (names and aliases of a listed ISO code only)."""

import pytest

from archive.models import ApiWrite, Country, Event
from tests.api.factories import send

EVENT = {
    "title": "Hội thảo An ninh mạng Mê Kông",
    "slug": "mekong-cyber-workshop",
    "kind": "training",
    "starts": "XXXX-10-29",
    "ends": "XXXX-10-30",
    "city": "Hà Nội",
    "venue": "Học viện An ninh nhân dân",
    "country": "vn",
    "organisers": ["bo-cong-an"],
    "participant_organisations": ["interpol", "europol"],
    "participant_people": ["le-quy-vuong"],
    "participant_countries": ["GB", "vn"],
    "participant_count_note": "hơn 20 nước",
}


def test_event_created_with_partial_dates_place_and_links(client, auth):
    status, data = send(client, "post", "/api/v1/events", EVENT, auth)
    assert status == 201 and data["status"] == "added" and data["slug"] == "mekong-cyber-workshop"
    detail = client.get(data["url"]).json()
    assert (detail["kind"], detail["starts"], detail["ends"]) == (
        "training",
        "XXXX-10-29",
        "XXXX-10-30",
    )
    assert (detail["city"], detail["venue"], detail["country"]) == (
        "Hà Nội",
        "Học viện An ninh nhân dân",
        "VN",
    )
    assert [o["slug"] for o in detail["organisers"]] == ["bo-cong-an"]
    assert {o["slug"] for o in detail["participant_organisations"]} == {"interpol", "europol"}
    assert [p["slug"] for p in detail["participant_people"]] == ["le-quy-vuong"]
    assert {c["id"] for c in detail["participant_countries"]} == {"GB", "VN"}
    event = Event.objects.get(slug="mekong-cyber-workshop")
    assert (event.start_year, event.start_month, event.start_day) == (None, 10, 29)
    assert event.reviewed is False
    write = ApiWrite.objects.get(kind="event")
    assert (write.key.name, write.action, write.record_id, write.slug) == (
        "partner",
        "added",
        event.pk,
        event.slug,
    )


def test_event_post_again_is_unchanged_then_updates_lists(client, auth):
    send(client, "post", "/api/v1/events", EVENT, auth)
    status, data = send(client, "post", "/api/v1/events", EVENT, auth)
    assert status == 200 and data["status"] == "unchanged"
    changed = {**EVENT, "organisers": ["interpol"], "starts": "2019-10-29"}
    status, data = send(client, "post", "/api/v1/events", changed, auth)
    assert status == 200 and data["status"] == "updated"
    event = Event.objects.get(slug="mekong-cyber-workshop")
    assert [o.slug for o in event.organisers.all()] == ["interpol"]
    assert event.starts == "2019-10-29"
    assert event.city == "Hà Nội"  # left as it was
    actions = list(ApiWrite.objects.filter(kind="event").order_by("id").values_list("action"))
    assert actions == [("added",), ("unchanged",), ("updated",)]


def test_event_slug_made_from_title(client, auth):
    status, data = send(client, "post", "/api/v1/events", {"title": "Diễn tập ứng cứu sự cố"}, auth)
    assert status == 201 and data["slug"] == "dien-tap-ung-cuu-su-co"
    assert Event.objects.get(slug="dien-tap-ung-cuu-su-co").kind == "other"


@pytest.mark.parametrize(
    ("field", "value", "named"),
    [
        ("organisers", ["bo-cong-an", "no-such-org"], "no-such-org"),
        ("participant_organisations", ["ghost-agency"], "ghost-agency"),
        ("participant_people", ["nobody-at-all"], "nobody-at-all"),
        ("participant_countries", ["ZZ"], "ZZ"),
        ("country", "QQ", "QQ"),
    ],
)
def test_unknown_linked_record_is_422_naming_it_and_writes_nothing(
    client, auth, field, value, named
):
    status, data = send(client, "post", "/api/v1/events", {**EVENT, field: value}, auth)
    assert status == 422 and data["code"] == "unknown_reference"
    assert named in data["message"]
    assert not Event.objects.filter(slug=EVENT["slug"]).exists()
    assert not ApiWrite.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        {"title": ""},
        {"title": "T", "starts": "2025-02-30"},
        {"title": "T", "starts": "2025-13"},
        {"title": "T", "ends": "29/10/2025"},
        {"title": "T", "starts": "XXXX"},
        {"title": "T", "kind": "party"},
        {"title": "T", "organisers": "bo-cong-an"},
        {"title": "T", "slug": "Not A Slug"},
        {"kind": "summit"},
    ],
)
def test_bad_event_input_is_422_not_500(client, auth, payload):
    status, data = send(client, "post", "/api/v1/events", payload, auth)
    assert status == 422 and data["code"] == "invalid_parameter" and data["message"]


def test_event_write_needs_a_key(client, db):
    status, data = send(client, "post", "/api/v1/events", EVENT, {})
    assert status == 401 and data["code"] == "unauthorized"


def test_country_names_and_aliases_change_and_are_audited(client, auth):
    name_vi = Country.objects.get(code="GB").name_vi
    payload = {"code": "gb", "aliases": ["Vương quốc Anh", "Xứ sở sương mù"]}
    status, data = send(client, "post", "/api/v1/countries", payload, auth)
    assert status == 200 and data["status"] == "updated" and data["slug"] == "GB"
    country = Country.objects.get(code="GB")
    assert country.aliases == ["Vương quốc Anh", "Xứ sở sương mù"]
    assert country.name_vi == name_vi  # left as it was
    status, data = send(client, "post", "/api/v1/countries", payload, auth)
    assert data["status"] == "unchanged"
    status, data = send(client, "patch", "/api/v1/countries/gb", {"name_en": "Britain"}, auth)
    assert status == 200 and data["status"] == "updated"
    detail = client.get("/api/v1/countries/gb").json()
    assert detail["name_en"] == "Britain" and "Xứ sở sương mù" in detail["aliases"]
    audit = list(ApiWrite.objects.filter(kind="country").values_list("action", "record_id", "slug"))
    assert audit == [("updated", None, "GB"), ("unchanged", None, "GB"), ("updated", None, "GB")]


def test_countries_cannot_be_created(client, auth):
    status, data = send(client, "post", "/api/v1/countries", {"code": "QZ", "name_vi": "X"}, auth)
    assert status == 422 and data["code"] == "not_an_iso_country"
    assert "ISO 3166" in data["message"] and "QZ" in data["message"]
    assert not Country.objects.filter(code="QZ").exists()
    status, data = send(client, "patch", "/api/v1/countries/qz", {"name_vi": "X"}, auth)
    assert status == 404 and data["code"] == "not_found"
    status, data = send(client, "post", "/api/v1/countries", {"code": "GBR"}, auth)
    assert status == 422 and data["code"] == "invalid_parameter"
    status, data = send(client, "patch", "/api/v1/countries/gb", {"name_vi": None}, auth)
    assert status == 422  # a country keeps its names
    assert not ApiWrite.objects.exists()


@pytest.mark.parametrize("body", ['"AAA"', "[null, null]", "3", "{", "\x00"])
def test_a_body_that_is_not_a_json_object_is_4xx(client, auth, body):
    for method, path in [("post", "/api/v1/events"), ("patch", "/api/v1/countries/gb")]:
        response = getattr(client, method)(path, body, content_type="application/json", **auth)
        assert response.status_code in (400, 422) and response.json()["code"]
    assert not ApiWrite.objects.exists()


def test_nul_in_text_is_422_not_500(client, auth):
    events = Event.objects.count()
    status, data = send(client, "post", "/api/v1/events", {"title": "Hội\x00nghị"}, auth)
    assert status == 422 and data["code"] == "invalid_parameter"
    assert Event.objects.count() == events and not ApiWrite.objects.exists()


def test_event_participant_count_in_both_languages(client, auth):
    body = {**EVENT, "slug": "count-note-both", "participant_count_note_en": "more than 20"}
    status, _ = send(client, "post", "/api/v1/events", body, auth)
    assert status == 201
    event = Event.objects.get(slug="count-note-both")
    assert (event.participant_count_note, event.participant_count_note_en) == (
        "hơn 20 nước",
        "more than 20",
    )
