"""Every existing article's raw capture becomes its first Capture, byte for byte.

A migration of its own: Django adds 0016's foreign keys and indexes at the end of that
migration, and PostgreSQL refuses to alter a table with rows inserted in the same transaction
under a deferred constraint ("pending trigger events").
"""

from django.db import migrations

# Every article's raw capture becomes its first Capture, byte for byte, in one statement
# (no row passes through Python). Its time is when the archive received it.
FIRST_CAPTURES = """
INSERT INTO archive_capture (
    url, fetched_at, how, status, headers, content_type, redirects, raw, warc_file, size,
    sha256, format, name, error, article_id
)
SELECT coalesce(url, ''), created_at,
       CASE WHEN raw_name = 'api' THEN 'api' ELSE 'file' END,
       'article', '[]', '', '[]', raw, '', octet_length(raw), raw_sha256, raw_format,
       raw_name, '', id
FROM archive_article
ORDER BY id
"""


class Migration(migrations.Migration):
    dependencies = [("archive", "0016_i17_capture")]

    operations = [migrations.RunSQL(FIRST_CAPTURES, reverse_sql="DELETE FROM archive_capture")]
