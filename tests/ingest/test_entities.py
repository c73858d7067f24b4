"""Entity linking: accent-insensitive by name, exact by acronym, counted per article."""

from archive.entities.matching import EntityMatcher, Key


def slugs(manager):
    return set(manager.values_list("slug", flat=True))


def test_seed_000_links(seed_000):
    assert slugs(seed_000.organisations) >= {
        "bo-cong-an",
        "tong-cuc-vi",
        "c50",
        "unodc",
        "ec3",
        "afp",
        "india-mha",
        "g8-24-7-network",
    }
    assert slugs(seed_000.people) == {"le-quy-vuong", "phan-van-vinh"}
    assert slugs(seed_000.events) == {
        "hoi-nghi-hop-tac-quoc-te-phong-chong-toi-pham-cong-nghe-cao-ha-noi"
    }
    assert set(seed_000.countries.values_list("code", flat=True)) == {"VN", "AU", "IN"}


def test_seed_002_links(seed_002):
    assert slugs(seed_002.organisations) >= {"bo-cong-an", "bo-chinh-tri", "ttxvn"}
    assert slugs(seed_002.people) == {"luong-tam-quang"}
    assert slugs(seed_002.events) == {"organised-immigration-crime-summit-london-2025"}
    assert set(seed_002.countries.values_list("code", flat=True)) == {"VN", "GB"}


def test_mentions_are_counted_with_the_role_given(seed_000, seed_002):
    vuong = seed_000.person_mentions.get(person__slug="le-quy-vuong")
    assert vuong.count == 5
    # The rank with the posts the article lists after the name (seed 000 has no comma
    # before "Chủ tịch Hội nghị", so that post reads on from the previous one).
    assert vuong.role == (
        "Thượng tướng, Ủy viên Trung ương Đảng, Thứ trưởng Bộ Công an Chủ tịch Hội nghị"
    )
    assert seed_002.person_mentions.get(person__slug="luong-tam-quang").role == (
        "Đại tướng, Ủy viên Bộ Chính trị, Bộ trưởng Bộ Công an"
    )
    assert seed_000.organisation_mentions.get(organisation__slug="c50").count == 6


def test_matching_rules():
    matcher = EntityMatcher(
        [
            ("Bộ Công an", Key("organisation", 1), False),
            ("C50", Key("organisation", 2), True),
            ("Úc", Key("country", "AU"), False),
            ("Đức", Key("country", "DE"), False),
        ]
    )
    found = matcher.find("Bo Cong An và BỘ CÔNG AN; c50 không phải C50. Ức chế. Nguyễn Minh Đức.")
    assert found == {Key("organisation", 1): 2, Key("organisation", 2): 1}
    assert matcher.find("Cảnh sát Úc và cảnh sát Đức") == {
        Key("country", "AU"): 1,
        Key("country", "DE"): 1,
    }
