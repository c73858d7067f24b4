import pytest

from tests.ops.cluster import Cluster, prepare_archive


@pytest.fixture(scope="session")
def cluster():
    """A migrated archive with the seeds on a throwaway PostgreSQL at 127.0.0.1:55432."""
    pg = Cluster()
    try:
        pg.init()
        prepare_archive()
        yield pg
    finally:
        pg.destroy()
