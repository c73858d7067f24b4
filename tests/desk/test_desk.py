"""The curation desk: staff only; accept, edit, reject and merge, each recorded; merged slugs
redirect; unreviewed suspects get no public page; the entity file never reverts the desk."""

import json
from io import StringIO

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.management import call_command

from archive.models import (
    Article,
    ArticlePerson,
    Event,
    EventParticipant,
    EventReport,
    Organisation,
    Person,
    Role,
    SlugRedirect,
)


@pytest.fixture
def curator(client, db):
    user = get_user_model().objects.create_user("curator", password="x", is_staff=True)
    client.force_login(user)
    return user


def article(slug: str, body: str) -> Article:
    return Article.objects.create(
        title=slug, slug=slug, body=body, raw=body.encode(), raw_sha256=f"desk-{slug}"
    )


def last_action() -> dict:
    entry = LogEntry.objects.order_by("-action_time", "-id").first()
    return {
        "user": entry.user.username,
        "repr": entry.object_repr,
        **json.loads(entry.change_message),
    }


def test_the_queue_is_for_staff_only(client, db):
    response = client.get("/desk/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    user = get_user_model().objects.create_user("reader", password="x")
    client.force_login(user)
    assert client.get("/desk/").status_code == 302


def test_the_queue_lists_unreviewed_records_and_accepting_is_recorded(client, curator):
    person = Person.objects.create(name="Trần Văn Mới", slug="tran-van-moi", reviewed=False)
    event = Event.objects.create(
        title="Bàn giao", slug="ban-giao-x", kind="handover", reviewed=False
    )
    page = client.get("/desk/").content.decode()
    assert "Trần Văn Mới" in page and "ban-giao-x" in page
    assert client.post("/desk/person/tran-van-moi/accept/").status_code == 302
    person.refresh_from_db()
    assert person.reviewed
    assert last_action() == {"user": "curator", "repr": "Trần Văn Mới", "desk": "accepted"}
    assert client.post("/desk/event/ban-giao-x/reject/").status_code == 302
    assert not Event.objects.filter(pk=event.pk).exists()
    assert last_action()["desk"] == "rejected" and last_action()["slug"] == "ban-giao-x"
    assert client.get("/desk/event/nothing/accept/").status_code == 405  # POST only


def test_an_edit_through_the_desk_is_recorded_and_survives_load_entities(client, curator):
    response = client.post(
        "/desk/organisation/c50/edit/",
        {
            "name": "Cục C50 (tên mới)",
            "name_en": "",
            "acronym": "C50",
            "aliases": "",
            "kind": "police",
            "country": "VN",
            "description": "",
        },
    )
    assert response.status_code == 302, response.content
    assert Organisation.objects.get(slug="c50").name == "Cục C50 (tên mới)"
    assert last_action()["desk"] == "edited" and "name" in last_action()["fields"]
    call_command("load_entities", stdout=StringIO())
    assert Organisation.objects.get(slug="c50").name == "Cục C50 (tên mới)"


def test_merging_two_people_moves_everything_and_leaves_a_redirect(client, curator):
    keep = Person.objects.get(slug="luong-tam-quang")
    drop = Person.objects.create(
        name="Luong Tam Quang", slug="luong-tam-quang-2", aliases=["Gen. Quang"], reviewed=False
    )
    both = article("both", "Luong Tam Quang và Lương Tam Quang")
    only_drop = article("only-drop", "Luong Tam Quang")
    ArticlePerson.objects.create(article=both, person=keep, count=1)
    ArticlePerson.objects.create(article=both, person=drop, count=2, role="Đại tướng")
    ArticlePerson.objects.create(article=only_drop, person=drop, count=1)
    Role.objects.create(person=drop, title="Bộ trưởng", start_year=2024)
    event = Event.objects.create(title="Thăm", slug="tham-x", kind="visit", reviewed=False)
    EventParticipant.objects.create(event=event, role="visitor", person=drop)
    event.participant_people.add(drop)
    EventReport.objects.create(event=event, article=only_drop)
    roles_before = keep.roles.count()

    response = client.post("/desk/person/luong-tam-quang-2/merge/", {"into": "luong-tam-quang"})
    assert response.status_code == 302
    assert not Person.objects.filter(slug="luong-tam-quang-2").exists()
    keep.refresh_from_db()
    assert keep.mentions.get(article=both).count == 3
    assert keep.mentions.filter(article=only_drop).exists()
    assert keep.roles.count() == roles_before + 1
    assert "Gen. Quang" in keep.aliases
    assert EventParticipant.objects.filter(event=event, person=keep, role="visitor").exists()
    assert list(event.participant_people.all()) == [keep]
    assert SlugRedirect.objects.get(kind="person", old_slug="luong-tam-quang-2").new_slug == (
        "luong-tam-quang"
    )
    old = client.get("/people/luong-tam-quang-2/")
    assert old.status_code == 301 and old["Location"] == "/people/luong-tam-quang/"
    assert last_action()["desk"] == "merged" and last_action()["from"] == "luong-tam-quang-2"
    # The entity file does not bring a merged slug back.
    call_command("load_entities", stdout=StringIO())
    assert not Person.objects.filter(slug="luong-tam-quang-2").exists()


def test_merging_a_curated_record_away_keeps_it_away_from_load_entities(client, curator):
    keep = Person.objects.create(name="Phan Van Vinh", slug="pvv", reviewed=True)
    client.post("/desk/person/phan-van-vinh/merge/", {"into": keep.slug})
    call_command("load_entities", stdout=StringIO())
    assert not Person.objects.filter(slug="phan-van-vinh").exists()
    assert client.get("/people/phan-van-vinh/")["Location"] == "/people/pvv/"


def test_merging_two_events_moves_reports_and_participants(client, curator):
    keep = Event.objects.create(title="A", slug="ev-a", kind="handover", reviewed=False)
    drop = Event.objects.create(title="B", slug="ev-b", kind="handover", reviewed=False)
    EventParticipant.objects.create(event=drop, role="sender", country_id="KH")
    EventReport.objects.create(event=drop, article=article("rep", "x"), evidence="x")
    client.post("/desk/event/ev-b/merge/", {"into": "ev-a"})
    assert keep.reports.count() == 1
    assert {c.code for c in keep.participant_countries.all()} == {"KH"}
    assert client.get("/events/ev-b/").status_code == 301


def test_a_merge_into_itself_or_nowhere_is_refused(client, curator):
    client.post("/desk/person/le-quy-vuong/merge/", {"into": "le-quy-vuong"})
    assert Person.objects.filter(slug="le-quy-vuong").exists()
    client.post("/desk/person/le-quy-vuong/merge/", {"into": "nobody"})
    assert Person.objects.filter(slug="le-quy-vuong").exists()


def test_an_unreviewed_suspect_has_no_public_page_until_accepted(client, curator):
    person = Person.objects.create(name="Nguyễn Văn Tình", slug="nguyen-van-tinh", reviewed=False)
    ArticlePerson.objects.create(
        article=article("truy-na", "Công an bắt đối tượng Nguyễn Văn Tình bị truy nã."),
        person=person,
    )
    client.logout()
    # Lists first: the flag is not set yet, and the person is still not listed.
    names = {p["slug"] for p in client.get("/api/v1/people?page_size=100").json()["items"]}
    assert "nguyen-van-tinh" not in names
    assert "nguyen-van-tinh" not in client.get("/people/").content.decode()
    assert client.get("/people/nguyen-van-tinh/").status_code == 404
    assert client.get("/api/v1/people/nguyen-van-tinh").status_code == 404
    person.refresh_from_db()
    assert person.suspect
    client.force_login(curator)
    assert "named as a suspect" in client.get("/desk/").content.decode()
    client.post("/desk/person/nguyen-van-tinh/accept/")
    client.logout()
    assert client.get("/people/nguyen-van-tinh/").status_code == 200
    assert "nguyen-van-tinh" in client.get("/people/").content.decode()


def test_an_unreviewed_official_with_a_rank_keeps_a_marked_page(client, db):
    person = Person.objects.create(name="Trần Quốc Tỏ", slug="tran-quoc-to", reviewed=False)
    ArticlePerson.objects.create(
        article=article("to", "Thượng tướng Trần Quốc Tỏ tiếp đoàn."),
        person=person,
        role="Thượng tướng",
    )
    page = client.get("/people/tran-quoc-to/")
    assert page.status_code == 200 and "not yet reviewed" in page.content.decode()


def test_unreviewed_records_are_marked_on_public_pages(client, db):
    Organisation.objects.create(name="Công an tỉnh Lạng Sơn", slug="ca-lang-son", reviewed=False)
    page = client.get("/organisations/ca-lang-son/").content.decode()
    assert "not yet reviewed by a curator" in page
    assert "not yet reviewed" not in client.get("/organisations/c50/").content.decode()
