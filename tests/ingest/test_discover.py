"""People and organisations found by rank, post and acronym patterns, without a database."""

from archive.entities.discovery import (
    FoundOrganisation,
    FoundPerson,
    find_organisations,
    find_people,
)


def test_vietnamese_rank_name_and_posts():
    text = (
        "Thượng tướng Lê Quý Vương, Ủy viên Trung ương Đảng, Thứ trưởng Bộ Công an đã tiếp đoàn. "
        "Đại tướng Lương Tam Quang phát biểu."
    )
    assert find_people(text) == [
        FoundPerson("Lê Quý Vương", "Thượng tướng, Ủy viên Trung ương Đảng, Thứ trưởng Bộ Công an"),
        FoundPerson("Lương Tam Quang", "Đại tướng"),
    ]


def test_rank_then_academic_titles_then_post():
    text = (
        "Thiếu tướng, GS.TS Nguyễn Đắc Hoan, Giám đốc Học viện Cảnh sát nhân dân cho biết "
        "khóa học kéo dài hai tháng."
    )
    assert find_people(text) == [
        FoundPerson("Nguyễn Đắc Hoan", "Thiếu tướng, GS.TS, Giám đốc Học viện Cảnh sát nhân dân")
    ]


def test_phong_chong_is_one_phrase_inside_a_post():
    text = (
        "Trung tướng Phan Văn Vĩnh, Tổng cục trưởng Tổng cục Cảnh sát phòng, chống tội phạm "
        "chủ trì hội nghị."
    )
    assert find_people(text) == [
        FoundPerson(
            "Phan Văn Vĩnh",
            "Trung tướng, Tổng cục trưởng Tổng cục Cảnh sát phòng, chống tội phạm",
        )
    ]


def test_ambassador_and_suspects_with_age_and_nationality():
    text = (
        "Đại sứ Iain Frew dự buổi lễ. Cơ quan điều tra đã bắt đối tượng Zhang Wei (35 tuổi, "
        "quốc tịch Trung Quốc) và Trần Văn Hùng (SN 1990, trú tại Hà Nội)."
    )
    assert find_people(text) == [
        FoundPerson("Iain Frew", "Đại sứ"),
        FoundPerson("Zhang Wei", "đối tượng (35 tuổi, quốc tịch Trung Quốc)"),
        # "bắt đối tượng X ... và Y": the label of the sentence's list is Y's too.
        FoundPerson("Trần Văn Hùng", "đối tượng (SN 1990, trú tại Hà Nội)"),
    ]


def test_english_posts_before_names():
    text = (
        "Deputy Minister of Public Security Le Quy Vuong met Secretary General Valdecy "
        "Urquiza in Lyon."
    )
    assert find_people(text) == [
        FoundPerson("Le Quy Vuong", "Deputy Minister of Public Security"),
        FoundPerson("Valdecy Urquiza", "Secretary General"),
    ]


def test_no_person_from_an_organisation_after_a_post():
    # "Giám đốc Công an tỉnh ..." names a unit, not a person.
    assert find_people("Giám đốc Công an Tỉnh Quảng Ninh phát biểu.") == []


def test_organisations_with_their_acronyms():
    text = (
        "Cục Cảnh sát hình sự (C02) phối hợp với Văn phòng Interpol Việt Nam và "
        "National Crime Agency (NCA). Hà Nội (VNA) đưa tin."
    )
    assert find_organisations(text) == [
        FoundOrganisation("Cục Cảnh sát hình sự", "C02"),
        FoundOrganisation("National Crime Agency", "NCA"),
    ]


def test_a_suspect_labelled_after_the_name_or_before_a_list():
    text = (
        "Công an vừa bắt giữ Nguyễn Văn Phúc (34 tuổi), đối tượng bị truy nã. "
        "Các đối tượng gồm Trần Văn Kiên (SN 1991) và Lê Văn Bảo (SN 1989). "
        "Nhân chứng là anh Lò Văn Hiếu (40 tuổi)."
    )
    roles = {person.name: person.role for person in find_people(text)}
    assert roles["Nguyễn Văn Phúc"] == "đối tượng (34 tuổi)"
    assert roles["Trần Văn Kiên"] == "đối tượng (SN 1991)"
    assert roles["Lê Văn Bảo"] == "đối tượng (SN 1989)"
    assert roles["Lò Văn Hiếu"] == "(40 tuổi)"


def test_a_post_ending_in_a_place_and_a_name_after_a_place():
    roles = {
        p.name: p.role
        for p in find_people(
            "Thiếu tướng Nguyễn Văn Thuận, Giám đốc Công an tỉnh Sơn La, cảm ơn đoàn. "
            "Thượng tá Lê Mạnh Hà, Phó Trưởng phòng Tham mưu Công an TP Hồ Chí Minh, cho biết. "
            "Phó Giám đốc Công an TP Hồ Chí Minh Trần Văn Bình cho biết."
        )
    }
    assert roles["Nguyễn Văn Thuận"] == "Thiếu tướng, Giám đốc Công an tỉnh Sơn La"
    assert "Phó Trưởng phòng" in roles["Lê Mạnh Hà"]
    assert roles["Trần Văn Bình"] == "Phó Giám đốc Công an TP Hồ Chí Minh"
    assert "Hồ Chí Minh" not in roles


def test_english_names_with_titles_particles_and_posts_around_them():
    text = (
        "The Home Secretary, the Rt Hon Jane Doe MP, met officials. "
        "Vietnam’s ambassador to Thailand, Mr Pham Van An, thanked them. "
        "Colonel Nguyen Van Binh, deputy director of the provincial police, said more. "
        "Lt Gen Somchai Rattana, spokesman for the Royal Police, said the same. "
        "Dr Anna van der Berg, Director of the Centre, said so. "
        "“We thank them,” said Assistant Director in Charge Sean O’Neill of the FBI’s Field Office. "
        "Ông David de la Cruz, Tùy viên FBI, đã gửi thư."
    )
    roles = {p.name: p.role for p in find_people(text)}
    assert "Home Secretary" in roles["Jane Doe"]
    assert "ambassador" in roles["Pham Van An"]
    assert "deputy director" in roles["Nguyen Van Binh"]
    assert "spokesman" in roles["Somchai Rattana"]
    assert "Director" in roles["Anna van der Berg"]
    assert "Assistant Director in Charge" in roles["Sean O’Neill"]
    assert "Tùy viên" in roles["David de la Cruz"]
