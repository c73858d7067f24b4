"""An article's long values compressed with lz4 instead of PostgreSQL's default pglz.

pglz compression was 14 % of PostgreSQL's time in a bulk ingest (perf, 20,000 synthetic
articles: the capture, the text and the two tsvectors of every article pass through it). lz4
compresses several times faster: the same ingest took 8 % less CPU in all, for a database 6 %
larger. Values already stored keep their compression until rewritten. A server built without
lz4 keeps pglz (the migration says so and goes on).
"""

from django.db import migrations

COLUMNS = ["raw", "body", "lede", "captions", "search_vector", "search_exact"]


def _set(method: str) -> str:
    alters = ", ".join(f"ALTER COLUMN {column} SET COMPRESSION {method}" for column in COLUMNS)
    return f"""
DO $$
BEGIN
    ALTER TABLE archive_article {alters};
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'this PostgreSQL has no lz4: article values stay compressed with pglz';
END $$;
"""


class Migration(migrations.Migration):
    dependencies = [("archive", "0012_entity_first_name_trigrams")]

    operations = [migrations.RunSQL(_set("lz4"), _set("pglz"))]
