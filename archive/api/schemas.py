"""API schemas: explicit fields, never __all__; input (`...In`) separate from output (`...Out`).

Every field carries a description and an example: they are the partner's documentation.
"""

from datetime import date, datetime

from ninja import Field, Schema

from archive.api.lists import ListMeta

ARTICLE_URL = "https://example.org/articles/bo-truong-bo-cong-an-tham-du-hoi-nghi/"


class SourceRef(Schema):
    id: int = Field(description="Source id.", examples=[1])
    slug: str = Field(description="Source slug.", examples=["dang-cong-san"])
    name: str = Field(
        description="Publisher name.", examples=["Báo điện tử Đảng Cộng sản Việt Nam"]
    )
    url: str = Field(
        description="Page of the source.", examples=["https://example.org/sources/dang-cong-san/"]
    )


class EntityRef(Schema):
    id: int | str = Field(description="Record id (ISO code for a country).", examples=[7])
    slug: str = Field(description="Slug (lower-case ISO code for a country).", examples=["c50"])
    name: str = Field(
        description="Canonical name.",
        examples=["Cục Cảnh sát phòng, chống tội phạm sử dụng công nghệ cao"],
    )
    url: str = Field(
        description="Page of the record.", examples=["https://example.org/organisations/c50/"]
    )
    count: int | None = Field(None, description="Times the article names it.", examples=[2])


class ArticleListItem(Schema):
    id: int = Field(description="Article id.", examples=[12])
    slug: str = Field(
        description="Stable article slug.", examples=["bo-truong-bo-cong-an-tham-du-hoi-nghi"]
    )
    title: str = Field(
        description="Headline.", examples=["Bộ trưởng Bộ Công an tham dự Hội nghị thượng đỉnh"]
    )
    url: str = Field(description="Page of the article.", examples=[ARTICLE_URL])
    source: SourceRef | None = Field(description="Publisher, when known.")
    published_on: date | None = Field(
        description="Publication date; null when the capture gives none.", examples=["2025-04-01"]
    )
    language: str = Field(description="ISO 639-1 language.", examples=["vi"])


class StoryOut(Schema):
    id: int = Field(description="Story id.", examples=[12])
    outlets: int = Field(description="How many outlets carried it.", examples=[3])
    first: ArticleListItem = Field(description="The copy published first.")
    articles: list[ArticleListItem] = Field(description="Every copy, earliest first.")


class ArticleOut(ArticleListItem):
    lede: str = Field(description="First paragraph.", examples=["Ngày 31/3, tại London..."])
    body: str = Field(
        description="Clean text, paragraphs separated by blank lines.",
        examples=["Đoạn một.\n\nĐoạn hai."],
    )
    captions: list[dict] = Field(
        description="Photo captions: {after: paragraph index, text}.",
        examples=[[{"after": 0, "text": "Đại tướng Lương Tam Quang phát biểu."}]],
    )
    authors: list[str] = Field(description="Authors as credited.", examples=[["Phong Hà"]])
    editors: list[str] = Field(description="Editors as credited.", examples=[[]])
    source_note: str = Field(
        description="Credit line as captured.", examples=["Theo Phong Hà/TTXVN"]
    )
    tags: list[str] = Field(description="Tags as captured.", examples=[["an ninh biên giới"]])
    original_url: str | None = Field(
        description="Where the capture came from, when known.",
        examples=["https://dangcongsan.vn/..."],
    )
    published_at: datetime | None = Field(
        description="Publication time, only when the capture states it.", examples=[None]
    )
    captured_on: date | None = Field(
        description="Day the page was captured, when shown.", examples=["2025-04-02"]
    )
    updated_at: datetime = Field(
        description="Last change to this record.", examples=["2025-04-02T08:00:00Z"]
    )
    sha256: str = Field(
        description="SHA-256 of the raw capture (fixity).", examples=["d1984437577e8bda" + "0" * 48]
    )
    organisations: list[EntityRef] = Field(description="Organisations the article names.")
    people: list[EntityRef] = Field(description="People the article names.")
    events: list[EntityRef] = Field(description="Events the article names.")
    countries: list[EntityRef] = Field(description="Countries the article names.")
    story: StoryOut | None = Field(
        None,
        description="When other outlets carried the same story (near-duplicates): every copy, "
        "who published first.",
    )
    reported_events: list[EntityRef] = Field(
        default_factory=list, description="Cooperation events the article reports."
    )


class OrganisationOut(Schema):
    id: int = Field(description="Organisation id.", examples=[7])
    slug: str = Field(description="Stable slug.", examples=["c50"])
    name: str = Field(
        description="Canonical (usually Vietnamese) name.",
        examples=["Cục Cảnh sát phòng, chống tội phạm sử dụng công nghệ cao"],
    )
    name_en: str = Field(
        description="English name.", examples=["High-Tech Crime Police Department"]
    )
    acronym: str = Field(description="Acronym.", examples=["C50"])
    aliases: list[str] = Field(description="Other names, any language.", examples=[["Cục C50"]])
    kind: str = Field(
        description="ministry, government, police, international, network, news, academic, other.",
        examples=["police"],
    )
    country: str | None = Field(description="ISO 3166 code.", examples=["VN"])
    parent: str | None = Field(
        description="Slug of the parent organisation.", examples=["tong-cuc-vi"]
    )
    successor: str | None = Field(
        description="Slug of the organisation it became.", examples=["a05"]
    )
    url: str = Field(
        description="Page of the organisation.", examples=["https://example.org/organisations/c50/"]
    )


class PersonOut(Schema):
    id: int = Field(description="Person id.", examples=[3])
    slug: str = Field(description="Stable slug.", examples=["luong-tam-quang"])
    name: str = Field(description="Name.", examples=["Lương Tam Quang"])
    aliases: list[str] = Field(description="Other spellings.", examples=[["Luong Tam Quang"]])
    url: str = Field(
        description="Page of the person.", examples=["https://example.org/people/luong-tam-quang/"]
    )


class EventOut(Schema):
    id: int = Field(description="Event id.", examples=[2])
    slug: str = Field(description="Stable slug.", examples=["border-security-summit-london-2025"])
    title: str = Field(description="Title.", examples=["Hội nghị thượng đỉnh về an ninh biên giới"])
    title_en: str = Field(description="English title.", examples=["Border Security Summit"])
    kind: str = Field(
        description="agreement, extradition, handover (of suspects), repatriation (of victims), "
        "joint_operation, legal_assistance, information_exchange, training, equipment, "
        "conference, visit, meeting or other.",
        examples=["handover"],
    )
    starts: str = Field(
        description="Start date, EDTF-style; parts may be unknown (XXXX).", examples=["XXXX-10-29"]
    )
    ends: str = Field(description="End date, EDTF-style, or empty.", examples=["2025-04-01"])
    city: str = Field(description="City.", examples=["London"])
    venue: str = Field(description="Venue.", examples=[""])
    border_gate: str = Field(description="Border gate.", examples=["Mộc Bài"])
    country: str | None = Field(description="Host country, ISO code.", examples=["GB"])
    people_count: int | None = Field(
        description="People handed over, extradited or repatriated.", examples=[42]
    )
    arrests: int | None = Field(description="Arrests reported.", examples=[None])
    crime: str = Field(description="Crime, in English.", examples=["online fraud"])
    reviewed: bool = Field(
        description="False for an event found in the text and not yet checked by a curator.",
        examples=[False],
    )
    url: str = Field(
        description="Page of the event.", examples=["https://example.org/events/hanoi-conference/"]
    )


class CountryOut(Schema):
    code: str = Field(description="ISO 3166 alpha-2 code.", examples=["VN"])
    name_vi: str = Field(description="Vietnamese name.", examples=["Việt Nam"])
    name_en: str = Field(description="English name.", examples=["Vietnam"])
    aliases: list[str] = Field(description="Other names.", examples=[["Viet Nam"]])
    url: str = Field(
        description="Page of the country.", examples=["https://example.org/countries/vn/"]
    )


class SourceOut(Schema):
    id: int = Field(description="Source id.", examples=[1])
    slug: str = Field(description="Stable slug.", examples=["dang-cong-san"])
    name: str = Field(
        description="Publisher name.", examples=["Báo điện tử Đảng Cộng sản Việt Nam"]
    )
    short_name: str = Field(description="Short name.", examples=["ĐCSVN"])
    domain: str = Field(description="Web domain.", examples=["dangcongsan.vn"])
    country: str | None = Field(description="ISO code.", examples=["VN"])
    language: str = Field(description="Main language.", examples=["vi"])
    url: str = Field(
        description="Page of the source.", examples=["https://example.org/sources/dang-cong-san/"]
    )


class Related(Schema):
    articles: str = Field(
        description="API link to the articles that mention this record.",
        examples=["https://example.org/api/v1/articles?organisation=c50"],
    )
    article_count: int = Field(description="How many articles mention it.", examples=[2])


class RoleOut(Schema):
    title: str = Field(description="Post as captured.", examples=["Bộ trưởng"])
    rank: str = Field(description="Rank as captured.", examples=["Đại tướng"])
    organisation: EntityRef | None = Field(description="Where the post was held.")
    started: str = Field(description="EDTF-style start, may be empty.", examples=["2024"])
    ended: str = Field(description="EDTF-style end, may be empty.", examples=[""])


class OrganisationDetail(OrganisationOut, Related):
    description: str = Field(description="Description.", examples=[""])
    parent_ref: EntityRef | None = Field(description="Parent organisation.")
    successor_ref: EntityRef | None = Field(description="Organisation it became.")
    children: list[EntityRef] = Field(description="Units under it.")
    predecessors: list[EntityRef] = Field(description="Organisations it succeeded.")
    people: list[EntityRef] = Field(description="People with a recorded post there.")
    events: list[EntityRef] = Field(description="Events it organised or attended.")


class PersonDetail(PersonOut, Related):
    description: str = Field(description="Description.", examples=[""])
    country: EntityRef | None = Field(description="Country.")
    roles: list[RoleOut] = Field(description="Posts and ranks over time.")
    events: list[EntityRef] = Field(description="Events the person took part in.")


class ParticipantOut(Schema):
    role: str = Field(
        description="signatory, host, organiser, participant, sender, receiver, provider, "
        "recipient, funder, requester or visitor.",
        examples=["sender"],
    )
    kind: str = Field(description="organisation, country or person.", examples=["country"])
    record: EntityRef = Field(description="The participant.")


class ReportOut(Schema):
    article: ArticleListItem = Field(description="An article that reports the event.")
    evidence: str = Field(
        description="The sentence the event was found in (empty when a curator linked them).",
        examples=["Campuchia đã trao trả 42 công dân Việt Nam."],
    )


class EventDetail(EventOut, Related):
    description: str = Field(description="Description.", examples=[""])
    organisers: list[EntityRef] = Field(description="Organising bodies.")
    participant_organisations: list[EntityRef] = Field(description="Participating organisations.")
    participant_people: list[EntityRef] = Field(description="Participating people.")
    participant_countries: list[EntityRef] = Field(description="Participating countries.")
    participants: list[ParticipantOut] = Field(description="Participants with their roles.")
    reports: list[ReportOut] = Field(description="Articles that report the event.")


class CountryDetail(CountryOut, Related):
    organisations: list[EntityRef] = Field(description="Organisations based there.")
    events: list[EntityRef] = Field(description="Events hosted there.")


class SourceDetail(SourceOut, Related):
    home_url: str = Field(description="Home page.", examples=["https://dangcongsan.vn"])


class ArticlePage(ListMeta):
    items: list[ArticleListItem]


class OrganisationPage(ListMeta):
    items: list[OrganisationOut]


class PersonPage(ListMeta):
    items: list[PersonOut]


class EventPage(ListMeta):
    items: list[EventOut]


class CountryPage(ListMeta):
    items: list[CountryOut]


class SourcePage(ListMeta):
    items: list[SourceOut]


class ErrorOut(Schema):
    code: str = Field(description="Stable machine-readable code.", examples=["not_found"])
    message: str = Field(description="What went wrong, for people.", examples=["No such record."])
