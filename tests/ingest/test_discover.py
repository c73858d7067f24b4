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


def test_spokespeople_unit_heads_and_chained_honorifics():
    text = (
        "Người Phát ngôn Bộ Ví Dụ Trần Thị Mai Hoa trả lời câu hỏi của phóng viên. "
        "Trung tá Lê Văn Hùng, Đội trưởng Đội Điều tra tổng hợp, cho biết thêm. "
        "Ông Dato' Mohd Ali bin Hassan, Trưởng đoàn công tác, phát biểu. "
        "Về phía bạn có ngài Ivan Petrov, Phó Tổng Công tố Liên bang, cùng đoàn. "
        "Theo TS. Phạm Văn Long, Phó Cục trưởng Cục Ví dụ, sản phẩm này là hàng giả."
    )
    roles = {p.name: p.role for p in find_people(text)}
    assert roles["Trần Thị Mai Hoa"].startswith("Người Phát ngôn")
    assert roles["Lê Văn Hùng"] == "Trung tá, Đội trưởng Đội Điều tra tổng hợp"
    assert roles["Mohd Ali bin Hassan"] == "Trưởng đoàn công tác"
    assert roles["Ivan Petrov"] == "Phó Tổng Công tố Liên bang"
    assert roles["Phạm Văn Long"] == "Phó Cục trưởng Cục Ví dụ"
    # Guards: "ngài" inside a word and a title with no name after it name no one.
    assert not find_people("Người dân ngài ngại khi TS. cho biết số liệu.")


def test_english_posts_after_names_with_ranks_and_accented_capitals():
    text = (
        "“It matters,” said Jonas Žemaitis, Head of the Example Centre. "
        "“We help,” said Mary O’Hara, founder of the Example Trust. "
        "The man was held, said Pol Maj Gen Somsak Chaiya, commander of Division 9. "
        "“Thanks,” said Mr. Karl Weber, UNODC Deputy Representative for the region."
    )
    roles = {p.name: p.role for p in find_people(text)}
    assert roles["Jonas Žemaitis"] == "Head of the Example Centre"
    assert roles["Mary O’Hara"] == "founder of the Example Trust"
    assert roles["Somsak Chaiya"] == "commander of Division 9"
    assert roles["Karl Weber"] == "UNODC Deputy Representative for the region"
    # Guard: a clause after a name that holds no post gives no post.
    assert not find_people("“Fine,” said Mr. Karl Weber, who lives in the region.")[0].role


def test_vietnamese_posts_after_a_rank_and_name_and_bodies_joined_by_va():
    text = (
        "Thượng tá Lê Văn Hùng, Đồn trưởng Đồn Biên phòng Ví Dụ cho biết thêm. "
        "Chuẩn tướng Darren Tan Kok Seng, Chỉ huy trưởng Cơ quan Ví dụ và Tác chiến mạng cho "
        "biết. Phía bạn có bà Anna Ví Dụ, Thứ trưởng Bộ Tư pháp và Nội vụ, cùng đoàn. "
        "Ông Karl Weber, Đại sứ, Trưởng Phái đoàn EU phát biểu."
    )
    roles = {p.name: p.role for p in find_people(text)}
    assert roles["Lê Văn Hùng"] == "Thượng tá, Đồn trưởng Đồn Biên phòng Ví Dụ"
    assert roles["Darren Tan Kok Seng"].endswith("Cơ quan Ví dụ và Tác chiến mạng")
    assert roles["Anna Ví Dụ"] == "Thứ trưởng Bộ Tư pháp và Nội vụ"
    assert roles["Karl Weber"] == "Đại sứ, Trưởng Phái đoàn EU"
    assert "Trưởng Phái" not in roles  # a post's first word never opens a name
    # Guards: "và" before a person or a lower-case verb ends the post; a surname spelled
    # like "Trưởng" (Trương) still opens a name.
    text = "Đại tá Trương Văn Nam, Giám đốc Công an tỉnh và Trung tá Lê Văn Bình dự họp."
    roles = {p.name: p.role for p in find_people(text)}
    assert roles["Trương Văn Nam"] == "Đại tá, Giám đốc Công an tỉnh"
    assert roles["Lê Văn Bình"] == "Trung tá"


def test_english_mission_and_detective_ranks_family_names_and_shared_posts():
    text = (
        "“We share methods,” said Deputy Chief of Mission Laura Example at the ceremony. "
        "Detective Superintendent Marie Example said the arrest was quick. "
        "Mr. SATO Kenichi, Director of the Example Division, said the skills help. "
        "Colonel Do Van Example, head of the visiting delegation, thanked the hosts. "
        "The Example Co-Chairs, Mr. Ian Example and Ms. Mariam bin Example, welcomed it."
    )
    roles = {p.name: p.role for p in find_people(text)}
    assert roles["Laura Example"] == "Deputy Chief of Mission"
    assert roles["Marie Example"] == "Detective Superintendent"
    assert roles["SATO Kenichi"] == "Director of the Example Division"
    assert roles["Do Van Example"] == "Colonel, head of the visiting delegation"
    assert roles["Ian Example"] == roles["Mariam bin Example"] == "Example Co-Chairs"
    # Guards: an acronym before a name is no family name; "and" after a name with no post
    # shares none.
    assert "UNODC Karl" not in {p.name for p in find_people("Mr. UNODC Karl Weber spoke.")}
    people = find_people("Officials met Mr. Ian Example and Ms. Anna Example on Monday.")
    assert all(not p.role for p in people)


def test_posts_in_lower_case_an_officer_and_a_post_before_the_name_after_said():
    text = (
        "Tại hội nghị. Ông Karl Weber, đại diện khu vực của Văn phòng Ví Dụ, cho biết thêm. "
        "Ông Hans Meier, tùy viên cảnh sát Đại sứ quán Ví Dụ, đánh giá cao. "
        "Ông Ian Fletcher, Sĩ quan liên lạc Cơ quan Ví Dụ tại Hà Nội, cho biết. "
        "“We act together,” said Ruritania's Executive Director of Example Services, "
        "Marie Dubois. "
        "The delegation was led by Major General Tran Van Vien, Director of the Example "
        "Department, on Monday."
    )
    roles = {p.name: p.role for p in find_people(text)}
    assert roles["Karl Weber"].startswith("đại diện khu vực")
    assert roles["Hans Meier"].startswith("tùy viên cảnh sát")
    assert roles["Ian Fletcher"].startswith("Sĩ quan liên lạc")
    assert roles["Marie Dubois"] == "Ruritania's Executive Director of Example Services"
    assert roles["Tran Van Vien"].startswith("Major General")  # "Vien" ends a name here
    # Guards: a one-word post in lower case ("trưởng thành") is no post; a clause after
    # "said" with no post's word gives no person; a body's word still heads a body.
    people = find_people("Hôm qua. Ông Karl Weber, trưởng thành từ quân ngũ, nói.")
    assert all(not p.role for p in people)
    assert not find_people("“Fine,” said Ruritania's best known shop owner, Anna Example.")
    assert "Vien Example" not in {p.name for p in find_people("Director Vien Example Abc spoke.")}


def test_a_middle_initial_a_rank_in_lower_case_and_a_supreme_commander():
    text = (
        "Hôm qua. Ông Karl B. Example, Giám đốc Văn phòng Ví Dụ, cho biết thêm. "
        "Phía bạn cử chuẩn tướng Ruri Tania, Giám đốc Điều tra tội phạm mạng, sang dự. "
        "Đại tướng Anon Example, Tổng Tư lệnh Cảnh sát Ví Dụ đồng chủ trì Hội nghị."
    )
    roles = {p.name: p.role for p in find_people(text)}
    assert roles["Karl B. Example"].startswith("Giám đốc")
    assert roles["Ruri Tania"] == "chuẩn tướng, Giám đốc Điều tra tội phạm mạng"
    assert roles["Anon Example"] == "Đại tướng, Tổng Tư lệnh Cảnh sát Ví Dụ"
    # Guards: a Vietnamese name's letter ending a sentence is no initial; a lower-case
    # rank before a body's name names no one.
    names = {p.name for p in find_people("Bắt giữ ông Nguyễn Văn A. Sau đó, ông Lê Văn B khai.")}
    assert not any("Sau" in name for name in names)
    assert not find_people("Ông được phong hàm đại tá Công an nhân dân năm 2020.")


def test_an_initial_inside_an_english_name_after_a_post_and_a_judge():
    text = (
        "The man was sentenced, announced U.S. Attorney Karl B. Example. "
        "Today, District Judge Anna C. Sample also ordered him to pay restitution."
    )
    roles = {p.name: p.role for p in find_people(text)}
    assert "Attorney" in roles["Karl B. Example"]
    assert "Judge" in roles["Anna C. Sample"]
    # Guard: an initial with no surname after it ends the name, names no "B." person.
    names = {p.name for p in find_people("The case went to Attorney Karl Example B. Then he left.")}
    assert not any(name.endswith("B.") for name in names)


def test_a_secretary_of_state_after_a_rank():
    text = (
        "Hôm qua, Thượng tướng Lê Văn Ví, Thứ trưởng Bộ Công an và Tướng Ruri Tania, Quốc vụ"
        " khanh Bộ Nội vụ Ví Dụ đã ký Kế hoạch. Quốc vụ khanh Ruri Tania khẳng định thêm."
    )
    roles = {p.name: p.role for p in find_people(text)}
    assert "Quốc vụ khanh" in roles["Ruri Tania"]
    assert "Thứ trưởng" in roles["Lê Văn Ví"]
    # Guard: the post before a body's name names no one.
    assert not find_people("Hôm qua, Quốc vụ khanh Bộ Nội vụ Ví Dụ đã sang thăm.")


def test_a_country_manager_is_a_post():
    text = "Ms. Anna Sample, EXO Country Manager for Examplia, said the unit would grow."
    roles = {p.name: p.role for p in find_people(text)}
    assert "Country Manager" in roles["Anna Sample"]
    # Guard: a manager of a shop is no post; its name is found without one.
    roles = {p.name: p.role for p in find_people("Ms. Anna Sample, a shop manager, said so.")}
    assert "manager" not in roles.get("Anna Sample", "")
