"""The ingest command over real PostgreSQL: seeds in, clean records out, idempotent, safe."""

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from archive.models import Article
from tests.conftest import SEED_000, SEED_002, SEEDS


def run_ingest(*paths) -> tuple[str, str, CommandError | None]:
    out, err = StringIO(), StringIO()
    try:
        call_command("ingest", *map(str, paths), stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


def test_seeds_are_articles_with_exact_titles(seed_000, seed_002):
    assert seed_000.title == (
        "Tăng cường hợp tác quốc tế về phòng, chống tội phạm sử dụng công nghệ cao"
    )
    assert seed_002.title == (
        "Bộ trưởng Bộ Công an tham dự Hội nghị thượng đỉnh về an ninh biên giới tại Anh"
    )
    assert seed_000.language == seed_002.language == "vi"


def test_raw_capture_is_kept_verbatim_with_its_sha256(seed_000, seed_002):
    for article, path in ((seed_000, SEED_000), (seed_002, SEED_002)):
        raw = path.read_bytes()
        assert bytes(article.raw) == raw
        assert article.raw_sha256 == hashlib.sha256(raw).hexdigest()


def test_published_date_only_when_the_capture_states_one(seed_000, seed_002):
    assert seed_000.published_on is None
    assert seed_000.published_at is None
    assert seed_000.captured_on.isoformat() == "2024-11-24"
    assert seed_002.published_on.isoformat() == "2025-04-01"
    local = seed_002.published_at.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Ho_Chi_Minh"))
    assert (local.hour, local.minute) == (7, 51)


def test_sources_and_credits(seed_000, seed_002):
    assert seed_000.source.slug == "bao-cand"
    assert seed_000.editors == ["Mai Loan"]
    assert seed_002.source.slug == "dang-cong-san"
    assert seed_002.authors == ["Phong Hà"]
    assert seed_002.source_note == "Theo Phong Hà/TTXVN"


def test_bodies_are_free_of_chrome(seed_000, seed_002):
    for article in (seed_000, seed_002):
        text = "\n".join([article.title, article.lede, article.body])
        for chrome in (
            "Sign In",
            "Gửi cho bạn bè",
            "left center right del",
            "Tag:",
            "File đính kèm",
            "ĐOÀN KẾT",
            "(Ảnh: TTXVN)",
        ):
            assert chrome not in text
    assert len(seed_002.captions) == 2


def test_ingest_twice_changes_nothing(db):
    before = list(Article.objects.values_list("id", "raw_sha256", "updated_at"))
    out, _, error = run_ingest(SEEDS)
    assert error is None
    assert "0 added, 0 updated, 2 unchanged, 0 failed" in out
    assert list(Article.objects.values_list("id", "raw_sha256", "updated_at")) == before


def test_bad_files_are_reported_and_good_ones_still_go_in(db, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "latin1.txt").write_bytes("Tiêu đề".encode("utf-16-le") + b"\xff\xfe")
    good = tmp_path / "good.txt"
    good.write_text(
        "Trang chủ | Tin tức | Quốc tế\n"
        "Interpol và Bộ Công an phối hợp triệt phá đường dây lừa đảo trực tuyến\n"
        "14/02/2025, 10:05\n"
        "Cơ quan chức năng Việt Nam và INTERPOL đã phối hợp điều tra một đường dây lừa đảo "
        "trực tuyến xuyên quốc gia với hàng trăm nạn nhân ở nhiều nước trong khu vực.\n"
        "Chia sẻ\n",
        encoding="utf-8",
    )
    out, err, error = run_ingest(tmp_path)
    assert error is not None and "3 of 4 inputs failed" in str(error)
    assert f"{tmp_path / 'empty.txt'}: empty file" in err
    assert f"{tmp_path / 'binary.txt'}: binary content" in err
    assert f"{tmp_path / 'latin1.txt'}: " in err
    assert "1 added" in out
    article = Article.objects.get(raw_name=str(good))
    assert article.title.startswith("Interpol và Bộ Công an")
    assert article.published_on.isoformat() == "2025-02-14"
    assert "Chia sẻ" not in article.body + article.lede
    assert set(article.organisations.values_list("slug", flat=True)) >= {"interpol", "bo-cong-an"}


def test_missing_path_is_an_error(db, tmp_path):
    _, err, error = run_ingest(tmp_path / "nope.txt")
    assert error is not None
    assert "nope.txt: no such file or folder" in err


def test_a_failing_document_leaves_nothing_behind(db, tmp_path, monkeypatch):
    """Each document is its own transaction: a failure while linking rolls the article back."""
    from archive.ingest import service

    capture = tmp_path / "one.txt"
    capture.write_text(
        "Hội nghị quốc tế về an ninh mạng khai mạc tại Hà Nội với nhiều đại biểu\n"
        "Các đại biểu đến từ nhiều quốc gia đã thảo luận về hợp tác phòng, chống tội phạm mạng "
        "và chia sẻ kinh nghiệm điều tra trong bối cảnh tội phạm xuyên quốc gia gia tăng.\n",
        encoding="utf-8",
    )

    def explode(article, matcher, registry):
        raise RuntimeError("linking failed")

    monkeypatch.setattr(service, "entity_links", explode)
    with pytest.raises(RuntimeError):
        service.Ingester().ingest_text(raw=capture.read_bytes(), name=str(capture))
    assert not Article.objects.filter(raw_name=str(capture)).exists()
    # The command reports such a failure with the path and carries on.
    _, err, error = run_ingest(capture, SEED_000)
    assert f"{capture}: RuntimeError: linking failed" in err
    assert error is not None and "1 of 2 inputs failed" in str(error)
