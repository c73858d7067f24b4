"""How an article is indexed, and the folded entity names.

An article's vectors are set by the trigger `article_vectors` (archive migration 0014): title
above lede above body (weights A, B, C) and captions (D), parsed once with the `simple`
configuration for `search_exact` and folded with unaccent for `search_vector`, which is what
the `vietnamese` configuration (unaccent, then simple) gives a query.
"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVectorCombinable, SearchVectorField
from django.db.models import F, Func, TextField

CONFIG = "vietnamese"  # finds: accent-insensitive
EXACT_CONFIG = "simple"  # lower-cases, keeps diacritics: "mã độc" and "ma đốc" differ


class CaptionVector(SearchVectorCombinable, Func):
    """Photo captions in the generated column of archive migrations 0001 to 0013 (kept for
    them): jsonb_to_tsvector over the caption texts, at the lowest weight."""

    template = (
        "setweight(jsonb_to_tsvector('vietnamese'::regconfig, COALESCE(%(expressions)s, "
        "'[]'::jsonb), '[\"string\"]'), 'D')"
    )
    output_field = SearchVectorField()


class FoldedNames(Func):
    """`names_folded(ARRAY[<names>]::text[] || <aliases>::text[])`: every name of a record,
    lower-cased and unaccented (an IMMUTABLE SQL function of the search migrations), so that
    entity search computes trigram similarity only, not unaccent, for each name on each query."""

    output_field = ArrayField(TextField())

    def __init__(self, *names: str, aliases: str = "aliases"):
        super().__init__(*(F(name) for name in names), F(aliases))

    def as_sql(self, compiler, connection, **extra_context):
        compiled = [compiler.compile(expression) for expression in self.source_expressions]
        *names, aliases = (sql for sql, _ in compiled)
        params = [param for _, part in compiled for param in part]
        return f"names_folded(ARRAY[{', '.join(names)}]::text[] || {aliases}::text[])", params
