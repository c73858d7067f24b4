"""An article's two vectors, set by the trigger from one parse (migration 0014), are what the
text search configurations give its text; they follow the text and nothing else."""

import pytest
from django.db import connection

from archive.models import Article
from search.service import search_run
from tests.api.factories import make_article

TEXTS = [
    ("Bộ Công an và Interpol", "Đường dây lừa đảo trực tuyến.", "CÔNG AN Hà Nội phối hợp."),
    ("Ngày1 ĐƯỜNG2 v2.1", "Xem https://bocongan.gov.vn/tin-tức/ố?a=1 hoặc gửi tới an@bộ.vn", ""),
    ("Hawaiʻi and Mauʻi", "Rock ’n’ roll, ŉ; Ø Æ ß İstanbul Σίσυφος", "C:\\đường\\tệp.txt"),
    ("", "", "công-an cong-an2 an_ninh mạng-xã-hội 3,14 -7 1e5"),
]

EXPECTED = """
SELECT
    setweight(to_tsvector('vietnamese', title), 'A')
    || setweight(to_tsvector('vietnamese', lede), 'B')
    || setweight(to_tsvector('vietnamese', body), 'C')
    || setweight(jsonb_to_tsvector('vietnamese', captions, '["string"]'), 'D')
    = search_vector,
    setweight(to_tsvector('simple', title), 'A')
    || setweight(to_tsvector('simple', lede), 'B')
    || setweight(to_tsvector('simple', body), 'C')
    = search_exact
FROM archive_article WHERE id = %s
"""


def vectors_as_configured(article: Article) -> tuple[bool, bool]:
    with connection.cursor() as cursor:
        cursor.execute(EXPECTED, [article.pk])
        return cursor.fetchone()


@pytest.mark.django_db
@pytest.mark.parametrize(("title", "lede", "body"), TEXTS)
def test_vectors_are_what_the_configurations_give(title, lede, body):
    captions = [{"after": 0, "text": "Ảnh: Thượng tá Lê Văn Ánh tại Hawaiʻi"}]
    article = make_article(title=title, lede=lede, body=body, captions=captions)
    assert vectors_as_configured(article) == (True, True)


@pytest.mark.django_db
def test_vectors_follow_the_text_and_nothing_else():
    article = make_article(title="Công an Đà Nẵng", body="Bắt giữ đối tượng lừa đảo.")
    Article.objects.filter(pk=article.pk).update(body="Triệt phá đường dây đánh bạc.")
    assert vectors_as_configured(article) == (True, True)
    with connection.cursor() as cursor:  # a vector written by hand is the text's again
        cursor.execute(
            "UPDATE archive_article SET search_vector = 'x', search_exact = NULL WHERE id = %s",
            [article.pk],
        )
    assert vectors_as_configured(article) == (True, True)
    Article.objects.filter(pk=article.pk).update(language="en")  # the trigger does not run
    assert vectors_as_configured(article) == (True, True)


@pytest.mark.django_db
def test_words_with_digits_are_found_without_their_diacritics():
    make_article(title="Chiến dịch Đường1 của Bộ Công an", body="Nội dung.")
    assert search_run("duong1").total == 1
    assert search_run("đường1").total == 1
