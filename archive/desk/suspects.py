"""People named as suspects: no public page until a curator reviews them.

A discovered (unreviewed) person is a suspect when an article names them right after a word
that makes them one ("đối tượng Nguyễn Văn A", "bị can", "suspect") and no article gives them
a rank or post. The flag is kept on the record once found (`Person.suspect`).
"""

import re

from django.db.models import Exists, OuterRef, Q

from archive.models import ArticlePerson, Person
from archive.text import fold

# Folded, so that "doi tuong" and "đối tượng" read alike; at most three words before the name.
SUSPECT_CUES = re.compile(
    r"\b(?:doi tuong|bi can|bi cao|nghi pham|nghi can|ke tinh nghi|truy na|"
    r"suspects?|fugitives?|accused|defendants?|wanted)\b(?:\s+\S+){0,3}\s*$"
)


def named_as_suspect(text: str, names: list[str]) -> bool:
    folded = fold(text)
    for name in names:
        key = fold(name)
        start = folded.find(key)
        while start != -1:
            if SUSPECT_CUES.search(folded[max(0, start - 60) : start]):
                return True
            start = folded.find(key, start + 1)
    return False


def person_is_suspect(person: Person) -> bool:
    """Whether the (unreviewed) person is known only as a suspect; remembered when so."""
    if person.reviewed:
        return False
    if person.suspect:
        return True
    mentions = list(
        person.mentions.select_related("article").only(
            "role", "article__title", "article__lede", "article__body"
        )
    )
    if any(m.role for m in mentions):
        return False
    names = person.match_names()
    if any(
        named_as_suspect("\n".join([m.article.title, m.article.lede, m.article.body]), names)
        for m in mentions
    ):
        Person.objects.filter(pk=person.pk).update(suspect=True)
        person.suspect = True
        return True
    return False


def people_public(qs):
    """People listed publicly: not unreviewed suspects, and (as a suspect may not be flagged
    yet) no unreviewed person whom no article gives a rank or post."""
    with_role = ArticlePerson.objects.filter(person=OuterRef("pk")).exclude(role="")
    return qs.exclude(reviewed=False, suspect=True).exclude(Q(reviewed=False) & ~Exists(with_role))
