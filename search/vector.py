"""The one place that decides how an article is indexed: title above lede above body."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVector, SearchVectorCombinable, SearchVectorField
from django.db.models import F, Func, TextField, Value

CONFIG = "vietnamese"
WEIGHTS = {"title": "A", "lede": "B", "body": "C"}
CAPTION_WEIGHT = "D"


class CaptionVector(SearchVectorCombinable, Func):
    """Photo captions (a JSON list of {after, text}) indexed at the lowest weight.

    jsonb_to_tsvector with a literal configuration is IMMUTABLE, so it can sit in the
    generated column; the filter '["string"]' indexes the caption texts and not the numbers.
    """

    template = (
        "setweight(jsonb_to_tsvector('vietnamese'::regconfig, COALESCE(%(expressions)s, "
        "'[]'::jsonb), '[\"string\"]'), '" + CAPTION_WEIGHT + "')"
    )
    output_field = SearchVectorField()


def article_search_vector():
    """The expression of the stored, generated tsvector (`Article.search_vector`)."""
    parts = [
        SearchVector(field, config=Value(CONFIG), weight=weight)
        for field, weight in WEIGHTS.items()
    ]
    vector = parts[0]
    for part in parts[1:]:
        vector = vector + part
    return vector + CaptionVector("captions")


EXACT_CONFIG = "simple"  # lower-cases, keeps diacritics: "mã độc" and "ma đốc" differ


def article_exact_vector():
    """The expression of `Article.search_exact`: title, lede and body with their diacritics.

    Not used to find articles (the `vietnamese` vector does that, accent-insensitively), only
    to rank exact spellings first when a query is typed with diacritics; so no index, no weights.
    """
    return SearchVector("title", "lede", "body", config=Value(EXACT_CONFIG))


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
