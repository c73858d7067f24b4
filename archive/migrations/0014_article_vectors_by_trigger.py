"""An article's two tsvectors computed from one parse of its text, by a trigger.

They were two generated columns, each running PostgreSQL's text parser over the whole article:
`search_exact` ('simple': lower-cased, diacritics kept) and `search_vector` ('vietnamese':
unaccent, then simple). Parsing was most of what an article cost PostgreSQL to store. Now the
trigger `article_vectors` parses once, for `search_exact` (title, lede and body weighted A, B,
C, as `search_vector` always was), and folds that vector's lexemes with unaccent through its
text form for `search_vector`, plus the captions at weight D: 1.0 s instead of 1.6 s for 5,000
synthetic articles.

For the fold to be what the `vietnamese` configuration gives, the configuration now unaccents
every kind of token that can hold a letter: words with digits ("Ngày1", "ĐƯỜNG2"), hosts, files,
e-mail addresses and URLs were only lower-cased, so "ngay1" did not find "ngày1"; now it does.
Two differences remain, both harmless: a lexeme written more than 255 times in an article
keeps 256 positions rather than 255 when its spellings merge, and text holding a letter that
unaccent turns into a quote or backslash ("Hawaiʻi") is parsed a second time with the
configuration rather than folded, so the text form's quoting cannot break.

The vectors are the text's: an UPDATE that leaves title, lede, body and captions alone keeps
them (unless it sets one to NULL, which asks for them again), whatever it says of them.
Existing rows are recomputed here (the configuration changed).
"""

import django.contrib.postgres.search
from django.db import migrations

# Letters unaccent writes as a quote or backslash (unaccent.rules), which would break the
# quoting of a tsvector's text form: such text takes the configuration's own parse.
UNSAFE = "ŉʹʻʼʽˈ‘’‛′∖﹨＇＼"

FORWARD = f"""
ALTER TEXT SEARCH CONFIGURATION vietnamese
    ALTER MAPPING FOR numword, numhword, hword_numpart, email, url, host, url_path, file
    WITH unaccent, simple;

ALTER TABLE archive_article
    ALTER COLUMN search_vector DROP EXPRESSION,
    ALTER COLUMN search_exact DROP EXPRESSION;

CREATE FUNCTION article_vectors() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
DECLARE
    exact_text text;
BEGIN
    IF TG_OP = 'UPDATE'
        AND NEW.title IS NOT DISTINCT FROM OLD.title
        AND NEW.lede IS NOT DISTINCT FROM OLD.lede
        AND NEW.body IS NOT DISTINCT FROM OLD.body
        AND NEW.captions IS NOT DISTINCT FROM OLD.captions
        AND NEW.search_vector IS NOT NULL AND NEW.search_exact IS NOT NULL
    THEN
        NEW.search_vector := OLD.search_vector;
        NEW.search_exact := OLD.search_exact;
        RETURN NEW;
    END IF;
    NEW.search_exact :=
        setweight(to_tsvector('simple', COALESCE(NEW.title, '')), 'A')
        || setweight(to_tsvector('simple', COALESCE(NEW.lede, '')), 'B')
        || setweight(to_tsvector('simple', COALESCE(NEW.body, '')), 'C');
    exact_text := NEW.search_exact::text;
    IF exact_text ~ '[{UNSAFE}]' THEN
        NEW.search_vector :=
            setweight(to_tsvector('vietnamese', COALESCE(NEW.title, '')), 'A')
            || setweight(to_tsvector('vietnamese', COALESCE(NEW.lede, '')), 'B')
            || setweight(to_tsvector('vietnamese', COALESCE(NEW.body, '')), 'C');
    ELSE
        NEW.search_vector := immutable_unaccent(exact_text)::tsvector;
    END IF;
    NEW.search_vector := NEW.search_vector || setweight(jsonb_to_tsvector(
        'vietnamese', COALESCE(NEW.captions, '[]'::jsonb), '["string"]'), 'D');
    RETURN NEW;
END $$;

CREATE TRIGGER article_vectors
    BEFORE INSERT OR UPDATE OF title, lede, body, captions, search_vector, search_exact
    ON archive_article FOR EACH ROW EXECUTE FUNCTION article_vectors();

UPDATE archive_article SET search_vector = NULL;
"""

BACKWARD = """
DROP TRIGGER article_vectors ON archive_article;
DROP FUNCTION article_vectors();
ALTER TEXT SEARCH CONFIGURATION vietnamese
    ALTER MAPPING FOR numword, numhword, hword_numpart, email, url, host, url_path, file
    WITH simple;
ALTER TABLE archive_article DROP COLUMN search_vector, DROP COLUMN search_exact;
ALTER TABLE archive_article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('vietnamese'::regconfig, COALESCE(title, '')), 'A')
    || setweight(to_tsvector('vietnamese'::regconfig, COALESCE(lede, '')), 'B')
    || setweight(to_tsvector('vietnamese'::regconfig, COALESCE(body, '')), 'C')
    || setweight(jsonb_to_tsvector('vietnamese'::regconfig, COALESCE(captions, '[]'::jsonb),
        '["string"]'::jsonb), 'D')
) STORED;
ALTER TABLE archive_article ADD COLUMN search_exact tsvector GENERATED ALWAYS AS (
    to_tsvector('simple'::regconfig,
        COALESCE(title, '') || ' ' || COALESCE(lede, '') || ' ' || COALESCE(body, ''))
) STORED;
CREATE INDEX article_search_gin ON archive_article USING gin (search_vector);
"""


def vector_field():
    return django.contrib.postgres.search.SearchVectorField(editable=False, null=True)


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0013_article_lz4_compression"),
        ("search", "0001_vietnamese_config"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(FORWARD, BACKWARD)],
            state_operations=[
                migrations.AlterField("article", "search_vector", vector_field()),
                migrations.AlterField("article", "search_exact", vector_field()),
            ],
        )
    ]
