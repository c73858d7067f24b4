"""Which language an article is in: Vietnamese or English, from its letters."""

import unicodedata

VIETNAMESE_ONLY = set("ăâđêôơưĂÂĐÊÔƠƯ")


def detect_language(text: str) -> str:
    """'vi' when Vietnamese letters are common, 'en' for plain Latin text, 'und' otherwise."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 20:
        return "und"
    marked = sum(
        1 for ch in letters if ch in VIETNAMESE_ONLY or unicodedata.normalize("NFD", ch) != ch
    )
    latin = sum(1 for ch in letters if ch.isascii())
    if marked / len(letters) > 0.04:
        return "vi"
    if latin / len(letters) > 0.95:
        return "en"
    return "und"
