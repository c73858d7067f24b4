"""Text turned out of a PDF: page furniture dropped, hard-wrapped lines joined into paragraphs.

A PDF press release read as text has one line per printed line, pages split by form feeds,
page numbers ("Page 2 of 3", "- 3 -", "Trang 1/2"), and a running header or footer repeated
on every page. Page text of a web page has none of that: one line per paragraph. So nothing
here changes a text unless it is paged or its lines are visibly wrapped.
"""

import itertools
import re
from collections import Counter

PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:page|trang|p\.)\s*)?[-–—]?\s*\d{1,3}\s*[-–—]?\s*(?:(?:of|/|trên)\s*\d{1,3})?\s*$",
    re.IGNORECASE,
)
# "INTERPOL Press Release        Page 2 of 3": furniture with its page number at the end.
TRAILING_PAGE = re.compile(
    r"\s{3,}(?:(?:page|trang)\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?\s*$", re.IGNORECASE
)
SENTENCE_END = re.compile(r"[.!?…:;”\"’)]$")
COLUMNS = re.compile(r"\S\s{4,}\S")  # a letterhead set in two columns
WIDE = 40  # a printed line of running text is at least this long


# A page number that says so: "Page 2 of 3", "Trang 1/2", "- 3 -" (a bare "2" may be a count),
# or a line ending in one after a gap; searched over a whole text at once (one scan in C).
_PAGED = re.compile(
    r"^[ \t]*(?:(?:page|trang)[ \t]*\d{1,3}(?:[ \t]*(?:of|/|trên)[ \t]*\d{1,3})?"
    r"|[-–—][ \t]*\d{1,3}[ \t]*[-–—])[ \t]*$"
    r"|[ \t]{3,}(?:page|trang)[ \t]*\d{1,3}(?:[ \t]*(?:of|/)[ \t]*\d{1,3})?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def is_paged(text: str, lines: list[str]) -> bool:
    if "\f" in text:
        return True
    # Only a line ending in a digit can be a page number: few lines are tried.
    return any(_PAGED.search(line) for line in lines if line.rstrip()[-1:].isdigit())


def is_wrapped(lines: list[str]) -> bool:
    """Running text broken into printed lines: several wide lines that end mid-sentence and
    go on in the next line, and no line as long as a paragraph of page text."""
    if max(map(len, lines), default=0) > 140:
        return False
    broken = sum(
        1
        for line, after in itertools.pairwise(lines)
        if len(line.strip()) >= WIDE and after.strip() and not SENTENCE_END.search(line.strip())
    )
    return broken >= 2


# A printed rule: "______", "-------", "=======" (a line of its own, or the end of a title's).
RULE = re.compile(r"[ \t]*[_=~-]{4,}[ \t]*$")
RULE_ENDS = ("____", "----", "====", "~~~~")
FOOTNOTE_MARKS = set("¹²³⁴⁵⁶⁷⁸⁹*†")


def _pages(text: str) -> list[list[str]]:
    """The printed pages: split at form feeds, or else after each numbered page's number."""
    if "\f" in text:
        return [page.split("\n") for page in text.split("\f")]
    pages: list[list[str]] = [[]]
    for line in text.split("\n"):
        pages[-1].append(line)
        if _PAGED.search(line):
            pages.append([])
    return pages


def _furniture(pages: list[list[str]]) -> set[str]:
    """Lines printed on every page (running headers and footers), page numbers removed."""
    if len(pages) < 2:
        return set()
    seen = Counter()
    for page in pages:
        seen.update({TRAILING_PAGE.sub("", line).strip() for line in page if line.strip()})
    return {line for line, count in seen.items() if count >= 2 and len(line.split()) <= 8}


def _stands_alone(line: str) -> bool:
    """A line never joined to the next: a heading in capitals, a letterhead in columns."""
    letters = [ch for ch in line if ch.isalpha()]
    capitals = bool(letters) and sum(ch.isupper() for ch in letters) / len(letters) > 0.8
    return capitals or bool(COLUMNS.search(line))


def reflow(text: str) -> str:
    """`text` with page furniture dropped and wrapped paragraphs joined, if it needs that."""
    lines = text.split("\n")
    paged = is_paged(text, lines)
    if not (paged or is_wrapped(lines)):
        return text
    furniture = _furniture(_pages(text)) if paged else set()
    kept = []
    footnotes = False
    raw = text.replace("\f", "\n\f\n").split("\n")
    for at, line in enumerate(raw):
        # A rule with a footnote below it ("¹ Workshops were held ..."): the page's notes and
        # its footer follow, down to the page's end (a form feed or its number).
        if line.rstrip().endswith(RULE_ENDS) and RULE.match(line):
            after = next((x.strip() for x in raw[at + 1 :] if x.strip()), "")
            footnotes = after[:1] in FOOTNOTE_MARKS or footnotes
        if footnotes:
            footnotes = not (line == "\f" or (paged and PAGE_NUMBER.match(line)))
            kept.append("")
            continue
        if line == "\f":
            kept.append("")
            continue
        # A page number alone, a line ending in one after a gap (a printed header or
        # footer), a line repeated on every page, a rule across the page.
        page_number = (paged and PAGE_NUMBER.match(line)) or TRAILING_PAGE.search(line)
        ruled = line.rstrip().endswith(RULE_ENDS)  # few lines: the rule's pattern tries them
        furniture_line = page_number or line.strip() in furniture or (ruled and RULE.match(line))
        kept.append("" if furniture_line else RULE.sub("", line) if ruled else line)
    lines = kept
    if not is_wrapped(lines):
        return "\n".join(lines)
    width = max(len(line.strip()) for line in lines)
    out: list[str] = []
    joining = False
    for line in lines:
        line = line.strip()
        if not line:
            joining = False
            out.append("")
            continue
        if joining and not _stands_alone(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        # A paragraph ends at a blank line, or at a short line that ends a sentence.
        ends = SENTENCE_END.search(line) and len(line) < 0.7 * width
        joining = not _stands_alone(line) and not ends
    return "\n".join(out)
