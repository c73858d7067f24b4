"""Test captures for the relevance set: small, realistic articles written to tell ranking rules
apart (each comment says which rule). Ingested through the real ingest path by
the `corpus` fixture (tests/search/conftest.py)."""

CAPTURES = {
    # "mã độc" (malware), exact diacritics.
    "malware": """Cảnh báo mã độc tống tiền tấn công doanh nghiệp

10:00 05/06/2024
Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao cảnh báo một loại mã độc mới đang lây lan.

Mã độc này mã hóa dữ liệu của doanh nghiệp rồi đòi tiền chuộc bằng tiền điện tử.
""",
    # "Ma Đốc": a name, same letters without the diacritics; mentioned more often.
    "ma_doc": """Nhà thơ Ma Đốc ra mắt tập thơ mới

09:00 12/03/2023
Nhà thơ Ma Đốc vừa ra mắt tập thơ thứ ba của mình tại Hà Nội vào cuối tuần qua.

Ma Đốc sinh ra ở Cao Bằng. Bạn bè gọi ông là Ma Đốc, người kể chuyện của núi rừng quê hương.
""",
    # "an ninh mạng" together, but only in the body.
    "cyber_together": """Việt Nam và Singapore ký kết biên bản ghi nhớ hợp tác

08:30 20/09/2024
Hai bên thống nhất tăng cường trao đổi thông tin và phối hợp trong nhiều lĩnh vực quan trọng.

Theo biên bản, hai nước hợp tác về an ninh mạng, đào tạo cán bộ và chia sẻ kinh nghiệm lâu dài.
""",
    # "an", "ninh", "mạng" scattered, all three in the title.
    "cyber_scattered": """An toàn giao thông ở Ninh Bình nhờ mạng lưới camera

07:00 02/02/2024
Tỉnh Ninh Bình lắp đặt mạng lưới camera giám sát an toàn giao thông trên các tuyến đường chính.

Mạng lưới camera giúp giảm tai nạn tại Ninh Bình, người dân thấy an toàn hơn khi đi lại.
""",
    # Drugs ("ma túy"): excluded by "-ma túy".
    "drugs": """Cảnh sát triệt phá đường dây ma túy xuyên quốc gia

06:00 15/01/2024
Cảnh sát hình sự phối hợp với cảnh sát các nước triệt phá đường dây ma túy.

Đường dây ma túy này đã hoạt động qua biên giới trong nhiều năm trước khi bị phát hiện.
""",
    # "tài khoản ma" (ghost accounts): contains "ma" but not "ma túy".
    "ghost_accounts": """Cảnh sát cảnh báo lừa đảo bằng tài khoản ma

11:00 18/07/2024
Cảnh sát khuyến cáo người dân cảnh giác với tài khoản ma trên mạng xã hội.

Các tài khoản ma giả danh nhân viên ngân hàng để chiếm đoạt tiền của người dân.
""",
    # Tone placement: "hòa" here; queries type "hoà".
    "peace_forum": """Diễn đàn hòa bình và an ninh khu vực

14:00 10/10/2024
Diễn đàn hòa bình thảo luận hợp tác chống tội phạm xuyên quốc gia.

Các đại biểu nhất trí cùng nhau duy trì hòa bình, ổn định và phát triển trong khu vực.
""",
    # English, with entities named in English.
    "europol_en": """Europol and Interpol launch joint operation against ransomware gangs

10:00 03/05/2024
Europol and Interpol coordinated a joint operation against ransomware gangs in twelve countries.

Investigators seized the servers used to spread ransomware and arrested eight suspects in three countries.
""",
    # English, Interpol only.
    "interpol_en": """Interpol trains police in Southeast Asia on digital evidence

10:00 04/04/2024
Interpol held a week-long training course on digital evidence for police officers from ten countries.

The course covered the handling of seized phones, cloud accounts and cryptocurrency wallets.
""",
    # Vietnamese, names Europol only by its Vietnamese alias "Cảnh sát châu Âu".
    "europol_vi": """Hợp tác với Cảnh sát châu Âu chống lừa đảo trực tuyến

09:00 01/08/2024
Bộ Công an và Cảnh sát châu Âu trao đổi kinh nghiệm phòng, chống lừa đảo trực tuyến.

Hai bên thống nhất chia sẻ dữ liệu về các vụ lừa đảo xuyên biên giới trong thời gian tới.
""",
    # Travel fraud: "du lịch" (not "dữ liệu"), and no date at all.
    "travel_undated": """Lừa đảo bán tour du lịch giá rẻ trên mạng

Nhiều người mua tour du lịch giá rẻ trên mạng xã hội rồi mất tiền.

Công an khuyến cáo người dân chỉ mua tour du lịch của doanh nghiệp có giấy phép kinh doanh.
""",
    # Markup in a capture: must come back as text everywhere.
    "markup": """Phishing pages hide <script>alert('x')</script> in fake bank forms

10:00 06/06/2024
Police found phishing pages with <img src=x onerror="steal()"> tags that steal passwords.

The phishing kit was sold on underground forums for a few dollars to anyone who asked.
""",
}
