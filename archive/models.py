"""The archive's records: sources, articles, the entities they mention, and the links between."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.functions import RandomUUID
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from archive.vectors import FoldedNames


def first_name_index(name: str, position: int = 0) -> GinIndex:
    """A trigram index on a record's first folded name (or the one at `position`), for entity
    search: a name similar to a part of the query is then found by index (see
    search.entities)."""
    return GinIndex(OpClass(F(f"search_names__{position}"), name="gin_trgm_ops"), name=name)


def _names(*values) -> list[str]:
    return [value for value in values if value]


class Country(models.Model):
    code = models.CharField(_("ISO 3166 code"), max_length=2, primary_key=True)
    name_vi = models.CharField(_("Vietnamese name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200)
    aliases = ArrayField(models.CharField(max_length=200), default=list, blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name_vi

    def get_absolute_url(self) -> str:
        return reverse("country_detail", args=[self.code.lower()])

    @property
    def display_name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_vi

    def match_names(self) -> list[str]:
        return _names(self.name_vi, self.name_en, *self.aliases)


class Source(models.Model):
    name = models.CharField(max_length=300, unique=True)
    short_name = models.CharField(max_length=100, blank=True)
    slug = models.SlugField(max_length=100, unique=True)
    domain = models.CharField(max_length=200, blank=True)
    home_url = models.CharField(max_length=500, blank=True)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.SET_NULL)
    language = models.CharField(max_length=8, default="vi")
    aliases = ArrayField(models.CharField(max_length=300), default=list, blank=True)
    feeds = ArrayField(
        models.CharField(max_length=2000),
        default=list,
        blank=True,
        help_text=_("RSS/Atom feeds and (news) sitemaps that `crawl` reads for this source."),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("source_detail", args=[self.slug])

    def match_names(self) -> list[str]:
        return _names(self.name, self.short_name, self.domain, *self.aliases)


class ArticleQuerySet(models.QuerySet):
    def published_between(self, start=None, end=None):
        qs = self
        if start:
            qs = qs.filter(published_on__gte=start)
        if end:
            qs = qs.filter(published_on__lte=end)
        return qs

    def mentioning(self, entity):
        from archive.entities.kinds import BY_MODEL  # the kinds table imports the models

        kind = BY_MODEL[type(entity)]
        return self.filter(**{f"{kind.mentions}__{kind.field}": entity})

    def newest_first(self):
        return self.order_by(models.F("published_on").desc(nulls_last=True), "-id")


class Story(models.Model):
    """One news story as several outlets carried it: near-duplicate articles linked together."""

    title = models.TextField(help_text=_("The title of the first article of the story."))
    created_at = models.DateTimeField(auto_now_add=True)
    # What names the story in the NDJSON export, so that a mirror links the same articles to
    # the same story (ids differ between archives). Drawn by PostgreSQL for every new row.
    key = models.UUIDField(unique=True, db_default=RandomUUID(), editable=False)

    class Meta:
        verbose_name_plural = _("stories")

    def __str__(self) -> str:
        return self.title


class Article(models.Model):
    title = models.TextField()
    slug = models.SlugField(max_length=120, unique=True)
    lede = models.TextField(blank=True)
    body = models.TextField(blank=True)
    captions = models.JSONField(
        default=list, blank=True, help_text=_("Photo captions: [{after: paragraph, text}]")
    )
    language = models.CharField(max_length=8, default="vi", db_index=True)
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    source_note = models.TextField(
        blank=True, help_text=_("The credit line as captured, e.g. 'Theo Phong Hà/TTXVN'.")
    )
    url = models.CharField(max_length=2000, null=True, blank=True, unique=True)
    authors = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    editors = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    tags = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    published_on = models.DateField(null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Only when the capture states the time as well.")
    )
    captured_on = models.DateField(null=True, blank=True)
    raw = models.BinaryField(help_text=_("The capture exactly as received."))
    raw_sha256 = models.CharField(max_length=64, unique=True)
    raw_format = models.CharField(max_length=16, default="text")
    raw_name = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    story = models.ForeignKey(
        Story, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    # Both vectors are the text's, set by the trigger `article_vectors` (migration 0014) from
    # one parse: what search finds (accent-insensitive, weighted title > lede > body >
    # captions), and the same words with their diacritics, to rank exact spellings first.
    search_vector = SearchVectorField(null=True, editable=False)
    search_exact = SearchVectorField(null=True, editable=False)
    # Title and lede only (weights A and B of the two vectors above), set by the trigger
    # `article_vectors_heads` (migration 0016): small enough to rank every match that has the
    # query in its title or lede, which is where relevance looks first.
    search_head = SearchVectorField(null=True, editable=False)
    search_head_exact = SearchVectorField(null=True, editable=False)

    organisations = models.ManyToManyField(
        "Organisation", through="ArticleOrganisation", related_name="articles", blank=True
    )
    people = models.ManyToManyField(
        "Person", through="ArticlePerson", related_name="articles", blank=True
    )
    events = models.ManyToManyField(
        "Event", through="ArticleEvent", related_name="articles", blank=True
    )
    countries = models.ManyToManyField(
        Country, through="ArticleCountry", related_name="articles", blank=True
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-id"]
        indexes = [
            GinIndex(fields=["search_vector"], name="article_search_gin"),
            GinIndex(fields=["search_head"], name="article_head_gin"),
            # Newest first, as search sorts by date and picks the matches it ranks.
            models.Index(
                F("published_on").desc(nulls_last=True), F("id").desc(), name="article_newest"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("article_detail", args=[self.slug])

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p.strip()]


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("ministry")
        GOVERNMENT = "government", _("government agency")
        POLICE = "police", _("police unit")
        INTERNATIONAL = "international", _("international body")
        NETWORK = "network", _("network")
        NEWS = "news", _("news organisation")
        ACADEMIC = "academic", _("academic institution")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=300)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)
    slug = models.SlugField(max_length=120, unique=True)
    acronym = models.CharField(max_length=50, blank=True)
    aliases = ArrayField(models.CharField(max_length=300), default=list, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.SET_NULL)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    successor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="predecessors"
    )
    founded_year = models.PositiveSmallIntegerField(null=True, blank=True)
    dissolved_year = models.PositiveSmallIntegerField(null=True, blank=True)
    description = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    reviewed = models.BooleanField(
        default=True, help_text=_("False for entities found by ingest and not yet checked.")
    )
    evidence = models.TextField(
        blank=True, help_text=_("The sentence of the capture that ingest created this from.")
    )
    search_names = models.GeneratedField(
        expression=FoldedNames("name", "name_en", "acronym"),
        output_field=ArrayField(models.TextField()),
        db_persist=True,
    )

    class Meta:
        ordering = ["name"]
        indexes = [
            first_name_index("organisation_first_name_trgm"),
            first_name_index("organisation_second_name_trgm", 1),
            first_name_index("organisation_third_name_trgm", 2),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self) -> str:
        return reverse("organisation_detail", args=[self.slug])

    @property
    def display_name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name

    def match_names(self) -> list[str]:
        return _names(self.name, self.name_en, *self.aliases)


class Person(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=120, unique=True)
    aliases = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    description = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.SET_NULL)
    reviewed = models.BooleanField(default=True)
    suspect = models.BooleanField(
        default=False,
        help_text=_("Named as a suspect: no public page until a curator reviews the record."),
    )
    evidence = models.TextField(
        blank=True, help_text=_("The sentence of the capture that ingest created this from.")
    )
    search_names = models.GeneratedField(
        expression=FoldedNames("name"),
        output_field=ArrayField(models.TextField()),
        db_persist=True,
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("people")
        indexes = [
            first_name_index("person_first_name_trgm"),
            first_name_index("person_second_name_trgm", 1),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("person_detail", args=[self.slug])

    @property
    def display_name(self) -> str:
        return self.name

    def match_names(self) -> list[str]:
        return _names(self.name, *self.aliases)


def format_partial_date(year: int | None, month: int | None, day: int | None) -> str:
    """A date that may lack parts, EDTF-style: "2025-03-31", "XXXX-10-29", "2018"."""
    if not (year or month or day):
        return ""
    parts = [f"{year:04d}" if year else "XXXX"]
    if month:
        parts.append(f"{month:02d}")
        if day:
            parts.append(f"{day:02d}")
    elif day:
        parts.extend(["XX", f"{day:02d}"])
    return "-".join(parts)


class Role(models.Model):
    """A post or rank a person held, as the captures say (from/to may be partial or unknown)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(_("post"), max_length=300, help_text=_("e.g. Thứ trưởng"))
    title_en = models.CharField(max_length=300, blank=True)
    rank = models.CharField(max_length=100, blank=True, help_text=_("e.g. Thượng tướng"))
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="roles"
    )
    start_year = models.PositiveSmallIntegerField(null=True, blank=True)
    start_month = models.PositiveSmallIntegerField(null=True, blank=True)
    start_day = models.PositiveSmallIntegerField(null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(null=True, blank=True)
    end_month = models.PositiveSmallIntegerField(null=True, blank=True)
    end_day = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.TextField(blank=True, help_text=_("Where this comes from."))

    class Meta:
        ordering = [models.F("start_year").asc(nulls_first=True), "id"]

    def __str__(self) -> str:
        return " ".join(_names(self.rank, self.title, str(self.organisation or "")))

    @property
    def started(self) -> str:
        return format_partial_date(self.start_year, self.start_month, self.start_day)

    @property
    def ended(self) -> str:
        return format_partial_date(self.end_year, self.end_month, self.end_day)


class Event(models.Model):
    class Kind(models.TextChoices):
        # The kinds researchers of international cooperation use (issue 19). The old generic
        # kinds "summit" and "operation" became "conference" and "joint_operation" (migration
        # 0016); `archive.events.kinds.kind_normalise` still reads them.
        AGREEMENT = "agreement", _("agreement or memorandum")
        EXTRADITION = "extradition", _("extradition")
        HANDOVER = "handover", _("hand-over of suspects")
        REPATRIATION = "repatriation", _("repatriation of victims")
        JOINT_OPERATION = "joint_operation", _("joint investigation or operation")
        LEGAL_ASSISTANCE = "legal_assistance", _("mutual legal assistance")
        INFORMATION_EXCHANGE = "information_exchange", _("information exchange or hotline")
        TRAINING = "training", _("training and capacity building")
        EQUIPMENT = "equipment", _("equipment donation")
        CONFERENCE = "conference", _("conference or summit")
        VISIT = "visit", _("official visit or delegation")
        MEETING = "meeting", _("meeting")
        OTHER = "other", _("other")

    title = models.CharField(max_length=500)
    title_en = models.CharField(max_length=500, blank=True)
    slug = models.SlugField(max_length=120, unique=True)
    aliases = ArrayField(models.CharField(max_length=500), default=list, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    start_year = models.PositiveSmallIntegerField(null=True, blank=True)
    start_month = models.PositiveSmallIntegerField(null=True, blank=True)
    start_day = models.PositiveSmallIntegerField(null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(null=True, blank=True)
    end_month = models.PositiveSmallIntegerField(null=True, blank=True)
    end_day = models.PositiveSmallIntegerField(null=True, blank=True)
    duration_days = models.PositiveSmallIntegerField(null=True, blank=True)
    city = models.CharField(max_length=200, blank=True)
    venue = models.CharField(max_length=300, blank=True)
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.SET_NULL, related_name="events_hosted"
    )
    organisers = models.ManyToManyField(Organisation, related_name="events_organised", blank=True)
    participant_organisations = models.ManyToManyField(
        Organisation, related_name="events_attended", blank=True
    )
    participant_people = models.ManyToManyField(Person, related_name="events", blank=True)
    participant_countries = models.ManyToManyField(
        Country, related_name="events_attended", blank=True
    )
    participant_count_note = models.CharField(
        max_length=200, blank=True, help_text=_("e.g. 'more than 20 countries'")
    )
    participant_count_note_en = models.CharField(max_length=200, blank=True)
    border_gate = models.CharField(_("border gate"), max_length=200, blank=True)
    people_count = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("People handed over, extradited or repatriated.")
    )
    arrests = models.PositiveIntegerField(null=True, blank=True)
    crime = models.CharField(max_length=200, blank=True, help_text=_("e.g. online fraud"))
    description = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    reviewed = models.BooleanField(default=True)
    search_names = models.GeneratedField(
        expression=FoldedNames("title", "title_en"),
        output_field=ArrayField(models.TextField()),
        db_persist=True,
    )

    class Meta:
        ordering = [
            models.F("start_year").desc(nulls_last=True),
            models.F("start_month").desc(nulls_last=True),
            "title",
        ]
        indexes = [
            first_name_index("event_first_name_trgm"),
            first_name_index("event_second_name_trgm", 1),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("event_detail", args=[self.slug])

    @property
    def display_name(self) -> str:
        return self.title_en if get_language() == "en" and self.title_en else self.title

    def count_note(self) -> str:
        """The participants' count as the capture gives it, in the interface language."""
        if get_language() == "en" and self.participant_count_note_en:
            return self.participant_count_note_en
        return self.participant_count_note

    @property
    def starts(self) -> str:
        return format_partial_date(self.start_year, self.start_month, self.start_day)

    @property
    def ends(self) -> str:
        return format_partial_date(self.end_year, self.end_month, self.end_day)

    def match_names(self) -> list[str]:
        return _names(self.title, self.title_en, *self.aliases)


class EventParticipant(models.Model):
    """Who took part in an event, and as what: one organisation, country or person a row."""

    class Role(models.TextChoices):
        SIGNATORY = "signatory", _("signatory")
        HOST = "host", _("host")
        ORGANISER = "organiser", _("organiser")
        PARTICIPANT = "participant", _("participant")
        SENDER = "sender", _("sender")
        RECEIVER = "receiver", _("receiver")
        PROVIDER = "provider", _("provider")
        RECIPIENT = "recipient", _("recipient")
        FUNDER = "funder", _("funder")
        REQUESTER = "requester", _("requester")
        VISITOR = "visitor", _("visitor")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PARTICIPANT)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="event_roles"
    )
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.CASCADE, related_name="event_roles"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="event_roles"
    )

    class Meta:
        ordering = ["event", "role", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    organisation__isnull=False, country__isnull=True, person__isnull=True
                )
                | models.Q(organisation__isnull=True, country__isnull=False, person__isnull=True)
                | models.Q(organisation__isnull=True, country__isnull=True, person__isnull=False),
                name="participant_one_record",
            ),
            models.UniqueConstraint(
                fields=["event", "role", "organisation", "country", "person"],
                nulls_distinct=False,
                name="uniq_event_participant",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} {self.role}: {self.record}"

    @property
    def record(self):
        return self.organisation or self.country or self.person


class EventReport(models.Model):
    """An article that reports an event, with the sentence the event was found in (empty when a
    curator linked them). Kept apart from the mention rows, which relinking rewrites."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="reports")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="event_reports")
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["event", "article"]
        constraints = [
            models.UniqueConstraint(fields=["event", "article"], name="uniq_event_report")
        ]

    def __str__(self) -> str:
        return f"{self.article_id} reports {self.event_id}"


class SlugRedirect(models.Model):
    """A record merged into another: its old slug leads to the one that absorbed it."""

    kind = models.CharField(max_length=20)  # "organisation", "person" or "event"
    old_slug = models.CharField(max_length=120)
    new_slug = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "old_slug"], name="uniq_slug_redirect")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.old_slug} -> {self.new_slug}"


class ArticleBand(models.Model):
    """One MinHash band of an article's text, for finding near-duplicates (`ingest.similar`).

    A row per band with a b-tree on the band: looking up a batch's thousands of bands is one
    index probe each. (A GIN index over the array compares every wanted band with every
    stored one: 1.5 s for a batch of 500 on 5,000 articles, growing with the archive.)"""

    # Keyed by (article, band), with no id and no foreign-key check: the rows are derived from
    # the article's text, written 16 an article and deleted with it by Django. An id and a
    # checked foreign key cost each row two more index inserts and a lookup at commit (3 % of a
    # bulk ingest's CPU at 20,000 articles, more as the tables grow).
    pk = models.CompositePrimaryKey("article_id", "band")
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )
    band = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["band", "article"], name="article_band_lookup")]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.band}"


class Mention(models.Model):
    """How often an article names an entity (by name, acronym or alias)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    count = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


class ArticleOrganisation(Mention):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="organisation_mentions"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="mentions"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "organisation"], name="uniq_article_org")
        ]
        # An entity's newest mentions, read from the end (related articles).
        indexes = [models.Index(fields=["organisation", "article"], name="mention_org_newest")]

    def __str__(self) -> str:
        return f"{self.article_id} → {self.organisation_id} ×{self.count}"


class ArticlePerson(Mention):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="person_mentions")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="mentions")
    role = models.CharField(
        max_length=500, blank=True, help_text=_("The rank and post this article gives.")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "person"], name="uniq_article_person")
        ]
        # An entity's newest mentions, read from the end (related articles).
        indexes = [models.Index(fields=["person", "article"], name="mention_person_newest")]

    def __str__(self) -> str:
        return f"{self.article_id} → {self.person_id} ×{self.count}"


class ArticleEvent(Mention):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="event_mentions")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="mentions")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "event"], name="uniq_article_event")
        ]
        # An entity's newest mentions, read from the end (related articles).
        indexes = [models.Index(fields=["event", "article"], name="mention_event_newest")]

    def __str__(self) -> str:
        return f"{self.article_id} → {self.event_id} ×{self.count}"


class ArticleCountry(Mention):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="country_mentions")
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="mentions")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "country"], name="uniq_article_country")
        ]
        # An entity's newest mentions, read from the end (related articles).
        indexes = [models.Index(fields=["country", "article"], name="mention_country_newest")]

    def __str__(self) -> str:
        return f"{self.article_id} → {self.country_id} ×{self.count}"


__all__ = [
    "Article",
    "ArticleCountry",
    "ArticleEvent",
    "ArticleOrganisation",
    "ArticlePerson",
    "Country",
    "Event",
    "EventParticipant",
    "EventReport",
    "Organisation",
    "Person",
    "Role",
    "SlugRedirect",
    "Source",
]


class ApiKey(models.Model):
    """A partner's key for the write API. Only its SHA-256 is stored; the key is shown once."""

    name = models.CharField(max_length=100, unique=True)
    prefix = models.CharField(max_length=8, help_text=_("First characters, to recognise it."))
    key_sha256 = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("API key")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class ApiWrite(models.Model):
    """An audit row per write through the API: which key changed which record, and how."""

    key = models.ForeignKey(ApiKey, on_delete=models.PROTECT, related_name="writes")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=16)  # "added", "updated", "unchanged"
    kind = models.CharField(max_length=20)  # "article", "organisation", "person", "event", ...
    # Null for countries: their key is the ISO code, kept in `slug`.
    record_id = models.BigIntegerField(null=True, blank=True)
    slug = models.CharField(max_length=200)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.key.name} {self.action} {self.kind} {self.slug}"


class ApiRateBucket(models.Model):
    """Requests counted in the current rate-limit window of one API key or client address.

    Shared by every worker through the database; written only by `archive.api.ratelimit`.
    """

    bucket = models.CharField(max_length=200, primary_key=True)
    window_start = models.DateTimeField(db_index=True)
    hits = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.bucket}: {self.hits} since {self.window_start:%H:%M:%S}"


__all__ += ["ApiKey", "ApiRateBucket", "ApiWrite"]


class Capture(models.Model):
    """One fetch or one ingested file, never overwritten: a URL's captures are its versions.

    The bytes are kept once: in `raw`, or in a WARC file under `CAPTURE_WARC_DIR` (`warc_file`
    + `warc_offset`, the response record's offset) for what the archive fetched itself. A
    revisit (the same bytes again) keeps none and points at the capture that holds them.
    Written only by `archive.ingest.service` and `archive.collect`."""

    class How(models.TextChoices):
        CRAWL = "crawl", _("crawl")
        REQUEST = "request", _("capture request")
        FILE = "file", _("ingested file")
        API = "api", _("API")

    class Status(models.TextChoices):
        ARTICLE = "article", _("article version")  # produced or updated its article
        REVISIT = "revisit", _("revisit")  # the same bytes as an earlier capture
        ARCHIVED = "archived", _("archived only")  # kept, but not an article (image, 404, ...)
        FAILED = "failed", _("failed")  # nothing kept; `error` says why

    url = models.CharField(max_length=2000, blank=True)
    fetched_at = models.DateTimeField(default=timezone.now)
    how = models.CharField(max_length=16, choices=How.choices)
    status = models.CharField(max_length=16, choices=Status.choices)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    headers = models.JSONField(default=list, blank=True, help_text=_("[[name, value], ...]"))
    content_type = models.CharField(max_length=200, blank=True)
    redirects = models.JSONField(
        default=list, blank=True, help_text=_("Each hop before the final URL: [url, status].")
    )
    raw = models.BinaryField(null=True, blank=True, editable=False)
    warc_file = models.CharField(max_length=500, blank=True)
    warc_offset = models.BigIntegerField(null=True, blank=True)
    size = models.BigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    format = models.CharField(max_length=16, blank=True)
    name = models.CharField(max_length=500, blank=True)
    error = models.TextField(blank=True)
    # The constraint is the database's own, ON DELETE SET NULL (migration 0016): a capture
    # outlives its article however the article goes.
    article = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="captures",
        db_constraint=False,
    )
    revisit_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="revisits"
    )

    class Meta:
        ordering = ["fetched_at", "id"]
        indexes = [
            models.Index(fields=["url", "fetched_at"], name="capture_timemap"),
            models.Index(fields=["article", "fetched_at"], name="capture_article"),
        ]

    def __str__(self) -> str:
        return f"{self.url or self.name} @ {self.fetched_at:%Y-%m-%d %H:%M:%S} ({self.status})"

    @property
    def holder(self) -> "Capture":
        """The capture that keeps the bytes: itself, or the one a revisit repeats."""
        return self.revisit_of.holder if self.revisit_of_id else self

    @property
    def has_bytes(self) -> bool:
        holder = self.holder
        return holder.raw is not None or bool(holder.warc_file)


__all__ += ["Capture"]
