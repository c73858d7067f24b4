"""A deterministic synthetic corpus that looks like this archive's data.

Vietnamese text is drawn from the syllables of the seed captures and the multi-syllable words
below, with a Zipf-like distribution (the seeds' own frequency order, then a 1/rank^s law);
10-20 % of articles are English, drawn from the English text below. Lengths follow real news
(200-1500 words), dates span twenty years, and articles mention a few thousand generated
organisations, people and events. Nothing is downloaded.
"""

import bisect
import itertools
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from archive.text import nfc

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

# Multi-syllable words and phrases of the domain, most frequent first.
VI_WORDS = """
công an|tội phạm|hợp tác|quốc tế|an ninh|công nghệ cao|an ninh mạng|lừa đảo|trực tuyến|điều tra
phòng, chống|thực thi pháp luật|không gian mạng|đối tượng|mạng xã hội|tài khoản|ngân hàng|mã độc
chia sẻ thông tin|cơ quan chức năng|đường dây|xuyên quốc gia|buôn bán người|ma túy|rửa tiền|tiền ảo
dữ liệu|hệ thống|tấn công mạng|bảo mật|hội nghị|hội thảo|đào tạo|nâng cao năng lực|bắt giữ|khởi tố
Bộ Công an|Cảnh sát|Việt Nam|Liên hợp quốc|châu Âu|Đông Nam Á|ASEAN|Interpol|Europol|UNODC
trí tuệ nhân tạo|điện toán đám mây|dữ liệu lớn|an toàn thông tin|chữ ký số|ví điện tử|sàn giao dịch
""".replace("\n", "|").split("|")

EN_TEXT = """
Police from several countries agreed to strengthen cooperation against cybercrime, online fraud
and ransomware. The ministry said investigators shared information on criminal networks that
target bank accounts and cryptocurrency exchanges across Southeast Asia. Officials from Interpol,
Europol and the United Nations Office on Drugs and Crime attended the conference, which focused
on electronic evidence, mutual legal assistance and training for law enforcement agencies. The
delegation discussed human trafficking, money laundering and scam compounds, and signed a
memorandum of understanding on joint investigations. Cyber security experts warned that
artificial intelligence and cloud computing make attacks faster, while data protection rules
differ between jurisdictions. The minister called for a hotline between high-tech crime units
and a regional network of contact points available around the clock. Suspects were arrested
after a joint operation, and servers were seized in three countries.
"""

SURNAMES = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Lương Đinh Trịnh Mai"
)
MIDDLE = "Văn Thị Quý Tam Minh Hữu Đức Thanh Quốc Ngọc Xuân Hồng Công Đình Anh Bảo Kim Trọng"
GIVEN = (
    "Vương Vĩnh Quang Hùng Dũng Lan Hà Hương Nam Sơn Tuấn Long Phong Loan Thảo Tâm Hải Trung "
    "Khánh Linh Bình Cường Hiếu Thắng Vinh Phúc Hòa Nghĩa Tú Yến"
)
RANKS = ["Đại tướng", "Thượng tướng", "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá"]
ORG_HEADS = ["Cục", "Phòng", "Công an tỉnh", "Sở", "Trung tâm", "Học viện", "Viện"]
ORG_TOPICS = [
    "An ninh mạng",
    "Cảnh sát hình sự",
    "phòng, chống tội phạm công nghệ cao",
    "Điều tra tội phạm về ma túy",
    "Quản lý xuất nhập cảnh",
    "Hợp tác quốc tế",
    "Kỹ thuật hình sự",
]
PLACES = [
    "Hà Nội",
    "Hải Phòng",
    "Đà Nẵng",
    "Huế",
    "Cần Thơ",
    "Quảng Ninh",
    "Nghệ An",
    "Bình Dương",
    "Đồng Nai",
    "Khánh Hòa",
    "Lâm Đồng",
    "Thanh Hóa",
    "Bắc Ninh",
    "Long An",
    "Kiên Giang",
]
EVENT_KINDS = ["Hội nghị", "Hội thảo", "Diễn đàn", "Khóa đào tạo", "Chiến dịch", "Hội nghị cấp cao"]
SOURCES = [
    ("bao-cand", "Báo CAND"),
    ("dang-cong-san", "Báo điện tử Đảng Cộng sản"),
    ("ttxvn", "TTXVN"),
    ("vnexpress", "VnExpress"),
    ("tuoi-tre", "Tuổi Trẻ"),
    ("thanh-nien", "Thanh Niên"),
    ("vietnamnet", "VietNamNet"),
    ("vov", "VOV"),
    ("nhan-dan", "Nhân Dân"),
    ("vietnam-news", "Việt Nam News"),
]


@dataclass
class Entities:
    organisations: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)


@dataclass
class SyntheticArticle:
    number: int
    title: str
    paragraphs: list[str]
    language: str
    source: str  # source slug
    source_name: str
    published_on: date
    url: str
    mentions: list[str]

    def as_capture(self) -> str:
        """The article as a plain-text capture, the way the seeds look."""
        lines = [
            f"{self.source_name} | Thời sự | Quốc tế",
            self.title,
            f"{self.published_on:%d/%m/%Y} 08:{self.number % 60:02d}",
            *self.paragraphs,
            f"Theo {self.source_name}",
        ]
        return "\n\n".join(lines) + "\n"


class ZipfSampler:
    """Draw items with probability proportional to 1 / rank^exponent."""

    def __init__(self, items: list[str], rng: random.Random, exponent: float = 1.05):
        self.items = items
        weights = [1 / (rank**exponent) for rank in range(1, len(items) + 1)]
        self.cumulative = list(itertools.accumulate(weights))
        self.rng = rng

    def __call__(self) -> str:
        point = self.rng.random() * self.cumulative[-1]
        return self.items[bisect.bisect_left(self.cumulative, point)]


def seed_vocabulary() -> list[str]:
    """Syllables of the seed captures, most frequent first, then the domain words interleaved."""
    counts: Counter = Counter()
    for path in sorted(SEEDS.glob("*.txt")):
        counts.update(re.findall(r"\w+", nfc(path.read_text("utf-8")).lower()))
    syllables = [word for word, _ in counts.most_common() if not word.isdigit()]
    words = [w.strip() for w in VI_WORDS if w.strip()]
    vocabulary = []
    for index, syllable in enumerate(syllables):
        vocabulary.append(syllable)
        if index % 4 == 0 and words:
            vocabulary.append(words.pop(0))
    return vocabulary + words


def make_entities(rng: random.Random, count: int) -> Entities:
    entities = Entities()
    people = {
        f"{s} {m} {g}" for s in SURNAMES.split() for m in MIDDLE.split() for g in GIVEN.split()
    }
    entities.people = rng.sample(sorted(people), min(count // 2, len(people)))
    organisations = {
        f"{head} {topic} {place}" for head in ORG_HEADS for topic in ORG_TOPICS for place in PLACES
    }
    entities.organisations = rng.sample(
        sorted(organisations), min(count * 2 // 5, len(organisations))
    )
    entities.events = [
        f"{rng.choice(EVENT_KINDS)} {rng.choice(ORG_TOPICS).lower()} lần thứ {n}"
        for n in range(1, count // 10 + 1)
    ]
    return entities


def _sentence(draw, rng: random.Random, mention: str | None) -> str:
    words = [draw() for _ in range(rng.randint(8, 24))]
    if mention:
        words.insert(rng.randint(0, len(words)), mention)
    text = " ".join(words)
    return text[:1].upper() + text[1:] + "."


def generate(count: int, *, seed: int = 1, english_share: float = 0.15, entity_count: int = 3000):
    """Yield `count` synthetic articles, the same ones for the same seed."""
    rng = random.Random(seed)
    vietnamese = ZipfSampler(seed_vocabulary(), rng)
    english_words = re.findall(r"[A-Za-z]+", EN_TEXT.lower())
    english = ZipfSampler([w for w, _ in Counter(english_words).most_common()], rng)
    entities = make_entities(rng, entity_count)
    first_day = date(2006, 1, 1)
    span = (date(2025, 12, 31) - first_day).days
    for number in range(1, count + 1):
        is_english = rng.random() < english_share
        draw = english if is_english else vietnamese
        mentions = [rng.choice(entities.organisations) for _ in range(rng.randint(1, 4))]
        mentions += [
            f"{rng.choice(RANKS)} {rng.choice(entities.people)}" for _ in range(rng.randint(0, 3))
        ]
        if rng.random() < 0.3:
            mentions.append(rng.choice(entities.events))
        target = min(1500, max(200, int(rng.lognormvariate(6.2, 0.5))))
        paragraphs, words = [], 0
        pending = list(mentions)
        while words < target:
            sentences = [
                _sentence(draw, rng, pending.pop() if pending and rng.random() < 0.5 else None)
                for _ in range(rng.randint(2, 5))
            ]
            paragraph = " ".join(sentences)
            paragraphs.append(paragraph)
            words += len(paragraph.split())
        title_words = [draw() for _ in range(rng.randint(5, 9))]
        title = " ".join(title_words)
        title = title[:1].upper() + title[1:]
        if mentions and rng.random() < 0.5:
            title = f"{title} {mentions[0]}"
        title = " ".join(title.split()[:20])  # headlines stay headline-sized
        slug, name = SOURCES[number % len(SOURCES)]
        yield SyntheticArticle(
            number=number,
            title=title,
            paragraphs=paragraphs,
            language="en" if is_english else "vi",
            source=slug,
            source_name=name,
            published_on=first_day + timedelta(days=rng.randrange(span)),
            url=f"https://example.org/{slug}/{number}",
            mentions=mentions,
        )
