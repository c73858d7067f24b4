"""Events stored at ingest: one event for many reports, in two languages; the command."""

from io import StringIO

from django.core.management import call_command

from archive.ingest.formats import Document
from archive.ingest.service import Ingester
from archive.models import Event, EventReport

VI = (
    "Campuchia trao trả 42 công dân Việt Nam\n"
    "18/09/2022 10:00\n"
    "Chiều 18/9, tại cửa khẩu quốc tế Mộc Bài, lực lượng chức năng Campuchia đã trao trả cho "
    "phía Việt Nam 42 công dân Việt Nam bỏ trốn khỏi một sòng bạc.\n"
)
EN = (
    "Cambodia returns 42 Vietnamese who fled casino\n"
    "19/09/2022 08:00\n"
    "Cambodian authorities on Sunday handed 42 Vietnamese nationals back to Vietnam at the Moc "
    "Bai border gate, and the citizens were repatriated.\n"
)


def test_two_outlets_in_two_languages_report_one_unreviewed_event(db):
    ingester = Ingester()
    ingester.ingest(Document(raw=VI.encode(), name="vi.txt", format="text"))
    results = list(ingester.ingest_many([Document(raw=EN.encode(), name="en.txt", format="text")]))
    assert results[0][1].status == "added"
    event = Event.objects.get(kind="repatriation", start_year=2022)
    assert not event.reviewed
    assert {c.code for c in event.participant_countries.all()} == {"KH", "VN"}
    assert (event.start_month, event.start_day) == (9, 18)
    assert event.border_gate == "Mộc Bài"
    assert event.people_count == 42
    roles = {(p.role, p.country_id) for p in event.participants.filter(country__isnull=False)}
    assert roles == {("sender", "KH"), ("receiver", "VN")}
    assert EventReport.objects.filter(event=event).count() == 2


def test_the_command_reads_the_stored_archive_and_twice_changes_nothing(db):
    article = Ingester().ingest(Document(raw=VI.encode(), name="vi.txt", format="text")).article
    Event.objects.filter(reports__article=article).delete()
    out = StringIO()
    call_command("extract_events", article.slug, stdout=out)
    assert "1 articles read, 1 event reports, +1 events" in out.getvalue()
    state = sorted(EventReport.objects.values_list("event__slug", "article__slug"))
    call_command("extract_events", stdout=StringIO())
    assert sorted(EventReport.objects.values_list("event__slug", "article__slug")) == state


def test_a_reviewed_event_gains_reports_but_keeps_its_participants(db):
    Ingester().ingest(Document(raw=VI.encode(), name="vi.txt", format="text"))
    event = Event.objects.get(kind="repatriation")
    event.reviewed = True
    event.save()
    event.participants.filter(country="KH").delete()
    Ingester().ingest(Document(raw=EN.encode(), name="en.txt", format="text"))
    assert not event.participants.filter(country="KH").exists()
    assert event.reports.count() == 2


def test_the_event_index_counts_reporting_articles_and_marks_unreviewed(client, db):
    Ingester().ingest(Document(raw=VI.encode(), name="vi.txt", format="text"))
    Ingester().ingest(Document(raw=EN.encode(), name="en.txt", format="text"))
    event = Event.objects.get(kind="repatriation")
    page = client.get("/events/").content.decode()
    entry = page[page.index(event.get_absolute_url()) :]
    entry = entry[: entry.index("</li>")]
    assert "unreviewed" in entry and "2 articles" in entry
    detail = client.get(event.get_absolute_url()).content.decode()
    assert "Mộc Bài border gate" in detail and "Sender" in detail and "Receiver" in detail
    assert detail.count("<blockquote>") == 2  # both reports, with their sentences
