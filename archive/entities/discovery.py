"""People and organisations an article names that the curated file may not know. No database.

People are found by the rank or post written before their name, in Vietnamese ("Thượng tướng
Lê Quý Vương, Ủy viên Trung ương Đảng, Thứ trưởng Bộ Công an"; "Thiếu tướng, GS.TS Nguyễn Văn
A, Giám đốc Học viện ...") and English ("Deputy Minister of Public Security Le Quy Vuong"), and
as suspects named with their age or birth year in crime reports ("đối tượng Zhang Wei (35 tuổi,
quốc tịch Trung Quốc)"). Organisations are found where a full name is followed by its acronym
("Cục Cảnh sát hình sự (C02)", "National Crime Agency (NCA)").
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import ahocorasick

from archive.text import fold

VI_RANKS = [
    "Đại tướng",
    "Thượng tướng",
    "Trung tướng",
    "Thiếu tướng",
    "Chuẩn tướng",
    "Tướng",
    "Đại tá",
    "Thượng tá",
    "Trung tá",
    "Thiếu tá",
    "Đại úy",
    "Bộ trưởng",
    "Thứ trưởng",
    "Tổng cục trưởng",
    "Tổng Cục trưởng",
    "Cục trưởng",
    "Giám đốc",
    "Chủ tịch",
    "Đại sứ",
    "Tổng Bí thư",
    "Thủ tướng",
    "Phó Thủ tướng",
    "Tổng thư ký",
    "Tổng Thư ký",
    "Ngoại trưởng",
    "Trưởng đại diện",
    "Trưởng phòng",
    "Trưởng đoàn",
    "Viện trưởng",
    "Chánh án",
    # Cambodia's and Laos's secretary of state: "Tướng X, Quốc vụ khanh Bộ Nội vụ Campuchia".
    "Quốc vụ khanh",
    # A spokesperson, before the name or before the body and the name: "Người Phát ngôn Bộ
    # Ngoại giao Lê Thị Thu Phương".
    "Người Phát ngôn",
    "Người phát ngôn",
]
# Papers also write a military rank in lower case before a name: "cử chuẩn tướng Untung X".
VI_RANKS += [
    rank.lower() for rank in VI_RANKS if rank.split()[-1] in ("tướng", "tá", "úy") and " " in rank
]
# Words that open a post after the name: ", Ủy viên Trung ương Đảng, Thứ trưởng Bộ Công an".
VI_POSTS = [
    *VI_RANKS,
    "Ủy viên",
    "Uỷ viên",
    "Phó",
    "Trưởng",
    "Chánh",
    "Bí thư",
    "Tư lệnh",
    "Tổng Tư lệnh",
    "Tổng tư lệnh",
    "Đại diện",
    "Người phát ngôn",
    "Tổng Cục phó",
    "Tổng cục phó",
    "Cục phó",
    "Tùy viên",
    "Tuỳ viên",
    # A team's or a unit's head after a rank and name: "Trung tá X, Đội trưởng Đội ...".
    "Đội trưởng",
    "Đội phó",
    "Chính ủy",
    "Chính uỷ",
    "Chỉ huy trưởng",
    # A border post's head after a rank and name: "Thượng tá X, Đồn trưởng Đồn Biên phòng ...".
    "Đồn trưởng",
    "Đồn phó",
    "Đại sứ",
    # An officer's post after the name: "ông X, Sĩ quan liên lạc NCA tại Việt Nam".
    "Sĩ quan",
]
ACADEMIC = r"(?:GS|PGS|TS|ThS|CN|KS|BS|NGƯT|NGND)(?:\.\s?(?:GS|PGS|TS|ThS))*\.?"
EN_POSTS = [
    # A mission's second: "said Deputy Chief of Mission Laura X" (not "Chief" of "Mission X").
    "Deputy Chief of Mission",
    "Chief of Mission",
    "Chargé d'Affaires",
    # British and Commonwealth police ranks: "Detective Superintendent Marie X".
    "Detective Chief Superintendent",
    "Detective Superintendent",
    "Detective Chief Inspector",
    "Detective Inspector",
    "Detective Sergeant",
    "Chief Superintendent",
    "Deputy Minister",
    "Vice Minister",
    "Minister",
    "Ambassador",
    "Senior Lieutenant General",
    "Lieutenant General",
    "Major General",
    "General",
    "Colonel",
    "Director General",
    "Director",
    "Deputy Director",
    "Secretary General",
    "Secretary-General",
    "Secretary of State",
    "Home Secretary",
    "Executive Director",
    "Foreign Minister",
    "Commander",
    "Prime Minister",
    "President",
    "Commissioner",
    "Chief",
    "Attorney",
    # A court's: "U.S. District Judge Lee H. Rosenthal".
    "Judge",
    "Assistant Director in Charge",
    "Special Agent in Charge",
]
EN_POST_WORDS = {fold(word) for post in EN_POSTS for word in post.split()}
VI_SURNAMES = {
    fold(name)
    for name in [
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Lương",
        "Tô",
        "Đinh",
        "Trương",
        "Tạ",
        "Mai",
        "Đào",
        "Cao",
        "Lâm",
        "Hà",
        "Trịnh",
        "Lưu",
        "Thái",
        "Kiều",
        "Chu",
        "Triệu",
        "Quách",
        "Tăng",
    ]
}
# Places whose first word is also a surname: "Công an TP Hà Nội" names no "Hà Nội".
VI_PLACES = {
    fold(name)
    for name in ("Hà Nội", "Hà Giang", "Hà Tĩnh", "Hà Nam", "Hà Lan", "Thái Bình", "Thái Nguyên",
                 "Thái Lan", "Cao Bằng", "Lâm Đồng", "Lào Cai", "Tô Lịch")
}  # fmt: skip
# First words of an organisation's name: a capitalised run starting so is not a person.
ORG_WORDS = {
    fold(word)
    for word in [
        "Bộ",
        "Cục",
        "Tổng",
        "Học",
        "Sở",
        "Viện",
        "Ban",
        "Ủy",
        "Uỷ",
        "Trung",
        "Phòng",
        "Công",
        "Hội",
        "Hiệp",
        "Đại",
        "Tòa",
        "Viện",
        "Cảnh",
        "Ministry",
        "Department",
        "Agency",
        "Police",
        "Office",
        "Bureau",
        "National",
        "Interpol",
        "United",
    ]
}
SUSPECT_LABELS = ["đối tượng", "nghi phạm", "nghi can", "bị can", "bị cáo", "suspect"]
ORG_HEADS = [
    "Bộ",
    "Cục",
    "Tổng cục",
    "Học viện",
    "Viện",
    "Sở",
    "Phòng",
    "Ban",
    "Văn phòng",
    "Trung tâm",
    "Tổ chức",
    "Ủy ban",
    "Hiệp hội",
    "Công an",
    "Tòa án",
    "Viện kiểm sát",
    "Trường",
]
# Where a post stops: the end of a clause or the verb that follows the person's description.
POST_END = re.compile(
    r"[.;:!?()“”\"]|\s(?:đã|đang|sẽ|cho biết|phát biểu|nhấn mạnh|khẳng định|tham dự|dẫn đầu|"
    r"tiếp|(?:đồng )?chủ trì|cùng|tại|đến|với|trong|nói|và|đề nghị|cảm ơn|đánh giá|said|told|"
    r"met|at|in|on|with|and)\s"
)

_WORD = r"[^\W\d_][^\W\d_'’-]*(?:-[^\W\d_]+)?"
VI_RANK_RE = re.compile(
    r"(?<!\w)(?P<rank>(?:(?:Phó\s+)?(?:" + "|".join(VI_RANKS) + r"),?\s+)+)"
    r"(?:(?P<acad>" + ACADEMIC + r")\s+)?"
    r"(?P<name>(?:" + _WORD + r"\s+){1,5}" + _WORD + r")"
)
# Particles inside a personal name: "Ursula von der Leyen", "Mohd Zain bin Ahmad".
PARTICLES = {"de", "da", "di", "van", "von", "der", "den", "bin", "binti", "al", "du", "dos", "la"}
PARTICLES |= {"del", "ter", "ten", "bint", "ibn"}
_PARTICLE = "|".join(sorted(PARTICLES))
EN_POST_RE = re.compile(
    r"(?<!\w)(?P<rank>(?:" + "|".join(EN_POSTS) + r")(?:\s+(?:of|for|the"
    r"|[A-Z]\.(?=\s+[A-Z][a-z])|[A-Z][\w'’-]*"
    r"|(?:" + _PARTICLE + r")(?=(?:\s+(?:" + _PARTICLE + r"))*\s+[A-Z])))*)"
)
# "(35 tuổi, quốc tịch Trung Quốc)", "(SN 1990, trú tại Hà Nội)", "(aged 34, a Chinese national)"
SUSPECT_ABOUT = re.compile(
    r"\((?P<about>[^()]{0,80}?(?:\d{1,2}\s*tuổi|SN\s*\d{4}|sinh năm\s*\d{4}|aged?\s*\d{1,2})"
    r"[^()]{0,80})\)",
    re.IGNORECASE,
)
ACRONYM_RE = re.compile(r"\((?P<acronym>[A-Z][A-Z0-9&]{1,11})\)")


@dataclass(frozen=True)
class FoundPerson:
    name: str
    role: str
    evidence: str = field(default="", compare=False)  # the sentence that names them


@dataclass(frozen=True)
class FoundOrganisation:
    name: str
    acronym: str
    evidence: str = field(default="", compare=False)


def _capitalised_run(text: str) -> list[str]:
    """The leading words of `text` that start with a capital letter (a personal name's words)."""
    run = []
    for word in text.split():
        clean = word.rstrip(",.;:")
        if not clean or not clean[0].isupper() or not clean.replace("-", "").isalpha():
            break
        run.append(clean)
        if clean != word:
            break
    return run


def _trailing_capitalised(text: str) -> list[str]:
    words = text.split()
    run: list[str] = []
    for word in reversed(words):
        if not word[:1].isupper() or not word.replace("-", "").isalpha():
            break
        run.insert(0, word)
    return run[-5:]


def _name_from_run(run: list[str]) -> str | None:
    """A personal name out of a capitalised run: 2 to 5 words, starting at a surname if long."""
    if len(run) < 2 or fold(run[0]) in ORG_WORDS or fold(" ".join(run[:2])) in VI_PLACES:
        return None
    if len(run) > 4:
        starts = [
            i for i, word in enumerate(run) if fold(word) in VI_SURNAMES and len(run) - i >= 2
        ]
        if not starts:
            return None
        run = run[starts[-1] :]
    return " ".join(run[:5])


def _posts_after(text: str) -> list[str]:
    """Posts listed right after a name: ", Ủy viên Trung ương Đảng, Thứ trưởng Bộ Công an"."""
    if not text.startswith(","):  # a post stands right after the name, or it is not its post
        return []
    text = re.split(r"[.;:!?()“”\"\n]", text, maxsplit=1)[0]
    text = re.sub(r",\s+(?=chống\b)", "\x1f", text)  # "phòng, chống" is one phrase
    posts = []
    for segment in text.split(",")[1:]:
        segment = segment.strip().replace("\x1f", ", ")
        if not any(_opens_post(segment, post) for post in VI_POSTS):
            break
        cut = _post_end(f"{segment} ")
        if cut and cut.start() < len(segment):
            posts.append(segment[: cut.start()].strip())
            break
        posts.append(segment)
    return posts


def _opens_post(segment: str, post: str) -> bool:
    """`segment` opens with `post`; a post of two words or more also in lower case, as papers
    write it after a name ("ông X, đại diện khu vực ...", "ông Y, tùy viên cảnh sát ...")."""
    if segment == post or segment.startswith(post + " "):
        return True
    return " " in post and segment[:1].islower() and segment.startswith(post.lower() + " ")


def _post_end(text: str) -> re.Match | None:
    """Where a post stops; "và" between two capitalised words of a body's name does not stop
    it ("Thứ trưởng Bộ Tư pháp và Nội vụ"), nor before a person ("và Trung tá X", "và Lê ...")."""
    at = 0
    while cut := POST_END.search(text, at):
        after = text[cut.end() :].split()
        joined = cut.group(0).strip() == "và" and after and after[0][:1].isupper()
        person = after and (after[0].lower() in POST_FIRST_WORDS or fold(after[0]) in VI_SURNAMES)
        person = person or (after and fold(after[0]) in VI_RANK_WORDS | {"ong", "ba"})
        if not joined or person:
            return cut
        at = cut.end() - 1
    return None


class StartingWith:
    """`pattern.finditer(text)` for a pattern whose every match starts with one of `literals`.

    The regular expression engine tries the pattern at every position of the text (half of
    finding people took that); here one Aho-Corasick scan finds where a literal starts, and
    the pattern is tried there only, in order, past the end of the previous match."""

    def __init__(self, pattern: re.Pattern, literals: list[str]):
        self.pattern = pattern
        self.automaton = ahocorasick.Automaton()
        for literal in literals:
            self.automaton.add_word(literal, len(literal))
        self.automaton.make_automaton()

    def finditer(self, text: str) -> Iterator[re.Match]:
        starts = {end - length + 1 for end, length in self.automaton.iter(text)}
        return matches_at(self.pattern, text, sorted(starts))


def matches_at(pattern: re.Pattern, text: str, starts: list[int]) -> Iterator[re.Match]:
    """`pattern` tried at each of `starts` (in order) past the end of the previous match."""
    end = 0
    for at in starts:
        if at >= end and (match := pattern.match(text, at)):
            end = match.end()
            yield match


class Starts:
    """Where the literals of several patterns start in a text, found in one scan of it."""

    def __init__(self, literals: dict[str, list[str]]):
        groups: dict[str, set[str]] = {}
        for group, words in literals.items():
            for word in words:
                groups.setdefault(word, set()).add(group)
        self.groups = list(literals)
        self.automaton = ahocorasick.Automaton()
        for word, of in groups.items():
            self.automaton.add_word(word, (len(word), tuple(of)))
        self.automaton.make_automaton()

    def find(self, text: str) -> dict[str, list[int]]:
        found: dict[str, set[int]] = {group: set() for group in self.groups}
        for end, (length, of) in self.automaton.iter(text):
            for group in of:
                found[group].add(end - length + 1)
        return {group: sorted(starts) for group, starts in found.items()}


VI_RANK_STARTS = StartingWith(VI_RANK_RE, ["Phó", *VI_RANKS])
EN_POST_STARTS = StartingWith(EN_POST_RE, EN_POSTS)


def find_people(text: str) -> list[FoundPerson]:
    """People named with a rank or post, before or after the name, and suspects with their age.

    One person named twice ("Le Quoc Hung", "Lê Quốc Hùng") is listed once, spelled with
    diacritics when the text has them, with the longest post found."""
    found: list[tuple[int, FoundPerson]] = []
    covered = 0  # a rank inside a found person's post and name starts no other person
    starts = PEOPLE_STARTS.find(text)
    for at in starts["vi"]:
        if at < covered or not (match := VI_RANK_RE.match(text, at)):
            continue
        rank = re.sub(r"[\s,]+$", "", match["rank"])
        run = _capitalised_run(match["name"])
        name = _name_from_run(run) if run and not _is_place(run[0]) else None
        if name and run[0].lower() in POST_FIRST_WORDS:  # "Đại sứ, Trưởng Phái đoàn EU": a post
            name = None
        between = ""
        if name:
            name_end = text.find(name, match.start("name")) + len(name)
        elif not match["acad"] and (after := _name_after_post(text, match.start("name"))):
            between, name, name_end = after
        else:
            continue
        posts = _own_posts(_posts_after(text[name_end : name_end + 200].split(".")[0]))
        covered = text.find(posts[-1], name_end) + len(posts[-1]) if posts else name_end
        role = ", ".join(filter(None, [f"{rank} {between}".strip(), match["acad"], *posts]))
        found.append((match.start(), _person(text, match.start(), name, role)))
    for match in matches_at(EN_POST_RE, text, starts["en"]):
        words = match["rank"].split()
        size = _en_name_size(words)
        while not size and "of" in words[1:]:  # "... Marcus O’Neill of the FBI’s Field Office"
            words = words[: len(words) - 1 - words[::-1].index("of")]
            size = _en_name_size(words)
        if not size:
            continue
        name = " ".join(words[-size:])
        role = " ".join(words[:-size])
        if role.split()[-1] in ("of", "for", "the"):
            continue
        role = " ".join([*_en_words_before(text, match.start()), role])
        end = match.start() + len(match["rank"])
        after = text[end : end + 200]  # "Colonel X, head of the delegation": its post too
        role = ", ".join([role, *(_en_posts_after(after) or _en_post_clause(after))])
        found.append((match.start(), _person(text, match.start(), name, role)))
    found += _people_said(text, starts["said"])
    found += _people_with_honorifics(text, starts["honorific"])
    for match in SUSPECT_ABOUT.finditer(text):
        before = text[max(0, match.start() - 80) : match.start()].rstrip()
        name = _name_from_run(_trailing_capitalised(before))
        if name:
            start = len(before) - len(name)
            head = fold(before[max(0, start - 20) : start]).rstrip()
            label = next((lb for lb in SUSPECT_LABELS if head.endswith(fold(lb))), "")
            label = label or _suspect_label(text, match.start() - len(before) + start, match.end())
            role = f"{label} ({match['about'].strip()})".strip()
            found.append((match.start(), _person(text, match.start(), name, role)))
    return _merged(found)


def _suspect_label(text: str, start: int, end: int) -> str:
    """A label for a list of suspects or one after the name: "Các đối tượng gồm X (SN 1991)",
    "X (34 tuổi), đối tượng bị ... truy nã"."""
    after = fold(text[end : end + 20]).lstrip(" ,")
    label = next((lb for lb in SUSPECT_LABELS if after.startswith(fold(lb))), "")
    if not label:
        head = text[max(0, start - 100) : start]
        head = fold(re.split(r"[.;:!?\n]", head)[-1])
        label = next((lb for lb in SUSPECT_LABELS if re.search(rf"\b{fold(lb)}\b", head)), "")
    return label


def _is_place(word: str) -> bool:
    """An acronym ("ASEAN") or a place ("Australia") before a name, not a part of it."""
    folded = fold(word)
    acronym = word.isupper() and len(word) > 1
    return acronym or (folded in PLACE_WORDS and folded not in VI_SURNAMES)


def _own_posts(posts: list[str]) -> list[str]:
    """Posts up to one that ends in another person's name ("Tổng Thư ký INTERPOL Valdecy
    Urquiza" listed after "Tổng Thư ký ASEAN Kao Kim Hourn")."""
    own = []
    for post in posts:
        words = post.split()
        named = len(words) >= 3 and _name_from_run(words[-2:]) and not _is_place(words[-2])
        named = named and not _ends_in_vi_place(words)
        if named and all(w[:1].isupper() and not w.isupper() for w in words[-2:]):
            break
        own.append(post)
    return own


# Words of an administrative unit before its name: "tỉnh Sơn La", "Công an TP Hồ Chí Minh".
VI_UNITS = {fold(w) for w in ("tỉnh", "phố", "TP", "TP.", "huyện", "quận", "xã", "phường", "trấn")}


def _ends_in_vi_place(words: list[str]) -> bool:
    """The capitalised words ending a post name a place, not a person: after a unit word
    ("tỉnh Hủa Phăn", "TP Hồ Chí Minh"), or Vietnamese in spelling but not opening with a
    surname ("Sơn La", "Tây Ninh")."""
    start = len(words)
    while start and words[start - 1][:1].isupper():
        start -= 1
    run = words[start:]
    if not run or any(fold(word) in VI_UNITS for word in words[max(0, start - 1) :]):
        return bool(run)
    vietnamese = any(ch in _VIETNAMESE_ONLY_LETTERS for ch in "".join(run[-2:]))
    return vietnamese and fold(run[-2] if len(run) >= 2 else run[0]) not in VI_SURNAMES


def _person(text: str, at: int, name: str, role: str) -> FoundPerson:
    return FoundPerson(name, role, evidence=sentence_at(text, at))


SENTENCE_ENDS = (". ", "! ", "? ", "… ", ".\n", "!\n", "?\n")


def sentence_at(text: str, at: int) -> str:
    """The sentence of `text` around position `at` (for curators: why a record was made)."""
    start = 0
    for end in (*SENTENCE_ENDS, "\n"):
        found = text.rfind(end, 0, at)
        if found != -1:
            start = max(start, found + len(end))
    stop = len(text)
    for end in (*SENTENCE_ENDS, "\n"):
        found = text.find(end, at)
        if found != -1:
            stop = min(stop, found + 1)
    return text[start:stop].strip()[:1000]


def _diacritics(name: str) -> int:
    return sum(not ch.isascii() for ch in name)


def _merged(found: list[tuple[int, FoundPerson]]) -> list[FoundPerson]:
    """One entry a person (by the folded name), in the order first named."""
    by_name: dict[str, tuple[int, FoundPerson]] = {}
    for at, person in found:
        key = fold(person.name)
        if key not in by_name:
            by_name[key] = (at, person)
            continue
        first_at, first = by_name[key]
        name = max((first.name, person.name), key=_diacritics)
        role = max((first.role, person.role), key=len)
        evidence = first.evidence if first_at <= at else person.evidence
        by_name[key] = (min(at, first_at), FoundPerson(name, role, evidence=evidence))
    return [person for _, person in sorted(by_name.values(), key=lambda item: item[0])]


# Words of a place or a body standing between a post and a name ("Ngoại trưởng Australia
# Penny Wong", "Tổng Thư ký Liên hợp quốc António Guterres").
PLACE_WORDS = {fold(word) for word in [
    "Australia", "Úc", "Mỹ", "Hoa", "Kỳ", "Anh", "Pháp", "Đức", "Nga", "Nhật", "Bản", "Hàn",
    "Quốc", "Trung", "Quốc", "Campuchia", "Lào", "Thái", "Lan", "Singapore", "Malaysia",
    "Indonesia", "Philippines", "Myanmar", "Ấn", "Độ", "Canada", "New", "Zealand", "Hà", "Lan",
    "Bỉ", "Italy", "Ý", "Brunei", "Việt", "Nam", "Liên", "hợp", "quốc", "ASEAN", "EU", "Liên",
    "minh", "châu", "Âu", "Hội", "đồng", "Quốc", "hội", "Chính", "phủ", "Nhà", "nước", "Tỉnh",
    "Thành", "phố", "TP", "Quận", "Huyện", "Xã", "Phường", "Thị", "Cảnh", "Công", "an",
]}  # fmt: skip
_VIETNAMESE_ONLY_LETTERS = set(
    "ăâđêôơưảẻỉỏủỷạẹịọụỵẽĩũỹằắẳẵặầấẩẫậềếểễệồốổỗộờớởỡợừứửữựỳĂÂĐÊÔƠƯẢẺỈỎỦỶẠẸỊỌỤỴẼĨŨỸ"
)
_NAME_STOP = re.compile(r"[.;:!?()“”\"\n]")


def _name_after_post(text: str, start: int) -> tuple[str, str, int] | None:
    """A name a few words after a post, past the body the post belongs to: "Bộ Công an Phạm
    Thế Tùng", "điều hành UNODC Ghada Waly" -> (body, name, where the name ends)."""
    window = text[start : start + 120]
    if stop := _NAME_STOP.search(window):
        window = window[: stop.start()]
    tokens = list(re.finditer(r"\S+", window))
    for i, token in enumerate(tokens[:10]):
        word = token.group(0)
        if word.endswith(","):
            return None
        if fold(word) in POST_VERBS:
            return None
        if not word[:1].isupper() or _is_place(word):
            continue
        if fold(word) in ORG_WORDS or fold(word) in VI_RANK_WORDS:
            continue
        if i and fold(tokens[i - 1].group(0)) in VI_UNITS:  # "Công an TP Hồ Chí Minh"
            return _name_after_place(window, token.start(), start)
        run = _capitalised_run(window[token.start() :])
        name = _name_from_run(run)
        if not name or i == 0:
            continue
        vietnamese = any(ch in _VIETNAMESE_ONLY_LETTERS for ch in name)
        if vietnamese and fold(run[0]) not in VI_SURNAMES:
            continue
        if fold(run[0]) in PARTICLES or (not vietnamese and len(run) > 4):
            continue
        between = window[: token.start()].strip()
        return between, name, start + token.start() + len(name)
    return None


def _name_after_place(window: str, at: int, start: int) -> tuple[str, str, int] | None:
    """A name after the place a post ends in ("Công an tỉnh Sơn La Nguyễn Văn Thuận"): the
    place's own two or more words come first, then a surname opens the name."""
    run = _capitalised_run(window[at:])
    starts = [i for i in range(2, len(run) - 1) if fold(run[i]) in VI_SURNAMES]
    if not starts:
        return None  # the place alone ("TP Hồ Chí Minh")
    name = " ".join(run[starts[-1] :][:4])
    where = window.find(name, at)
    return window[:where].strip(), name, start + where + len(name)


VI_RANK_WORDS = {fold(word) for rank in VI_RANKS for word in rank.split()}
# First words of a post ("Trưởng", "Phó", "Chánh"), never the first of a name; compared with
# their diacritics, as "Trưởng" (head) and "Trương" (a surname) fold alike.
POST_FIRST_WORDS = {post.split()[0].lower() for post in VI_POSTS}
POST_VERBS = {fold(word) for word in [
    "đã", "đang", "sẽ", "cho", "biết", "phát", "biểu", "nhấn", "mạnh", "tiếp", "dẫn", "đầu",
    "chủ", "trì", "cùng", "tại", "với", "và",
]}  # fmt: skip
EN_ORG_WORDS = EN_POST_WORDS | {fold(word) for word in [
    "Police", "Security", "Affairs", "Ministry", "Office", "Crime", "State", "Commission",
    "Agency", "Department", "Interior", "Justice", "Defence", "Defense", "Foreign", "Home",
    "Public", "Federal", "National", "Force", "Europol", "INTERPOL", "Interpol", "UNODC",
    "Nations", "Union", "Cybercrime",
]}  # fmt: skip


def _en_name_size(words: list[str]) -> int:
    """How many of the last `words` (a post, maybe a body, then a name) are the name."""
    size = 0
    capitals = 0
    for word in reversed(words):
        if fold(word) in PARTICLES and capitals:
            size += 1
            continue
        if capitals and re.fullmatch(r"[A-Z]\.", word):  # "Nicholas J. Ganjei": an initial
            size += 1
            continue
        if not word[:1].isupper() or word.isupper() or fold(word) in EN_ORG_WORDS:
            break
        # A body's word heads its name ("Vien" for Viện): the name's last word ("Nguyen Van
        # Vien", written without diacritics) is no such head.
        if (fold(word) in ORG_WORDS and size) or capitals == 4:
            break
        size += 1
        capitals += 1
    while size and fold(words[-size]) in PARTICLES:  # "de Bolle" alone is no full name
        size -= 1
    if capitals < 2 or size >= len(words):
        return 0
    return size


def _en_words_before(text: str, at: int) -> list[str]:
    """Capitalised words right before a post that belong to it: "Australian Foreign"."""
    words = text[max(0, at - 60) : at].split()
    taken: list[str] = []
    for word in reversed(words[-3:]):
        bare = word.replace("’s", "").replace("'s", "").replace(".", "")  # "U.S."
        if not word[:1].isupper() or not bare.isalpha():
            break
        if word in ("The", "A", "An", "In", "On", "At", "By"):
            break
        taken.insert(0, word)
    return taken


EN_POST_AFTER = re.compile(
    r",\s+(?P<post>(?:[A-Z][\w'’-]*\s+){0,3}(?i:" + "|".join(EN_POSTS) + r")\b[^,.;:()“”\"]{0,100})"
)


def _en_posts_after(text: str) -> list[str]:
    """ ", Deputy Minister of Public Security of Vietnam," right after an English name."""
    match = EN_POST_AFTER.match(text)
    return [match["post"].strip()] if match else []


# Capital letters of the Latin scripts: "Šileris", "Østergaard" are names as "Smith" is.
_UPPER = "".join(ch for ch in map(chr, range(0x41, 0x250)) if ch.isupper())
_CAP = f"[{_UPPER}]"
_EN_NAME = (
    rf"{_CAP}[\w'’-]+(?:\s+(?:(?:" + "|".join(sorted(PARTICLES)) + rf")\s+)*{_CAP}[\w'’-]+){{1,3}}"
)
EN_POST_WORD = re.compile(
    r"\b(?i:Director|Representative|Commissioner|Commander|Minister|Secretary|President|Chief"
    r"|Head|Spokesperson|Spokesman|Spokeswoman|Ambassador|Officer|Chair|Chairman|Governor"
    r"|Inspector|Superintendent|Attorney|Attaché|Founder|Co-founder|(?:Co-)?Chairs?"
    # An agency's head in a country: "UNODC Country Manager for Viet Nam".
    r"|(?:Country|Regional|Programme|Program) (?:Manager|Coordinator))\b"
)
# "Neal Jetton, INTERPOL's Director of Cybercrime, said": a name, its post, then a verb.
SAID_AFTER = re.compile(r",\s+(?:said|says|told|added|noted|stressed|warned|explained)\b")
NAME_POST_END = re.compile(rf"(?P<name>{_EN_NAME}),\s+(?P<post>[^,;:.“”\"()]{{3,140}})$")
# "... said Masood Karimipour, UNODC Regional Representative for Southeast Asia."
SAID_BEFORE = re.compile(r"(?<!\w)(?:said|says|according to)\s+(?=[A-Z])")
# Abbreviated ranks before a name after "said": "said Pol Maj Gen Thanakorn Srisuk, ...".
_EN_RANKS = r"(?:(?:Pol|Lt|Gen|Col|Maj|Capt|Brig|Adm|Supt|Insp|Sgt|Dr|Mr|Mrs|Ms)\.?\s+){1,4}"
NAME_POST_START = re.compile(
    rf"(?P<name>(?:{_EN_RANKS})?{_EN_NAME}),\s+(?P<post>[^,;:.“”\"()]{{3,140}})"
)

# "... said INTERPOL's Executive Director of Police Services, Cyril Gout.": the post first.
POST_NAME_START = re.compile(
    rf"(?P<post>[^,;:.“”\"()]{{3,80}}),\s+(?P<name>{_EN_NAME})(?=\s*[.,;]|\s*$)"
)


SAID_BEFORE_WORDS = ["said", "says", "according to"]


def _people_said(text: str, said_starts: list[int]) -> list[tuple[int, FoundPerson]]:
    found = []
    for said in SAID_AFTER.finditer(text):
        before = text[max(0, said.start() - 240) : said.start()]
        if match := NAME_POST_END.search(before):
            start = said.start() - len(before) + match.start()
            found.append((start, match["name"], match["post"]))
    for said in matches_at(SAID_BEFORE, text, said_starts):
        if match := NAME_POST_START.match(text, said.end()):
            found.append((said.end(), match["name"], match["post"]))
        elif match := POST_NAME_START.match(text, said.end()):
            found.append((said.end() + match.start("name"), match["name"], match["post"]))
    people = []
    for start, name, post in found:
        name = _en_name_only(name)
        if name and EN_POST_WORD.search(post):
            people.append((start, _person(text, start, name, post.strip())))
    return people


def _en_name_only(name: str) -> str | None:
    """The personal name at the end of a capitalised run ("Europol Executive Director Catherine
    De Bolle" -> "Catherine De Bolle")."""
    words = name.split()
    while words and words[0].rstrip(".") in EN_TITLES:  # "Dr", "Pol Lt Gen"
        words = words[1:]
    size = _en_name_size(["x", *words])
    return " ".join(words[-size:]) if size else None


# Titles and abbreviated ranks before an English name: not a part of it.
EN_TITLES = {
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sir", "Dame", "Lt", "Gen", "Col", "Maj", "Capt", "Cpt",
    "Sgt", "Brig", "Adm", "Cdr", "Supt", "Insp", "Pol", "Police", "Lieutenant", "General",
    "Colonel", "Major", "Captain",
}  # fmt: skip


_HONORIFIC = (
    r"(?:[ôÔ]ng|[bB]à|[đĐ]ồng chí|[nN]gài|Mrs?\.?|Ms\.?|Dr\.?|Sir|Dame|Rt\.? Hon\.?"
    r"|Dato['’]?(?: Sri)?|Datuk(?: Seri)?|Tan Sri"
    # An academic title written before a name: "TS. Nguyễn Văn A", "PGS.TS. Trần B".
    r"|(?:GS|PGS|TS|ThS)(?:\.\s?(?:GS|PGS|TS|ThS))*\.)"
)
# Honorifics may stand one after another: "Ông Dato' Ahmad Fadzil bin Ismail".
HONORIFIC = re.compile(rf"\s{_HONORIFIC}(?:\s+{_HONORIFIC})*\s+(?=[A-ZÀ-Ỹ])")


HONORIFIC_LITERALS = ["ông ", "Ông ", "bà ", "Bà ", "Mr", "Ms", "Dr", "Sir ", "Dame ", "Rt", "Dat"]
HONORIFIC_LITERALS += ["Tan Sri ", "đồng chí ", "Đồng chí ", "ngài ", "Ngài "]
HONORIFIC_LITERALS += ["TS.", "PGS.", "GS.", "ThS."]
# Starting at the space before: "ông" alone would stop the scan at every "không" and "công".
HONORIFIC_WORDS = [f"{space}{word}" for space in " \n" for word in HONORIFIC_LITERALS]
# Letters after a British name ("Yvette Cooper MP"): not a part of it.
POST_NOMINALS = {"MP", "QC", "KC", "OBE", "CBE", "MBE", "KBE", "DBE", "PhD", "JP", "MEP"}


def _name_run(text: str) -> list[str]:
    """The capitalised run of a name, particles inside it ("David de la Rosa", "Ahmad bin
    Yusof"), letters after it ("MP") left out."""
    run: list[str] = []
    for word in text.split():
        clean = word.rstrip(",.;:")
        if clean.lower() in PARTICLES and run and not clean[:1].isupper():
            run.append(clean)
            if clean != word:
                break
            continue
        bare = clean.replace("-", "").replace("’", "").replace("'", "")  # "Ji-ho", "O’Neill"
        if not clean[:1].isupper() or not bare.isalpha():
            break
        if clean in POST_NOMINALS:
            break
        if _middle_initial(run, word, text):
            run.append(word)  # "Jaime B. Santiago": a given name, an initial, a family name
            continue
        run.append(clean)
        if clean != word:
            break
    while run and run[-1].lower() in PARTICLES:
        run.pop()
    return run


def _middle_initial(run: list[str], word: str, text: str) -> bool:
    """`word` is a middle initial ("B.") after a foreign given name, a family name after it
    ("Nguyễn Văn A. Sau đó ..." ends a sentence: a Vietnamese name has no initial)."""
    if len(word) != 2 or not word[0].isupper() or word[1] != "." or len(run) != 1:
        return False
    if fold(run[0]) in VI_SURNAMES:
        return False
    after = text.split(word, 1)[1].split()
    return bool(after) and after[0][:1].isupper() and after[0].rstrip(",.;:").isalpha()


def _post_before(text: str, at: int) -> str:
    """The post set before a name between commas: "Vietnam's ambassador to Thailand, Mr X"."""
    before = re.sub(r"\s+the$", "", text[max(0, at - 120) : at].rstrip(), flags=re.IGNORECASE)
    if not before.endswith(","):
        return ""
    clause = re.split(r"[,.;:!?()“”\"\n]", before[:-1])[-1].strip()
    clause = re.sub(r"^(?:the|and|of|by|with)\s+", "", clause, flags=re.IGNORECASE)
    if len(clause.split()) > 10 or not EN_POST_WORD.search(clause):
        return ""
    return clause


EN_POST_CLAUSE = re.compile(r",\s+(?P<post>[^,;:.“”\"()]{3,140})")


def _en_post_clause(text: str) -> list[str]:
    """ ", UNODC Deputy Representative for ..." right after a name: a clause that opens with a
    capital or a post's word and holds a post's word."""
    match = EN_POST_CLAUSE.match(text)
    if not match or not EN_POST_WORD.search(match["post"]):
        return []
    post = match["post"].strip()
    return [post] if post[:1].isupper() or EN_POST_WORD.match(post) else []


def _family_caps(run: list[str]) -> bool:
    """A family name in capitals before the given name ("Mr. SATO Kenichi"), not an acronym:
    two words, the first all capitals with a vowel, the second in title case."""
    first, given = [*run, "", ""][:2]
    return (
        len(run) == 2
        and first.isupper()
        and any(ch in "AEIOU" for ch in fold(first).upper())
        and given[:1].isupper()
        and given[1:].islower()
    )


def _people_with_honorifics(text: str, starts: list[int]) -> list[tuple[int, FoundPerson]]:
    """ "bà Delphine Schantz, Đại diện Văn phòng UNODC ...": an honorific, a name, posts."""
    found = []
    shared = (-1, "")  # where the last name ended, and a post it was given before it
    for match in matches_at(HONORIFIC, text, starts):
        run = _name_run(text[match.end() : match.end() + 80])
        particles = sum(fold(word) in PARTICLES for word in run)
        name = _name_from_run(run) if len(run) - particles <= 4 else None
        if not name or fold(run[0]) in PARTICLES or (_is_place(run[0]) and not _family_caps(run)):
            continue
        end = text.find(name, match.end()) + len(name)
        rest = re.sub(r"^(?:\s+(?:" + "|".join(POST_NOMINALS) + r")\b)+", "", text[end : end + 200])
        posts = _posts_after(rest.split(".")[0])
        posts = posts or _en_posts_after(rest) or _en_post_clause(rest)
        if not posts and text[shared[0] : match.start()].strip(" ,") in ("and", "và"):
            posts = [shared[1]]  # "The Co-Chairs, Mr. X and Ms. Y": the post is theirs both
        before = _post_before(text, match.start())
        posts = posts or [before]
        shared = (end, before or (shared[1] if posts == [shared[1]] else ""))
        found.append(
            (match.start(), _person(text, match.start(), name, ", ".join(filter(None, posts))))
        )
    return found


def find_organisations(text: str) -> list[FoundOrganisation]:
    """Full names followed by their acronym in parentheses."""
    found = []
    heads = sorted(ORG_HEADS, key=len, reverse=True)
    for match in ACRONYM_RE.finditer(text):
        before = text[max(0, match.start() - 120) : match.start()].rstrip()
        acronym = match["acronym"]
        name = _en_org_name(before, acronym) or _vi_org_name(before, heads)
        if name:
            found.append(
                FoundOrganisation(name, acronym, evidence=sentence_at(text, match.start()))
            )
    return found


def _vi_org_name(before: str, heads: list[str]) -> str | None:
    """The last organisation head ("Cục", "Học viện") in `before`, up to its end."""
    best = None
    for head in heads:
        for match in re.finditer(rf"(?<!\w){re.escape(head)}\s", before):
            if best is None or match.start() > best:
                best = match.start()
    if best is None:
        return None
    name = before[best:].strip(" ,")
    # "Cục An ninh mạng và phòng, chống tội phạm ...": one name despite its comma and "và".
    plain = re.sub(r"(?:\svà\s)?phòng,\s+chống", " phòng chống", name, flags=re.IGNORECASE)
    if re.search(r",|\s(?:và|với|and)\s", plain) or len(name.split()) > 16 or len(name.split()) < 2:
        return None
    return name


def _en_org_name(before: str, acronym: str) -> str | None:
    """The capitalised words before "(NCA)" whose initials spell the acronym."""
    words = before.split()
    initials = [c for c in acronym if c.isalpha()]
    taken: list[str] = []
    for word in reversed(words):
        if word[:1].isupper() or (word in ("of", "for", "and", "the", "on", "against") and taken):
            taken.insert(0, word)
        else:
            break
        capitals = [w[0] for w in taken if w[:1].isupper()]
        if capitals == initials:
            return " ".join(taken)
    return None


# Every literal a person's pattern starts with, by pattern: one scan of an article for all.
PEOPLE_STARTS = Starts(
    {
        "vi": ["Phó", *VI_RANKS],
        "en": EN_POSTS,
        "said": SAID_BEFORE_WORDS,
        "honorific": HONORIFIC_WORDS,
    }
)
