"""`restore` that finds a capture differing from the backup's checksums keeps nothing (issue 22).

Runs pg_dump and pg_restore against the session's test database server: a backup of the test
database, restored into a second database made (and dropped) here."""

import shutil

import pytest
from django.db import connection

from archive.backup import CHECKSUMS_NAME, BackupError, archive_backup, archive_restore, connect

pytestmark = [
    pytest.mark.slow,  # pg_dump and pg_restore processes
    pytest.mark.skipif(not shutil.which("pg_restore"), reason="no pg_restore"),
]


@pytest.fixture
def empty_database(db, django_db_blocker):
    with django_db_blocker.unblock():
        target = {**connection.settings_dict, "NAME": connection.settings_dict["NAME"] + "_r"}
    admin = {**target, "NAME": "postgres"}
    with connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{target["NAME"]}" (FORCE)')
        conn.execute(f'CREATE DATABASE "{target["NAME"]}"')
    yield target
    with connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{target["NAME"]}" (FORCE)')


def _tables(db) -> int:
    with connect(db) as conn:
        query = "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
        return conn.execute(query).fetchone()[0]


def test_a_tampered_checksum_file_leaves_the_database_empty(
    empty_database, tmp_path, django_db_blocker
):
    with django_db_blocker.unblock():
        assert archive_backup(target=tmp_path / "b") == 2
    checksums = tmp_path / "b" / CHECKSUMS_NAME
    first, *rest = checksums.read_text().splitlines()
    checksums.write_text("\n".join(["0" * 64 + first[64:], *rest]) + "\n")
    with pytest.raises(BackupError, match="differ from the backup"):
        archive_restore(source=tmp_path / "b", db=empty_database)
    assert _tables(empty_database) == 0
    # ... and so a restore of the intact backup can follow.
    checksums.write_text("\n".join([first, *rest]) + "\n")
    assert archive_restore(source=tmp_path / "b", db=empty_database) == 2
    assert _tables(empty_database) > 10
    with connect(empty_database) as conn:
        assert conn.execute("SELECT count(*) FROM archive_article").fetchone()[0] == 2
