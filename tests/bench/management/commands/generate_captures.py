"""python manage.py generate_captures N DIR: synthetic Vietnamese text captures for load tests.

Deterministic (a fixed seed): each capture has site chrome, a headline, a date line, a few
paragraphs naming ranks, people, agencies and countries, a caption and a credit line, in the
shape of the seed captures. Used to measure the ingest rate; never loaded by `make run`.
"""

import random
from pathlib import Path

from django.core.management.base import BaseCommand

SITES = [
    ("Báo Công an nhân dân", "Trang chủ | Thời sự | Pháp luật | Quốc tế"),
    ("Tuổi Trẻ Online", "Thời sự | Thế giới | Pháp luật | Công nghệ"),
    ("VOV.VN", "Chính trị | Xã hội | Thế giới | Pháp luật"),
    ("Thanh Niên", "Thời sự > Pháp luật > Vụ án"),
]
RANKS = ["Đại tá", "Thượng tá", "Trung tướng", "Thiếu tướng", "Đại sứ"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Minh", "Quốc", "Đức", "Thanh", "Hữu", "Ngọc"]
GIVEN = ["Hùng", "Lan", "Tuấn", "Hà", "Long", "Phương", "Sơn", "Thắng", "Yến", "Dũng"]
AGENCIES = ["Bộ Công an", "Interpol", "Cục Cảnh sát hình sự (C02)", "UNODC", "Europol"]
COUNTRIES = ["Nhật Bản", "Hàn Quốc", "Úc", "Trung Quốc", "Campuchia", "Lào", "Thái Lan", "Anh"]
TOPICS = [
    "lừa đảo trực tuyến",
    "đánh bạc qua mạng",
    "rửa tiền bằng tiền mã hóa",
    "mua bán dữ liệu cá nhân",
    "tấn công mã độc tống tiền",
    "mua bán người qua mạng xã hội",
]
SENTENCES = [
    "{rank} {person}, Phó Cục trưởng Cục Hợp tác quốc tế cho biết hai bên đã thống nhất cơ chế "
    "trao đổi thông tin nhanh.",
    "Trong {n} tháng qua, lực lượng chức năng đã xác minh {n} vụ việc liên quan đến {topic}.",
    "Cơ quan điều tra thu giữ {n} máy tính, {n} điện thoại và nhiều thiết bị lưu trữ dữ liệu.",
    "Các đối tượng sử dụng {n} tài khoản ngân hàng đứng tên người khác để nhận tiền.",
    "{agency} đề nghị tiếp tục hỗ trợ nâng cao năng lực cho lực lượng Cảnh sát Việt Nam.",
    "Hai bên dự kiến tổ chức {n} khóa đào tạo chung về điều tra {topic} trong năm {year}.",
    "Phía {country} đánh giá cao sự phối hợp chặt chẽ, hiệu quả của các đơn vị nghiệp vụ.",
    "Nhiều nạn nhân ở {country} đã được trả lại tài sản sau khi vụ việc được làm rõ.",
    "Đường dây hoạt động từ năm {year}, chiếm đoạt hơn {n} tỷ đồng của người dân.",
    "Vụ việc được phát hiện nhờ thông tin do cảnh sát {country} cung cấp qua kênh {agency}.",
    "Cơ quan chức năng khuyến cáo người dân cảnh giác với các thủ đoạn {topic} mới.",
    "Các chuyên gia cho rằng {topic} ngày càng tinh vi, sử dụng cả trí tuệ nhân tạo.",
    "Hội nghị lần thứ {n} giữa hai lực lượng dự kiến diễn ra tại {country} vào năm sau.",
    "{rank} {person} nhấn mạnh không có quốc gia nào tự mình giải quyết được {topic}.",
    "Bộ Công an đã ký {n} văn bản hợp tác song phương về phòng, chống tội phạm mạng.",
    "Dữ liệu của {n} nghìn người dùng bị rao bán trên các diễn đàn tin tặc nước ngoài.",
]
VERBS = ["phối hợp điều tra", "triệt phá", "trao đổi thông tin về", "ký kết hợp tác chống"]


def capture(rng: random.Random, number: int) -> str:
    site, nav = rng.choice(SITES)
    topic, verb = rng.choice(TOPICS), rng.choice(VERBS)
    agency, country = rng.choice(AGENCIES), rng.choice(COUNTRIES)
    person = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2015, 2025)

    def fill(template: str) -> str:
        return template.format(
            agency=rng.choice(AGENCIES),
            country=rng.choice(COUNTRIES),
            topic=rng.choice(TOPICS),
            n=rng.randint(2, 900),
            year=year,
            person=person,
            rank=rng.choice(RANKS),
        )

    lede = (
        f"{agency} và cảnh sát {country} vừa {verb} {topic}, vụ việc số {number} với "
        f"{rng.randint(3, 90)} đối tượng và {rng.randint(10, 900)} nạn nhân, theo thông tin "
        f"từ cơ quan chức năng ngày {day}/{month}."
    )
    sentences = rng.sample(SENTENCES, k=rng.randint(6, 10))
    paragraphs = [lede] + [
        " ".join(fill(t) for t in sentences[i : i + 2]) for i in range(0, len(sentences), 2)
    ]
    return "\n".join(
        [
            "Sign In",
            site,
            nav,
            f"{agency} và {country} {verb} {topic} (vụ {number})",
            f"{day:02d}/{month:02d}/{year} {rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}",
            paragraphs[0],
            "left center right del",
            f"Quang cảnh buổi làm việc. (Ảnh: {site})",
            *paragraphs[1:],
            f"{rng.choice(GIVEN)} {rng.choice(GIVEN)}",
            "Theo TTXVN",
            "Chia sẻ",
            f"Tag: {topic}, {country}",
        ]
    )


class Command(BaseCommand):
    help = "Write N synthetic text captures into DIR (for measuring the ingest rate)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("folder")
        parser.add_argument("--seed", type=int, default=6)

    def handle(self, **options):
        rng = random.Random(options["seed"])
        folder = Path(options["folder"])
        folder.mkdir(parents=True, exist_ok=True)
        for number in range(options["count"]):
            path = folder / f"{number // 1000:03d}" / f"capture_{number:06d}.txt"
            path.parent.mkdir(exist_ok=True)
            path.write_text(capture(rng, number), encoding="utf-8")
        self.stdout.write(f"wrote {options['count']} captures to {folder}")
