"""The bulk path (batches, no per-row round trips) and near-duplicates linked as one story."""

import pytest
from django.db import connection

from archive.ingest import service
from archive.ingest.formats import Document
from archive.ingest.similar import bands, jaccard, shingles
from archive.models import Article, ArticleBand, Person, Story
from tests.ingest.make_golden import CAPTURES
from tests.ingest.test_ingest import run_ingest

CAND = (CAPTURES / "vi_cand_style.txt").read_text("utf-8")
# The same story as another outlet carried it: its own chrome, headline, date and credit,
# one sentence added and one word changed.
SAME_STORY = (
    "VietnamPlus\n"
    "Chính trị | Kinh tế | Xã hội | Thế giới\n"
    "Bộ Công an tăng cường hợp tác với ASEANAPOL\n"
    "05/01/2024 10:30\n"
    + "\n".join(
        line.replace("đánh giá cao", "đánh giá rất cao") for line in CAND.splitlines()[7:12]
    )
    + "\nBuổi tiếp diễn ra trong không khí cởi mở, thân tình.\n"
    "Theo TTXVN\n"
)


def document(text: str, name: str) -> Document:
    return Document(raw=text.encode(), name=name, format="text")


def generated(number: int) -> str:
    """A distinct article naming curated entities (no new ones), for batch tests."""
    return (
        f"Hội nghị hợp tác phòng chống tội phạm mạng lần thứ {number} tại Hà Nội\n"
        f"0{1 + number % 9}/03/2024 08:00\n"
        f"Bộ Công an và Interpol phối hợp điều tra vụ án số {number} liên quan đến lừa đảo "
        f"trực tuyến xuyên quốc gia, với sự tham gia của cảnh sát Việt Nam, Nhật Bản và Úc.\n"
        f"Đại tướng Lương Tam Quang đề nghị các nước chia sẻ thông tin về vụ việc thứ {number} "
        f"và tăng cường năng lực điều tra chứng cứ điện tử cho lực lượng chức năng.\n"
    )


def test_shingle_similarity_tells_same_story_from_another():
    same = jaccard(shingles(CAND), shingles(SAME_STORY))
    other = jaccard(shingles(CAND), shingles((CAPTURES / "vi_vov_style.txt").read_text()))
    assert same > 0.5 > 0.05 > other
    assert bands(shingles("quá ngắn")) == []


@pytest.mark.parametrize("batch_size", ["1", "500"])
def test_same_story_from_two_outlets_is_two_articles_in_one_story(db, tmp_path, batch_size):
    (tmp_path / "cand.txt").write_text(CAND, "utf-8")
    (tmp_path / "vnplus.txt").write_text(SAME_STORY, "utf-8")
    (tmp_path / "vov.txt").write_text((CAPTURES / "vi_vov_style.txt").read_text(), "utf-8")
    out, err, error = run_ingest(tmp_path, "--batch-size", batch_size)
    assert error is None, err
    assert out.startswith("3 added")
    cand = Article.objects.get(raw_name=str(tmp_path / "cand.txt"))
    vnplus = Article.objects.get(raw_name=str(tmp_path / "vnplus.txt"))
    vov = Article.objects.get(raw_name=str(tmp_path / "vov.txt"))
    assert cand.pk != vnplus.pk and cand.story_id is not None
    assert cand.story_id == vnplus.story_id
    assert vov.story_id is None
    assert Story.objects.get(pk=cand.story_id).articles.count() == 2


def test_bulk_path_matches_one_by_one_and_reports_every_document(db):
    ingester = service.Ingester()
    docs = [document(generated(n), f"gen-{n}.txt") for n in range(12)]
    docs.insert(3, document("", "empty.txt"))
    docs.insert(6, docs[0])  # the same capture twice in one batch
    results = list(ingester.ingest_many(docs, batch_size=5))
    assert [doc.name for doc, _ in results] == [doc.name for doc in docs]
    statuses = [result.status for _, result in results]
    assert statuses.count("added") == 12
    assert statuses.count("failed") == 1 and statuses[3] == "failed"
    assert statuses[6] == "unchanged"
    bulk = Article.objects.get(raw_name="gen-7.txt")
    assert bulk.published_on.isoformat() == "2024-03-08"
    assert set(bulk.organisations.values_list("slug", flat=True)) >= {"bo-cong-an", "interpol"}
    assert set(bulk.countries.values_list("code", flat=True)) >= {"VN", "JP", "AU"}
    assert bulk.person_mentions.get().role == "Đại tướng"
    # The same document through the one-by-one path gives the same record.
    single = service.Ingester().ingest(document(generated(100), "one.txt")).article
    assert single.title.endswith("lần thứ 100 tại Hà Nội")
    assert list(single.organisations.values_list("slug", flat=True)) == list(
        bulk.organisations.values_list("slug", flat=True)
    )


def test_bulk_path_queries_do_not_grow_with_the_batch(db, django_assert_max_num_queries):
    ingester = service.Ingester()
    list(ingester.ingest_many([document(generated(n), f"warm-{n}") for n in range(3)]))
    # 14: the batch's queries, and the savepoint of the new records' own transaction.
    with django_assert_max_num_queries(14):
        small = list(
            ingester.ingest_many([document(generated(n), f"a-{n}") for n in range(10, 15)])
        )
    with django_assert_max_num_queries(14):
        large = list(
            ingester.ingest_many([document(generated(n), f"b-{n}") for n in range(20, 80)])
        )
    assert {r.status for _, r in small + large} == {"added"}


def test_a_batch_that_fails_falls_back_to_one_transaction_per_document(db, monkeypatch):
    real = service.entity_links

    def fails_for_one(article, matcher, registry, discovered=None):
        if "lần thứ 2 " in article.title:
            raise RuntimeError("linking failed")
        return real(article, matcher, registry, discovered)

    monkeypatch.setattr(service, "entity_links", fails_for_one)
    docs = [document(generated(n), f"gen-{n}.txt") for n in range(5)]
    results = list(service.Ingester().ingest_many(docs, batch_size=10))
    assert [r.status for _, r in results] == ["added", "added", "failed", "added", "added"]
    assert "RuntimeError: linking failed" in results[2][1].error
    assert not Article.objects.filter(raw_name="gen-2.txt").exists()
    assert Article.objects.filter(raw_name__startswith="gen-").count() == 4


@pytest.fixture
def seeds_reloaded_afterwards(django_db_blocker):
    """For a test that commits (forked workers cannot see a test's open transaction): the
    database is emptied after it, so the session's entities and seeds are loaded again. Ask
    for it before `transactional_db`, so that it is torn down after the emptying."""
    yield
    from django.core.management import call_command

    from tests.conftest import SEEDS

    with django_db_blocker.unblock():
        call_command("load_entities", verbosity=0)
        call_command("ingest", str(SEEDS), verbosity=0)


def test_parallel_workers_ingest_every_file_once_and_report_bad_ones(
    seeds_reloaded_afterwards, transactional_db, tmp_path
):
    """`--workers 2`: forked processes, each with its own connection, write committed batches;
    the counts, the errors (with the file's path) and idempotency are those of one process."""
    before = Article.objects.count()
    for number in range(40):
        (tmp_path / f"{number:03d}.txt").write_text(generated(number), "utf-8")
    # Two processes discover the same new person at once: one creates, the other reuses.
    for number in (40, 41):
        (tmp_path / f"{number:03d}.txt").write_text(
            generated(number) + "Thiếu tướng Hoàng Văn Mới phát biểu tại hội nghị lần thứ "
            f"{number} về hợp tác quốc tế trong điều tra tội phạm mạng xuyên biên giới.\n",
            "utf-8",
        )
    (tmp_path / "empty.txt").write_text("", "utf-8")
    out, err, error = run_ingest(tmp_path, "--workers", "2", "--batch-size", "4")
    assert str(error) == "1 of 43 inputs failed"
    assert out.startswith("42 added, 0 updated, 0 unchanged, 1 failed")
    assert f"error: {tmp_path / 'empty.txt'}: " in err
    assert Article.objects.count() == before + 42
    assert Article.objects.filter(person_mentions__person__name="Hoàng Văn Mới").count() == 2
    assert Person.objects.filter(name="Hoàng Văn Mới").count() == 1

    out, _, _ = run_ingest(tmp_path, "--workers", "2", "--batch-size", "4")
    assert out.startswith("0 added, 0 updated, 42 unchanged, 1 failed")
    assert Article.objects.count() == before + 42


def test_bands_go_with_their_article_and_leftovers_are_skipped(db):
    """Band rows have no foreign key: Django deletes them with their article, and the rows of
    an article deleted behind Django's back are skipped by the near-duplicate lookup."""
    ingester = service.Ingester()
    [(_, result)] = ingester.ingest_many([document(generated(1), "a")])
    assert ArticleBand.objects.filter(article_id=result.article.pk).exists()
    result.article.delete()
    assert not ArticleBand.objects.filter(article_id=result.article.pk).exists()

    [(_, kept)] = ingester.ingest_many([document(generated(2), "b")])
    with connection.cursor() as cursor:
        for table in MENTION_TABLES:
            cursor.execute(f"DELETE FROM {table} WHERE article_id = %s", [kept.article.pk])
        cursor.execute("DELETE FROM archive_article WHERE id = %s", [kept.article.pk])
    assert ArticleBand.objects.filter(article_id=kept.article.pk).exists()
    [(_, again)] = ingester.ingest_many([document(generated(2), "b-again")])  # its bands again
    assert again.status == "added"


MENTION_TABLES = [
    "archive_articleperson",
    "archive_articleorganisation",
    "archive_articlecountry",
    "archive_articleevent",
]
