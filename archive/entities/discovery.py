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
from dataclasses import dataclass

import ahocorasick

from archive.text import fold

VI_RANKS = [
    "Đại tướng",
    "Thượng tướng",
    "Trung tướng",
    "Thiếu tướng",
    "Đại tá",
    "Thượng tá",
    "Trung tá",
    "Thiếu tá",
    "Đại úy",
    "Bộ trưởng",
    "Thứ trưởng",
    "Tổng cục trưởng",
    "Cục trưởng",
    "Giám đốc",
    "Chủ tịch",
    "Đại sứ",
    "Tổng Bí thư",
    "Thủ tướng",
    "Phó Thủ tướng",
    "Tổng thư ký",
    "Trưởng đoàn",
    "Viện trưởng",
    "Chánh án",
]
# Words that open a post after the name: ", Ủy viên Trung ương Đảng, Thứ trưởng Bộ Công an".
VI_POSTS = [*VI_RANKS, "Ủy viên", "Uỷ viên", "Phó", "Trưởng", "Chánh", "Bí thư", "Tư lệnh"]
ACADEMIC = r"(?:GS|PGS|TS|ThS|CN|KS|BS|NGƯT|NGND)(?:\.\s?(?:GS|PGS|TS|ThS))*\.?"
EN_POSTS = [
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
    "Prime Minister",
    "President",
    "Commissioner",
    "Chief",
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
    r"tiếp|chủ trì|cùng|tại|đến|với|trong|nói|và|said|told|met|at|in|on|with|and)\s"
)

_WORD = r"[^\W\d_][^\W\d_'’-]*(?:-[^\W\d_]+)?"
VI_RANK_RE = re.compile(
    r"(?<!\w)(?P<rank>(?:(?:Phó\s+)?(?:" + "|".join(VI_RANKS) + r"),?\s+)+)"
    r"(?:(?P<acad>" + ACADEMIC + r")\s+)?"
    r"(?P<name>(?:" + _WORD + r"\s+){1,5}" + _WORD + r")"
)
EN_POST_RE = re.compile(
    r"(?<!\w)(?P<rank>(?:" + "|".join(EN_POSTS) + r")(?:\s+(?:of|for|the|[A-Z]\w*))*)"
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


@dataclass(frozen=True)
class FoundOrganisation:
    name: str
    acronym: str


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
    if len(run) < 2 or fold(run[0]) in ORG_WORDS:
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
    text = re.split(r"[.;:!?()“”\"]", text, maxsplit=1)[0]
    text = re.sub(r",\s+(?=chống\b)", "\x1f", text)  # "phòng, chống" is one phrase
    posts = []
    for segment in text.split(",")[1:]:
        segment = segment.strip().replace("\x1f", ", ")
        if not any(segment.startswith(post + " ") for post in VI_POSTS):
            break
        cut = POST_END.search(f"{segment} ")
        if cut and cut.start() < len(segment):
            posts.append(segment[: cut.start()].strip())
            break
        posts.append(segment)
    return posts


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
        end = 0
        for at in sorted(starts):
            if at >= end and (match := self.pattern.match(text, at)):
                end = match.end()
                yield match


VI_RANK_STARTS = StartingWith(VI_RANK_RE, ["Phó", *VI_RANKS])
EN_POST_STARTS = StartingWith(EN_POST_RE, EN_POSTS)


def find_people(text: str) -> list[FoundPerson]:
    found: list[FoundPerson] = []
    for match in VI_RANK_STARTS.finditer(text):
        name = _name_from_run(_capitalised_run(match["name"]))
        if not name:
            continue
        name_end = text.find(name, match.start("name")) + len(name)
        posts = _posts_after(text[name_end : name_end + 200].split(".")[0])
        rank = re.sub(r"[\s,]+$", "", match["rank"])
        found.append(FoundPerson(name, ", ".join(filter(None, [rank, match["acad"], *posts]))))
    for match in EN_POST_STARTS.finditer(text):
        words = match["rank"].split()
        size = 3 if len(words) >= 4 and fold(words[-3]) in VI_SURNAMES else 2
        if len(words) <= size or not all(w[:1].isupper() for w in words[-size:]):
            continue
        name = " ".join(words[-size:])
        if fold(words[-size]) in ORG_WORDS or fold(words[-1]) in EN_POST_WORDS:
            continue
        role = " ".join(words[:-size])
        if role.split()[-1] in ("of", "for", "the"):
            continue
        found.append(FoundPerson(name, role))
    for match in SUSPECT_ABOUT.finditer(text):
        before = text[max(0, match.start() - 80) : match.start()].rstrip()
        name = _name_from_run(_trailing_capitalised(before))
        if name:
            start = len(before) - len(name)
            head = fold(before[max(0, start - 20) : start]).rstrip()
            label = next((lb for lb in SUSPECT_LABELS if head.endswith(fold(lb))), "")
            found.append(FoundPerson(name, f"{label} ({match['about'].strip()})".strip()))
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
            found.append(FoundOrganisation(name, acronym))
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
    if re.search(r",|\s(?:và|với|and)\s", name) or len(name.split()) > 12 or len(name.split()) < 2:
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
