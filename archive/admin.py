"""Admin for curators: every record can be corrected here."""

from django.contrib import admin

from archive import admin_audit  # noqa: F401  (the read-only change log)
from archive.collect import admin as collect_admin  # noqa: F401  (captures, read-only)
from archive.models import (
    Article,
    ArticleCountry,
    ArticleEvent,
    ArticleOrganisation,
    ArticlePerson,
    Country,
    Event,
    Organisation,
    Person,
    Role,
    Source,
)


class MentionInline(admin.TabularInline):
    extra = 0
    autocomplete_fields = []


class OrganisationMentionInline(MentionInline):
    model = ArticleOrganisation
    autocomplete_fields = ["organisation"]


class PersonMentionInline(MentionInline):
    model = ArticlePerson
    autocomplete_fields = ["person"]


class EventMentionInline(MentionInline):
    model = ArticleEvent
    autocomplete_fields = ["event"]


class CountryMentionInline(MentionInline):
    model = ArticleCountry
    autocomplete_fields = ["country"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "published_on", "language", "captured_on"]
    list_filter = ["language", "source", "raw_format"]
    search_fields = ["title", "slug", "url", "raw_sha256"]
    date_hierarchy = "published_on"
    readonly_fields = ["raw_sha256", "raw_format", "raw_name", "created_at", "updated_at"]
    exclude = ["raw"]
    autocomplete_fields = ["source"]
    inlines = [
        OrganisationMentionInline,
        PersonMentionInline,
        EventMentionInline,
        CountryMentionInline,
    ]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "domain", "country", "language"]
    search_fields = ["name", "short_name", "domain"]
    prepopulated_fields = {"slug": ["name"]}
    # `feeds`: the RSS/Atom feeds and sitemaps `manage.py crawl` reads (comma-separated).


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_vi", "name_en"]
    search_fields = ["code", "name_vi", "name_en"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "name_en", "kind", "country", "parent", "reviewed"]
    list_filter = ["kind", "reviewed", "country"]
    search_fields = ["name", "name_en", "acronym", "slug"]
    autocomplete_fields = ["country", "parent", "successor"]


class RoleInline(admin.TabularInline):
    model = Role
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "reviewed"]
    list_filter = ["reviewed"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["country"]
    inlines = [RoleInline]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "start_year", "start_month", "start_day", "city", "country"]
    list_filter = ["kind", "reviewed"]
    search_fields = ["title", "title_en", "slug"]
    autocomplete_fields = [
        "country",
        "organisers",
        "participant_organisations",
        "participant_people",
        "participant_countries",
    ]
