"""Country names as Vietnamese media write them today, for every ISO 3166 code, and linked."""

import gettext

import pycountry
import yaml
from django.core.management import call_command

from archive.models import Article, Country
from tests.conftest import SEEDS

CAPTURE = """Hợp tác quốc tế phòng, chống tội phạm mạng

Hà Nội, 12/03/2025 — Đại diện cảnh sát Hà Lan, In-đô-nê-xi-a, Malaysia, Ca-na-đa và Niu Di-lân
đã trao đổi kinh nghiệm với Việt Nam. Các đoàn Triều Tiên, Đài Loan và Hồng Kông không tham dự.
Nội dung hội thảo xoay quanh lừa đảo trực tuyến xuyên biên giới và truy vết tài sản ảo.
"""


def curated_countries() -> list[dict]:
    return yaml.safe_load((SEEDS / "entities.yaml").read_text(encoding="utf-8"))["countries"]


def test_every_iso_code_is_curated_once_with_both_names():
    entries = curated_countries()
    codes = [entry["code"] for entry in entries]
    assert sorted(codes) == sorted(country.alpha_2 for country in pycountry.countries)
    assert len(codes) == len(set(codes)) == 249
    assert all(entry["name_vi"] and entry["name_en"] for entry in entries)


def test_no_name_is_left_from_the_old_iso_translations():
    # The curated Vietnamese names replace pycountry's; where the two agree the name is kept
    # on purpose. None of the outdated spellings the press no longer uses is left.
    names = {entry["code"]: entry["name_vi"] for entry in curated_countries()}
    assert names["NL"] == "Hà Lan"
    assert names["ID"] == "In-đô-nê-xi-a"
    assert names["KP"] == "Triều Tiên"
    assert names["TW"] == "Đài Loan"
    assert names["HK"] == "Hồng Kông"
    assert names["NZ"] == "Niu Di-lân"
    old = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["vi"])
    outdated = {"NL", "ID", "KP", "KR", "TW", "HK", "NZ", "IR", "IL", "LK", "MM", "KH", "IE", "IS"}
    for code in outdated:
        assert names[code] != old.gettext(pycountry.countries.get(alpha_2=code).name), code


def test_a_capture_naming_countries_the_modern_way_links_them(db, tmp_path):
    capture = tmp_path / "countries.txt"
    capture.write_text(CAPTURE, encoding="utf-8")
    call_command("ingest", str(capture), verbosity=0)
    article = Article.objects.get(raw_name__endswith="countries.txt")
    linked = set(article.countries.values_list("code", flat=True))
    assert {"NL", "ID", "MY", "CA", "NZ", "KP", "TW", "HK", "VN"} <= linked
    assert Country.objects.get(code="NL").name_vi == "Hà Lan"
