import pytest

from tests.ops.cluster import Cluster, prepare_archive


@pytest.fixture(scope="session")
def cluster():
    """A migrated archive with the seeds on a throwaway PostgreSQL on a free port."""
    pg = Cluster()
    try:
        pg.init()
        prepare_archive()
        yield pg
    finally:
        pg.destroy()
