"""What journalists tripped on: prefixes, two names around OR, a misspelt entity name, "24/7",
and highlights that mark words typed together where they stand together. Each asserts the
exact set of results over a small corpus of its own (plus the seeds of every test database)."""

from datetime import date

import pytest
from django.db import transaction

from archive.models import Article, ArticleOrganisation, ArticlePerson, Organisation, Person
from search.highlight import START, STOP, mark_text
from search.parser import Unit, parse_query
from search.service import search_run
from tests.api.factories import make_article

TEXTS = {
    "ransomware": ("Europe warns of ransomware", "Ransomware gangs hit hospitals.", ""),
    "ransom": ("Police pay no ransom", "The ransom note asked for bitcoin.", ""),
    "random": ("Random checks at the border", "Officers made random checks.", ""),
    "toi_pham_mang": ("Hội thảo về an ninh", "Phòng chống tội phạm mạng tại Hà Nội.", ""),
    "toi_pham_ma_tuy": ("Triệt phá đường dây", "Tội phạm ma túy bị bắt giữ ở biên giới.", ""),
    "toi_pham_khac": ("Tuyên truyền pháp luật", "Tội phạm giảm trong năm qua.", ""),
    "le_quy_vuong": ("Thứ trưởng tiếp đoàn", "Thứ trưởng Lê Quý Vương tiếp đoàn khách.", ""),
    "luong_tam_quang": ("Bộ trưởng làm việc", "Đại tướng Lương Tam Quang làm việc với đoàn.", ""),
    # Every word of both names, neither name whole.
    "scattered": ("Lê Văn Quang nhận", "Ông Lê Văn Quang, ở Quý Châu, gặp bà Lương Tam.", "Vương."),
    "de_bolle": ("Europe's police chief visits", "Catherine De Bolle met ministers in Hanoi.", ""),
    "network_24_7": (
        "Mạng lưới 24/7",
        "Việt Nam tham gia mạng lưới liên lạc 24/7 về tội phạm.",
        "",
    ),
    "i_24_7": ("Hệ thống I-24/7", "Interpol kết nối hệ thống I-24/7 với Hà Nội.", ""),
    "hours": ("Trực ban", "Trực 24 giờ, 7 ngày một tuần.", ""),
    "high_tech": (
        "Hội nghị",
        "Công an tỉnh bàn về phòng chống tội phạm công nghệ cao.",
        "Công tác tuyên truyền và công nghệ mới được nhắc đến.",
    ),
}


@pytest.fixture(scope="module")
def articles(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        made = {
            key: make_article(
                title=title, lede=lede, body=body, published_on=date(2024, 1, 1), language="vi"
            )
            for key, (title, lede, body) in TEXTS.items()
        }
        bolle = Person.objects.create(name="Catherine De Bolle", slug="catherine-de-bolle")
        ArticlePerson.objects.create(article=made["de_bolle"], person=bolle)
        ArticleOrganisation.objects.create(
            article=made["de_bolle"], organisation=Organisation.objects.get(slug="europol")
        )
        yield made
        transaction.set_rollback(True)


def found(q: str, articles: dict) -> set[str]:
    outcome = search_run(q, facets=False)
    assert not outcome.error, outcome.error
    names = {article.pk: key for key, article in articles.items()}
    return {names.get(a.pk, f"other:{a.pk}") for a in outcome.results}


def test_prefix_search_finds_every_word_starting_so(articles, db):
    assert found("ransom*", articles) == {"ransomware", "ransom"}


def test_prefix_at_the_end_of_vietnamese_words(articles, db):
    outcome = search_run("tội phạm mạ*", facets=False)
    keys = {a.pk: k for k, a in articles.items()}
    shown = [keys[a.pk] for a in outcome.results if a.pk in keys]
    # Accents are optional: "mạ*" finds "ma túy" too, and "Mạng lưới" in a title; typed
    # together and with its accent, "tội phạm mạng" ranks first. "Tội phạm giảm": no "ma…".
    assert set(shown) == {"toi_pham_mang", "toi_pham_ma_tuy", "network_24_7"}
    assert shown[0] == "toi_pham_mang"


def test_prefix_is_parsed_as_one_unit_and_ends_the_run():
    parsed = parse_query("tội phạm mạ*")
    assert parsed.clauses[-1] == (Unit(("mạ",), prefix=True),)
    assert parsed.run_units == (Unit(("tội", "phạm", "mạ"), phrase=True, prefix=True),)


def test_two_names_around_or_find_both_people_and_nobody_else(articles, db):
    both = found("le quy vuong OR luong tam quang", articles)
    assert {k for k in both if not k.startswith("other")} == {"le_quy_vuong", "luong_tam_quang"}
    # The others are the seeds, which name them: each found article holds one name whole.
    for pk in (int(k.split(":")[1]) for k in both if k.startswith("other")):
        text = Article.objects.get(pk=pk).body
        assert "Lê Quý Vương" in text or "Lương Tam Quang" in text


def test_one_word_beside_or_still_binds_the_neighbouring_words():
    parsed = parse_query("police Europol OR Interpol")
    assert [[u.text for u in c] for c in parsed.clauses] == [["police"], ["Europol", "Interpol"]]


def test_a_misspelt_person_finds_her_articles(articles, db):
    assert found("Catherine De Bole", articles) == {"de_bolle"}
    outcome = search_run("Catherine De Bole", facets=False)
    assert outcome.entities[0].slug == "catherine-de-bolle"


def test_a_misspelt_organisation_finds_its_articles(articles, db):
    europol = set(
        ArticleOrganisation.objects.filter(organisation__slug="europol").values_list(
            "article_id", flat=True
        )
    )
    outcome = search_run("Europool", facets=False)
    assert {a.pk for a in outcome.results} == europol
    assert articles["de_bolle"].pk in europol


def test_a_word_that_is_found_is_not_corrected(articles, db):
    # "random" is in the corpus: no entity is guessed, only the article with the word.
    outcome = search_run("random", facets=False)
    assert not any(e.corrected for e in outcome.entities)
    assert found("random", articles) == {"random"}


def test_24_7_finds_the_text_that_contains_it(articles, db):
    assert found("24/7", articles) == {"network_24_7", "i_24_7"}
    assert found("I-24/7", articles) == {"i_24_7"}


def test_words_typed_together_are_marked_where_they_stand_together(articles, db):
    text = "Công an tỉnh bàn về phòng chống tội phạm công nghệ cao. Công nghệ mới."
    marked = mark_text(text, parse_query("cong nghe cao"))
    assert marked.count(START) == marked.count(STOP) == 3
    assert f"{START}công{STOP} {START}nghệ{STOP} {START}cao{STOP}." in marked
    page = search_run("cong nghe cao", facets=False).page(0, 20)
    (article,) = [a for a in page if a.pk == articles["high_tech"].pk]
    assert "<mark>công</mark> <mark>nghệ</mark> <mark>cao</mark>" in article.snippet
    assert "Công an tỉnh" in article.snippet and "và công nghệ mới" in article.snippet


def test_words_never_together_are_marked_one_by_one():
    marked = mark_text("công an và nghệ thuật cao", parse_query("cong nghe cao"))
    assert marked.count(START) == 3


def test_a_prefix_is_marked_on_the_whole_word():
    marked = mark_text("ransomware, ransom and random", parse_query("ransom*"))
    assert marked == f"{START}ransomware{STOP}, {START}ransom{STOP} and random"


def test_the_article_table_holds_head_vectors(articles, db):
    article = Article.objects.get(pk=articles["ransom"].pk)
    assert "ransom" in article.search_head and "bitcoin" in article.search_head
    assert "ransom" in article.search_head_exact
