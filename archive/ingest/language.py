"""Which language an article is in, with the lingua detector (its models ship in the wheel).

The detector is restricted to the languages this archive meets, which makes it fast and keeps
rare-language false positives out; too little text is "und" (undetermined).
"""

from functools import cache

from lingua import Language, LanguageDetectorBuilder

LANGUAGES = [
    Language.VIETNAMESE,
    Language.ENGLISH,
    Language.FRENCH,
    Language.GERMAN,
    Language.SPANISH,
    Language.RUSSIAN,
    Language.CHINESE,
    Language.JAPANESE,
    Language.KOREAN,
    Language.THAI,
    Language.INDONESIAN,
]
MIN_LETTERS = 20


@cache
def _detector():
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).with_low_accuracy_mode().build()


def detect_language(text: str) -> str:
    """An ISO 639-1 code ('vi', 'en', ...), or 'und' when the text is too short or unclear."""
    if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
        return "und"
    language = _detector().detect_language_of(text[:5000])
    return language.iso_code_639_1.name.lower() if language else "und"
