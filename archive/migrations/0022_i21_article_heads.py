"""Title and lede as vectors of their own, with a GIN index: the head of an article.

Relevance ranks every match whose title or lede holds the query (search/query.py). Those
vectors are small (a few hundred bytes, kept in the row, not in TOAST), so ranking tens of
thousands of them costs what ranking hundreds of whole articles did.

The trigger `article_vectors_heads` runs after `article_vectors` (triggers of one event fire
in name order) and keeps the A and B weighted positions of the two vectors it set:
`ts_filter` drops the rest, no second parse. Existing rows are filled here.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

FORWARD = """
CREATE FUNCTION article_vectors_heads() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
    NEW.search_head := ts_filter(NEW.search_vector, '{a,b}');
    NEW.search_head_exact := ts_filter(NEW.search_exact, '{a,b}');
    RETURN NEW;
END $$;

CREATE TRIGGER article_vectors_heads
    BEFORE INSERT OR UPDATE OF title, lede, body, captions, search_vector, search_exact,
        search_head, search_head_exact
    ON archive_article FOR EACH ROW EXECUTE FUNCTION article_vectors_heads();

UPDATE archive_article SET search_head = ts_filter(search_vector, '{a,b}'),
    search_head_exact = ts_filter(search_exact, '{a,b}');
"""

BACKWARD = """
DROP TRIGGER article_vectors_heads ON archive_article;
DROP FUNCTION article_vectors_heads();
"""


def vector_field():
    return django.contrib.postgres.search.SearchVectorField(editable=False, null=True)


class Migration(migrations.Migration):
    dependencies = [("archive", "0021_i22_story_key")]

    operations = [
        migrations.AddField("article", "search_head", vector_field()),
        migrations.AddField("article", "search_head_exact", vector_field()),
        migrations.RunSQL(FORWARD, BACKWARD),
        migrations.AddIndex(
            model_name="article",
            index=django.contrib.postgres.indexes.GinIndex(
                fields=["search_head"], name="article_head_gin"
            ),
        ),
    ]
