"""backup, restore into an empty database, and the fixity check."""

import psycopg
import pytest
from django.core.management import CommandError, call_command

from archive.models import Article
from tests.ops.cluster import PORT, URL, manage

RESTORED_URL = f"postgres://postgres@127.0.0.1:{PORT}/restored"
QUERIES = ["an ninh", "toi pham cong nghe cao", '"hợp tác quốc tế"', "Interpol OR UNODC"]


def snapshot(url: str) -> dict:
    """What must survive a backup: articles, raw bytes' SHA-256, links, search results."""
    with psycopg.connect(url) as conn:
        state = {
            "articles": conn.execute(
                "SELECT slug, title, body, published_on, raw_sha256, encode(sha256(raw), 'hex') "
                "FROM archive_article ORDER BY slug"
            ).fetchall(),
            "mentions": conn.execute(
                "SELECT a.slug, o.name, m.count FROM archive_articleorganisation m "
                "JOIN archive_article a ON a.id = m.article_id "
                "JOIN archive_organisation o ON o.id = m.organisation_id ORDER BY 1, 2"
            ).fetchall(),
        }
        for q in QUERIES:
            state[q] = conn.execute(
                "SELECT slug, ts_rank(search_vector, query) FROM archive_article, "
                "websearch_to_tsquery('vietnamese', %s) query WHERE search_vector @@ query "
                "ORDER BY 2 DESC, slug",
                [q],
            ).fetchall()
    return state


def test_backup_and_restore_give_an_identical_archive(cluster, tmp_path):
    target = tmp_path / "backup"
    result = manage("backup", str(target))
    assert "backed up 2 captures" in result.stdout
    assert sorted(p.name for p in target.iterdir()) == ["archive.dump", "checksums.sha256"]

    with psycopg.connect(URL, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS restored")
        conn.execute("CREATE DATABASE restored")
    try:
        result = manage("restore", str(target), url=RESTORED_URL)
        assert "restored 2 captures" in result.stdout
        original, restored = snapshot(URL), snapshot(RESTORED_URL)
        assert restored == original
        assert all(row[4] == row[5] for row in restored["articles"])
        assert restored["an ninh"] and restored["mentions"]  # the comparison compared something
        again = manage("restore", str(target), url=RESTORED_URL, check=False)
        assert again.returncode != 0 and "not empty" in again.stderr
        assert manage("verify", url=RESTORED_URL).returncode == 0
    finally:
        with psycopg.connect(URL, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS restored (FORCE)")


def test_backup_refuses_a_folder_in_use(cluster, tmp_path):
    (tmp_path / "other").write_text("x")
    result = manage("backup", str(tmp_path), check=False)
    assert result.returncode != 0 and "not empty" in result.stderr


@pytest.mark.django_db
def test_verify_passes_on_intact_captures(capsys):
    call_command("verify")
    assert "2 captures verified" in capsys.readouterr().out


@pytest.mark.django_db
def test_verify_reports_a_corrupted_capture(seed_000, capsys):
    Article.objects.filter(pk=seed_000.pk).update(
        raw=bytes(seed_000.raw).replace(b"29/10", b"28/10")
    )
    with pytest.raises(CommandError, match="1 of 2 captures fail"):
        call_command("verify")
    err = capsys.readouterr().err
    assert f"mismatch: {seed_000.slug}: stored {seed_000.raw_sha256}" in err
