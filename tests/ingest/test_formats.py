"""The ingest command over every format, on real PostgreSQL: HTML, WARC, encodings, bad files."""

import gzip
import hashlib
import shutil
import unicodedata
from io import BytesIO

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive.ingest.extract import ExtractError
from archive.ingest.formats.html import extract_html
from archive.ingest.formats.text import decode_text
from archive.models import Article, Organisation, Person
from tests.ingest.make_golden import CAPTURES
from tests.ingest.test_ingest import run_ingest

VI_TEXT = (
    "Bộ Công an Việt Nam và cảnh sát các nước tăng cường hợp tác phòng, chống tội phạm sử "
    "dụng công nghệ cao, trao đổi thông tin và phối hợp điều tra các vụ án xuyên quốc gia."
)
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def windows_1258(text: str) -> bytes:
    """Vietnamese as legacy Windows pages wrote it: base letters plus combining tone marks."""
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        marks = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in marks if c not in TONES))
        out += (base + "".join(c for c in marks if c in TONES)).encode("cp1258")
    return out


def html_page(title: str, paragraphs: list[str], *, extra_head: str = "") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title>{extra_head}</head><body>"
        f"<nav>Trang chủ | Thời sự | Pháp luật</nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Liên hệ | Quảng cáo</footer></body></html>"
    ).encode()


def build_warc(path, records) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.suffix == ".gz")
        for kind, url, content_type, payload, date in records:
            if kind == "response":
                headers = StatusAndHeaders(
                    "200 OK" if content_type != "404" else "404 Not Found",
                    [
                        (
                            "Content-Type",
                            "text/html; charset=utf-8" if content_type == "404" else content_type,
                        )
                    ],
                    protocol="HTTP/1.1",
                )
            else:
                headers = None
            record = writer.create_warc_record(
                url,
                kind,
                payload=BytesIO(payload),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": date},
            )
            writer.write_record(record)


# Decoding.


def test_legacy_vietnamese_encoding_is_detected():
    raw = windows_1258("Tiêu đề\n" + VI_TEXT)
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert unicodedata.normalize("NFC", decode_text(raw)) == "Tiêu đề\n" + VI_TEXT


def test_windows_1252_english_is_detected():
    text = "The minister said: \u201cWe will cooperate closely against cybercrime.\u201d " * 3
    assert decode_text(text.encode("cp1252")) == text


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\t", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content"),
        (bytes(range(128, 256)) * 3, "no reliable encoding detected"),
    ],
)
def test_undecodable_input_is_refused_with_a_reason(raw, reason):
    with pytest.raises(ExtractError, match=reason):
        decode_text(raw)


# HTML.


def test_html_files_go_in_with_their_metadata_and_raw_bytes(db, tmp_path):
    for name in ("vi_news_page.html", "en_news_page.html"):
        shutil.copy(CAPTURES / name, tmp_path / name)
    out, err, error = run_ingest(tmp_path)
    assert error is None, err
    assert "2 added" in out and "html: 2 added" in out
    article = Article.objects.get(raw_name=str(tmp_path / "vi_news_page.html"))
    assert article.title == "Bộ Công an và Europol ký kết thỏa thuận hợp tác chiến lược"
    assert article.url.startswith("https://an-ninh.example.vn/bo-cong-an-va-europol")
    assert article.raw_format == "html"
    assert bytes(article.raw) == (CAPTURES / "vi_news_page.html").read_bytes()
    assert article.published_on.isoformat() == "2024-06-18"
    assert "europol" in set(article.organisations.values_list("slug", flat=True))
    english = Article.objects.get(raw_name=str(tmp_path / "en_news_page.html"))
    assert english.language == "en"
    # One person, written with or without diacritics.
    assert english.people.get().slug == "le-quy-vuong"
    assert english.person_mentions.get().role == "Deputy Minister of Public Security"
    # Re-running changes nothing.
    out, _, error = run_ingest(tmp_path)
    assert error is None and "0 added, 0 updated, 2 unchanged, 0 failed" in out


def test_same_url_with_new_content_updates_the_article(db, tmp_path):
    canonical = "<link rel='canonical' href='https://example.org/news/1'>"
    first = html_page(
        "Hợp tác quốc tế chống tội phạm mạng được đẩy mạnh", [VI_TEXT], extra_head=canonical
    )
    (tmp_path / "a.html").write_bytes(first)
    assert run_ingest(tmp_path / "a.html")[2] is None
    second = html_page(
        "Hợp tác quốc tế chống tội phạm mạng được đẩy mạnh",
        [VI_TEXT, VI_TEXT.upper()],
        extra_head=canonical,
    )
    (tmp_path / "a.html").write_bytes(second)
    out, _, error = run_ingest(tmp_path / "a.html")
    assert error is None and "1 updated" in out
    article = Article.objects.get(url="https://example.org/news/1")
    assert bytes(article.raw) == second


# WARC.


@pytest.mark.parametrize("suffix", [".warc", ".warc.gz"])
def test_warc_html_responses_become_captures_and_the_rest_is_counted(db, tmp_path, suffix):
    path = tmp_path / f"crawl{suffix}"
    vi = html_page("Việt Nam và Interpol phối hợp triệt phá đường dây lừa đảo", [VI_TEXT, VI_TEXT])
    build_warc(
        path,
        [
            (
                "request",
                "https://news.example.vn/a.html",
                None,
                b"GET /a.html HTTP/1.1\r\n\r\n",
                "2025-05-06T07:08:09Z",
            ),
            (
                "response",
                "https://news.example.vn/a.html",
                "text/html; charset=utf-8",
                vi,
                "2025-05-06T07:08:09Z",
            ),
            (
                "response",
                "https://news.example.vn/logo.png",
                "image/png",
                b"\x89PNG....",
                "2025-05-06T07:08:10Z",
            ),
            (
                "response",
                "https://news.example.vn/missing",
                "404",
                b"<html>Not found</html>",
                "2025-05-06T07:08:11Z",
            ),
            (
                "metadata",
                "https://news.example.vn/a.html",
                None,
                b"via: crawler",
                "2025-05-06T07:08:12Z",
            ),
        ],
    )
    out, err, error = run_ingest(path)
    assert error is None, err
    assert "1 added" in out and "html: 1 added" in out
    assert (
        "WARC records skipped: 1 error response, 1 metadata, 1 non-HTML response, 1 request" in out
    )
    article = Article.objects.get(url="https://news.example.vn/a.html")
    assert article.title == "Việt Nam và Interpol phối hợp triệt phá đường dây lừa đảo"
    assert article.captured_on.isoformat() == "2025-05-06"
    assert bytes(article.raw) == vi
    assert article.raw_sha256 == hashlib.sha256(vi).hexdigest()
    assert article.raw_name.startswith(f"{path}#urn:uuid:")
    assert run_ingest(path)[0].startswith("0 added, 0 updated, 1 unchanged, 0 failed")


# Bad files of each kind, and globs.


def test_bad_files_of_each_format_are_reported_and_the_rest_go_in(db, tmp_path):
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "binary.html").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "nav_only.html").write_bytes(b"<html><body><nav>Home | News</nav></body></html>")
    (tmp_path / "broken.warc").write_bytes(b"this is not a WARC file at all\n" * 10)
    (tmp_path / "garbage.warc.gz").write_bytes(gzip.compress(b"WARC/1.0\r\nnonsense\r\n\r\n"))
    (tmp_path / "undecodable.txt").write_bytes(bytes(range(128, 256)) * 3)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    shutil.copy(CAPTURES / "vi_thanhnien_style.txt", tmp_path / "good.txt")
    out, err, error = run_ingest(tmp_path)
    assert error is not None and "6 of 7 inputs failed" in str(error)
    for name, reason in [
        ("empty.html", "empty file"),
        ("binary.html", "binary content"),
        ("nav_only.html", "no headline found"),
        ("broken.warc", "not a readable WARC file"),
        ("garbage.warc.gz", "not a readable WARC file"),
        ("undecodable.txt", "not UTF-8 text (invalid UTF-8 byte 0x80 at offset 0)"),
    ]:
        assert f"{tmp_path / name}: {reason}" in err, name
    assert "1 added" in out and "1 skipped (not a capture format)" in out
    assert Article.objects.filter(raw_name=str(tmp_path / "good.txt")).exists()


def test_globs_pick_the_files(db, tmp_path):
    for name in ("vi_vov_style.txt", "vi_tuoitre_style.txt", "en_interpol_style.txt"):
        shutil.copy(CAPTURES / name, tmp_path / name)
    out, err, error = run_ingest(str(tmp_path / "vi_*.txt"))
    assert error is None, err
    assert out.startswith("2 added")
    _, err, error = run_ingest(str(tmp_path / "nothing_*.html"))
    assert error is not None and "nothing_*.html: no such file or folder" in err


# Entities found by pattern.


def test_discovered_entities_are_created_unreviewed_and_reused(db, tmp_path):
    shutil.copy(CAPTURES / "vi_express_style.txt", tmp_path / "a.txt")
    assert run_ingest(tmp_path / "a.txt")[2] is None
    article = Article.objects.get(raw_name=str(tmp_path / "a.txt"))
    suspect = Person.objects.get(name="Park Ji-hoon")
    assert suspect.reviewed is False
    mention = article.person_mentions.get(person=suspect)
    assert mention.role == "đối tượng (41 tuổi, quốc tịch Hàn Quốc)"
    officer = article.person_mentions.get(person__name="Trần Ngọc Hà")
    assert officer.role == "Đại tá, Phó Cục trưởng Cục Cảnh sát hình sự"
    # C02 is curated: found by its full name and acronym, not created again.
    assert Organisation.objects.filter(acronym="C02").count() == 1
    assert Organisation.objects.get(acronym="C02").reviewed is True
    assert "c02" in set(article.organisations.values_list("slug", flat=True))
    assert set(article.countries.values_list("code", flat=True)) >= {"VN", "KR"}
    # A second article naming the same suspect links the same, still unreviewed, person.
    shutil.copy(CAPTURES / "vi_thanhnien_style.txt", tmp_path / "b.txt")
    (tmp_path / "b.txt").write_text(
        (tmp_path / "b.txt").read_text().replace("Wang Lei (35", "Park Ji-hoon (41"), "utf-8"
    )
    assert run_ingest(tmp_path / "b.txt")[2] is None
    assert Person.objects.filter(name="Park Ji-hoon").count() == 1
    assert Person.objects.get(name="Park Ji-hoon").mentions.count() == 2


def test_a_lede_with_its_agency_mark_is_not_repeated_in_the_body():
    lede = "Công an Hà Nội vừa bắt giữ nhóm đối tượng lừa đảo chiếm đoạt tài sản của nhiều người."
    html = (
        "<html><head><title>Bắt nhóm lừa đảo qua mạng xã hội tại Hà Nội</title></head><body>"
        "<h1>Bắt nhóm lừa đảo qua mạng xã hội tại Hà Nội</h1>"
        f'<p class="sapo">(CAND) - {lede}</p><div class="content"><p>(CAND) - {lede}</p>'
        "<p>Theo cơ quan điều tra, nhóm này lập nhiều tài khoản giả danh cán bộ ngân hàng để dụ "
        "người bị hại chuyển tiền vào tài khoản của chúng.</p></div></body></html>"
    )
    result = extract_html(html.encode())
    assert result.paragraphs[0] == lede
    assert all(lede not in p for p in result.paragraphs[1:])


TEXT = (
    "<p>Theo cơ quan điều tra, nhóm này lập nhiều tài khoản giả danh cán bộ ngân hàng để dụ "
    "người bị hại chuyển tiền vào tài khoản của chúng.</p>"
)
HEADLINE = "Bắt nhóm lừa đảo qua mạng xã hội tại Hà Nội"


def _page(title: str, body: str) -> bytes:
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>".encode()


def test_a_logo_h1_gives_way_to_the_headline_in_an_h2():
    page = _page(
        "Báo Ví Dụ",
        '<header><h1 class="logo"><a href="/">BÁO VÍ DỤ</a></h1></header>'
        f'<h2 class="art-title">{HEADLINE}</h2>{TEXT}',
    )
    assert extract_html(page).title == HEADLINE
    guard = _page(
        "Báo Ví Dụ", f"<h1>{HEADLINE}</h1><h2>Một tiêu đề phụ khác dài năm chữ</h2>{TEXT}"
    )
    assert extract_html(guard).title == HEADLINE  # a plain <h1> still wins


def test_a_headline_in_a_table_cell_that_the_page_title_holds():
    page = _page(
        f"Viện Ví Dụ - {HEADLINE} - 2025",
        '<div class="header"><div>VIỆN VÍ DỤ CỦA TỈNH NÀY</div></div>'
        '<div class="box-title">Thông báo</div>'
        f'<table><tr><td class="tieude">{HEADLINE} - 2025</td></tr><tr><td>{TEXT}</td></tr></table>',
    )
    assert extract_html(page).title == f"{HEADLINE} - 2025"


def test_a_lower_heading_is_the_headline_but_not_the_page_name():
    page = _page("Văn phòng Khu vực Đông Nam Á", f"<h3>{HEADLINE}</h3>{TEXT}")
    assert extract_html(page).title == HEADLINE
    named = _page(
        "Công an tỉnh Ví Dụ Mới | Facebook",
        "<div><h2>Công an tỉnh Ví Dụ Mới</h2></div>"
        "<p>CẢNH BÁO THỦ ĐOẠN GIẢ DANH CÔNG AN GỌI ĐIỆN</p>" + TEXT,
    )
    assert extract_html(named).title != "Công an tỉnh Ví Dụ Mới"


def test_a_posts_first_line_is_its_title_not_the_page_name_in_an_h1():
    post = (
        '<div role="article"><a aria-label="5 tháng 3, 2025 lúc 08:15">2 giờ</a>'
        '<div data-ad-preview="message"><div>CẢNH BÁO THỦ ĐOẠN GIẢ DANH CÔNG AN GỌI ĐIỆN</div>'
        f"{TEXT}</div></div>"
    )
    page = _page("Công an tỉnh Ví Dụ | Facebook", f"<h1>Công an tỉnh Ví Dụ</h1>{post}")
    result = extract_html(page)
    assert result.title == "CẢNH BÁO THỦ ĐOẠN GIẢ DANH CÔNG AN GỌI ĐIỆN"
    assert result.published.day.isoformat() == "2025-03-05"  # the stamp's label, not "2 giờ"
    guard = _page(f"{HEADLINE} | Báo Ví Dụ", f"<h1>{HEADLINE}</h1>{TEXT}")
    assert extract_html(guard).title == HEADLINE  # no post: the <h1> the page title names


def test_an_agencys_closing_boxes_are_left_out():
    text = (
        "<p>Police from several participating countries arrested eleven suspects who ran a "
        "network smuggling migrants by lorry across the continent.</p>"
    )
    page = _page(
        HEADLINE,
        f"<h1>{HEADLINE}</h1><div>{text}</div>"
        "<div><h3>Participating countries</h3><ul><li>Ruritania: State Police (Staatspolizei)"
        "</li></ul></div>"
        "<div><h3>EMPACT</h3><p>In 2012 the Union set up a policy cycle to ensure greater "
        "continuity in the fight against serious crime.</p></div>",
    )
    paragraphs = extract_html(page).paragraphs
    assert any("participating countries arrested" in p for p in paragraphs)  # in the text
    assert not any("Staatspolizei" in p or "policy cycle" in p for p in paragraphs)


def test_a_threads_first_post_is_its_article_and_replies_are_dropped():
    reply = "Nhà hàng xóm em cũng bị lừa mất tám mươi triệu đồng theo đúng kiểu này năm ngoái."
    page = _page(
        HEADLINE,
        f"<h1>{HEADLINE}</h1>"
        '<div class="postbit"><span class="date">05-06-2025, 21:14</span>'
        f'<div class="userinfo">Thành viên mới</div><div class="content">{TEXT}</div></div>'
        f'<div class="postbit"><div class="content"><p>{reply}</p></div></div>',
    )
    result = extract_html(page)
    assert any(p.startswith("Theo cơ quan điều tra") for p in result.paragraphs)
    assert all(reply not in p for p in result.paragraphs)
    assert "Thành viên mới" not in result.paragraphs
    assert result.published.day.isoformat() == "2025-06-05"


def test_a_subhead_below_the_headline_is_the_lede():
    subhead = "Nhóm đối tượng lập tài khoản giả danh cán bộ ngân hàng để dụ người bị hại"
    page = _page(HEADLINE, f'<h1>{HEADLINE}</h1><h2 class="subhead">{subhead}</h2>{TEXT}')
    assert extract_html(page).lede == subhead


BOARD_TEXT = (
    "<p>The national police agency announced that a fugitive who ran a fraud call centre abroad "
    "was returned home with the cooperation of the police of a neighbouring country.</p>"
)


def test_a_board_posts_subject_cell_is_the_title_not_its_breadcrumb_page_title():
    page = (
        "<html><head><title>Police Agency &gt; News &gt; Press Releases</title></head><body>"
        '<table><tr><th>Title</th><td class="subject">Fraud Call Centre Leader Returned Home '
        f'Through Police Cooperation</td></tr><tr><td class="view">{BOARD_TEXT}</td></tr>'
        "</table></body></html>"
    )
    title = extract_html(page.encode()).title
    assert title == "Fraud Call Centre Leader Returned Home Through Police Cooperation"


def test_a_breadcrumb_page_title_is_never_the_title():
    page = (
        "<html><head><title>Police Agency &gt; News &gt; Press Releases</title></head><body>"
        f"<div>{BOARD_TEXT}</div></body></html>"
    )
    try:
        title = extract_html(page.encode()).title
    except ExtractError:
        return  # no headline at all is right too
    assert ">" not in title


def test_a_portals_summary_and_its_posted_date_beside_the_poster():
    summary = (
        "Ngày 30/7, UBND huyện tổ chức hội đàm và ký biên bản ghi nhớ với chính quyền huyện bạn "
        "về phối hợp phòng, chống mua bán người qua biên giới."
    )
    page = (
        "<html><head><title>Hai huyện ký kết phối hợp phòng, chống mua bán người</title></head>"
        '<body><div class="ngay-hom-nay">Hôm nay: Thứ Bảy, 02/08/2025</div>'
        '<div class="tieu-de">Hai huyện ký kết phối hợp phòng, chống mua bán người</div>'
        '<div class="ngay">Ngày đăng: 31/07/2025 | Người đăng: Quản trị viên</div>'
        f'<div class="trich-yeu">{summary}</div><div class="noi-dung">{BOARD_TEXT}</div>'
        "</body></html>"
    )
    result = extract_html(page.encode())
    assert result.published.day.isoformat() == "2025-07-31"
    assert result.lede == summary


def test_a_threads_starter_line_is_no_lede():
    page = _page(
        HEADLINE,
        f"<h1>{HEADLINE}</h1>"
        '<div class="p-description">Thread starter some_member · Start date Mar 3, 2025 at '
        "21:14 in the board</div>"
        f"{TEXT}",
    )
    result = extract_html(page)
    assert "Thread starter" not in result.lede
    assert all("Thread starter" not in p for p in result.paragraphs)


def test_a_forum_threads_prefix_label_is_no_part_of_its_title():
    page = _page(
        "Diễn đàn Ví Dụ",
        f'<h1 class="p-title-value"><span class="label">Tin tức</span> {HEADLINE}</h1>{TEXT}',
    )
    assert extract_html(page).title == HEADLINE
    # Guard: a span with no label's class inside a heading stays in it.
    page = _page("Diễn đàn Ví Dụ", f"<h1><span>Tin tức</span> {HEADLINE}</h1>{TEXT}")
    assert extract_html(page).title == f"Tin tức {HEADLINE}"
