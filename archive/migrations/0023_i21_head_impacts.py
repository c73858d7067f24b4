"""Impact-ordered lists of the words of every title and lede: relevance without ranking every
match.

For each article and each distinct word (lexeme) of its head (`search_head`: title and lede),
`article_head_impact` keeps the word's impact on that head: `ts_rank` of the head for the word
alone, the title weighing twice the lede and the head's length dividing (normalization 1). A
query's head score is the sum, over its words, of impact times the word's rarity (computed when
searching, `search/impacts.py`), and the index (lexeme, impact DESC) reads any word's best heads
first: the threshold algorithm stops reading once no article left unread can reach the top,
where ranking every head that holds a common word read tens of thousands of them.

The trigger `article_head_impacts` keeps the lists in step with `search_head` on insert,
update, delete and truncate (old rows are found by their key: the old head's impacts,
recomputed).
Existing articles are filled here.
"""

from django.db import migrations

# The impact of one word on a head; `head_word` quotes a lexeme as tsquery input.
FUNCTIONS = r"""
CREATE FUNCTION head_word(lexeme text) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT ('''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || '''')::tsquery
$$;

CREATE FUNCTION head_impact(head tsvector, lexeme text) RETURNS real
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
    SELECT ts_rank('{0, 0, 0.5, 1}', head, head_word(lexeme), 1)
$$;

CREATE TABLE article_head_impact (
    lexeme text NOT NULL,
    impact real NOT NULL,
    article_id bigint NOT NULL
);

CREATE FUNCTION article_head_impacts() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.search_head IS NOT NULL THEN
        DELETE FROM article_head_impact i
        USING unnest(tsvector_to_array(OLD.search_head)) AS w(lexeme)
        WHERE i.lexeme = w.lexeme AND i.impact = head_impact(OLD.search_head, w.lexeme)
            AND i.article_id = OLD.id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.search_head IS NOT NULL THEN
        INSERT INTO article_head_impact (lexeme, impact, article_id)
        SELECT w.lexeme, head_impact(NEW.search_head, w.lexeme), NEW.id
        FROM unnest(tsvector_to_array(NEW.search_head)) AS w(lexeme);
    END IF;
    RETURN NULL;
END $$;
"""

FILL = """
INSERT INTO article_head_impact (lexeme, impact, article_id)
SELECT w.lexeme, head_impact(a.search_head, w.lexeme), a.id
FROM archive_article a, unnest(tsvector_to_array(a.search_head)) AS w(lexeme)
WHERE a.search_head IS NOT NULL;

CREATE INDEX article_head_impact_best ON article_head_impact (lexeme, impact DESC, article_id);

-- Inserted articles once a statement (a bulk ingest's COPY of 500), their words sorted as the
-- index is: each word's part of the index is then visited once a batch, not once an article.
CREATE FUNCTION article_head_impacts_inserted() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
    INSERT INTO article_head_impact (lexeme, impact, article_id)
    SELECT w.lexeme, head_impact(n.search_head, w.lexeme), n.id
    FROM inserted n, unnest(tsvector_to_array(n.search_head)) AS w(lexeme)
    WHERE n.search_head IS NOT NULL
    ORDER BY 1, 2 DESC, 3;
    RETURN NULL;
END $$;

CREATE TRIGGER article_head_impacts_insert
    AFTER INSERT ON archive_article REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION article_head_impacts_inserted();

-- On every update that changes the head: `UPDATE OF search_head` would miss the updates of
-- the title or lede, whose head the BEFORE triggers set.
CREATE TRIGGER article_head_impacts
    AFTER DELETE ON archive_article
    FOR EACH ROW EXECUTE FUNCTION article_head_impacts();
CREATE TRIGGER article_head_impacts_update
    AFTER UPDATE ON archive_article
    FOR EACH ROW WHEN (OLD.search_head IS DISTINCT FROM NEW.search_head)
    EXECUTE FUNCTION article_head_impacts();

CREATE FUNCTION article_head_impacts_truncate() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_catalog AS $$
BEGIN
    TRUNCATE article_head_impact;
    RETURN NULL;
END $$;

CREATE TRIGGER article_head_impacts_truncate
    AFTER TRUNCATE ON archive_article
    FOR EACH STATEMENT EXECUTE FUNCTION article_head_impacts_truncate();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS article_head_impacts_truncate ON archive_article;
DROP FUNCTION IF EXISTS article_head_impacts_truncate();
DROP TRIGGER IF EXISTS article_head_impacts_update ON archive_article;
DROP TRIGGER IF EXISTS article_head_impacts ON archive_article;
DROP TRIGGER IF EXISTS article_head_impacts_insert ON archive_article;
DROP FUNCTION IF EXISTS article_head_impacts_inserted();
DROP FUNCTION IF EXISTS article_head_impacts();
DROP TABLE IF EXISTS article_head_impact;
DROP FUNCTION IF EXISTS head_impact(tsvector, text);
DROP FUNCTION IF EXISTS head_word(text);
"""


class Migration(migrations.Migration):
    dependencies = [("archive", "0022_i21_article_heads")]

    operations = [migrations.RunSQL(FUNCTIONS + FILL, BACKWARD)]
