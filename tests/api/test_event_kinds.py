"""Typed cooperation events through the API: kinds, roles, filters, export; and API edits that
`load_entities` never reverts."""

import json
from io import StringIO

from django.core.management import call_command

from archive.models import Event, Organisation
from tests.api.factories import send

HANDOVER = {
    "title": "Campuchia bàn giao 3 đối tượng bị truy nã",
    "slug": "kh-vn-handover-hoa-lu",
    "kind": "handover",
    "starts": "2024-10-15",
    "border_gate": "Hoa Lư",
    "people_count": 3,
    "crime": "online fraud",
    "participants": [
        {"role": "sender", "country": "KH"},
        {"role": "receiver", "country": "vn"},
        {"role": "receiver", "organisation": "bo-cong-an"},
    ],
}


def test_an_extradition_is_a_kind_now(client, auth):
    payload = {"title": "Dẫn độ đối tượng", "slug": "dan-do-kr", "kind": "extradition"}
    status, data = send(client, "post", "/api/v1/events", payload, auth)
    assert status == 201, data
    assert client.get(data["url"]).json()["kind"] == "extradition"


def test_the_old_kinds_are_read_as_the_new(client, auth):
    payload = {"title": "Summit", "slug": "old-summit", "kind": "summit"}
    assert send(client, "post", "/api/v1/events", payload, auth)[0] == 201
    assert Event.objects.get(slug="old-summit").kind == "conference"
    assert (
        client.get("/api/v1/events?kind=summit").json()["count"]
        == Event.objects.filter(kind="conference").count()
    )


def test_participants_with_roles_place_and_counts(client, auth):
    status, data = send(client, "post", "/api/v1/events", HANDOVER, auth)
    assert status == 201, data
    detail = client.get(data["url"]).json()
    roles = {(p["role"], p["kind"], p["record"]["slug"]) for p in detail["participants"]}
    assert roles == {
        ("sender", "country", "kh"),
        ("receiver", "country", "vn"),
        ("receiver", "organisation", "bo-cong-an"),
    }
    assert {c["slug"] for c in detail["participant_countries"]} == {"kh", "vn"}
    assert (detail["border_gate"], detail["people_count"], detail["crime"]) == (
        "Hoa Lư",
        3,
        "online fraud",
    )
    assert detail["reviewed"] is False


def test_an_unknown_participant_or_role_is_422(client, auth):
    bad_role = {**HANDOVER, "participants": [{"role": "thief", "country": "KH"}]}
    assert send(client, "post", "/api/v1/events", bad_role, auth)[0] == 422
    unknown = {**HANDOVER, "participants": [{"role": "sender", "country": "XX"}]}
    status, data = send(client, "post", "/api/v1/events", unknown, auth)
    assert status == 422 and "XX" in data["message"]
    two = {**HANDOVER, "participants": [{"role": "sender", "country": "KH", "person": "x"}]}
    assert send(client, "post", "/api/v1/events", two, auth)[0] == 422


def test_events_filtered_by_kind_participant_country_and_year(client, auth):
    send(client, "post", "/api/v1/events", HANDOVER, auth)
    other = {"title": "Tập huấn", "slug": "training-2023", "kind": "training", "starts": "2023"}
    send(client, "post", "/api/v1/events", other, auth)

    def slugs(query):
        response = client.get(f"/api/v1/events?{query}")
        assert response.status_code == 200, response.content
        return {item["slug"] for item in response.json()["items"]}

    assert "kh-vn-handover-hoa-lu" in slugs("kind=handover")
    assert "training-2023" not in slugs("kind=handover")
    assert slugs("participant=bo-cong-an&kind=handover") == {"kh-vn-handover-hoa-lu"}
    assert "kh-vn-handover-hoa-lu" in slugs("country=kh")
    assert slugs("year=2023&kind=training") == {"training-2023"}
    assert client.get("/api/v1/events?kind=party").status_code == 422
    assert client.get("/api/v1/events?year=abc").status_code == 422


def test_the_export_carries_events_with_roles(client, auth):
    send(client, "post", "/api/v1/events", HANDOVER, auth)
    response = client.get("/api/v1/export/events.ndjson")
    assert response.status_code == 200
    lines = [json.loads(line) for line in b"".join(response.streaming_content).splitlines()]
    [record] = [line for line in lines if line["slug"] == "kh-vn-handover-hoa-lu"]
    assert record["kind"] == "handover" and record["starts"] == "2024-10-15"
    assert {"role": "sender", "country": "KH"} in record["participants"]


def test_an_organisation_renamed_through_the_api_survives_load_entities(client, auth):
    status, _ = send(
        client, "patch", "/api/v1/organisations/c50", {"name": "Cục C50 (đổi tên)"}, auth
    )
    assert status == 200
    call_command("load_entities", stdout=StringIO())
    assert Organisation.objects.get(slug="c50").name == "Cục C50 (đổi tên)"


def test_an_event_edited_through_the_api_survives_load_entities(client, auth):
    slug = "organised-immigration-crime-summit-london-2025"
    status, _ = send(client, "patch", f"/api/v1/events/{slug}", {"city": "Luân Đôn"}, auth)
    assert status == 200
    call_command("load_entities", stdout=StringIO())
    assert Event.objects.get(slug=slug).city == "Luân Đôn"


def test_a_patched_article_is_read_for_events_again(client, auth):
    from tests.api.factories import make_article

    article = make_article(title="Tin ngắn", body="Chưa có gì.")
    body = (
        "Ngày 2/11, tại cửa khẩu Hữu Nghị, Công an tỉnh Lạng Sơn đã bàn giao 5 đối tượng "
        "người Trung Quốc cho Công an Trung Quốc."
    )
    status, _ = send(client, "patch", f"/api/v1/articles/{article.slug}", {"body": body}, auth)
    assert status == 200
    [report] = article.event_reports.select_related("event")
    assert report.event.kind == "handover" and report.event.border_gate == "Hữu Nghị"
    detail = client.get(f"/api/v1/articles/{article.slug}").json()
    assert [e["slug"] for e in detail["reported_events"]] == [report.event.slug]
