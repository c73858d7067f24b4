"""The map: partner countries shaded by the number of cooperation events shared with a focus
country (Vietnam unless another is chosen), counted in one SQL query.

`partner_counts(events, focus)` takes any event queryset; an event's countries are its host and
the countries among its participants (EventParticipant rows, any role).
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db import connection
from django.db.models import QuerySet

from archive.charts.projection import to_box
from archive.models import Country

WORLD_FILE = Path(__file__).parent / "data" / "world.json"
DEFAULT_FOCUS = "VN"

# Places too small for the 1:110m outlines, drawn as dots (longitude, latitude of the capital).
DOTS = {
    "SG": (103.82, 1.35),
    "HK": (114.17, 22.32),
    "MO": (113.54, 22.19),
    "BH": (50.58, 26.07),
    "MT": (14.51, 35.9),
    "MV": (73.51, 4.18),
    "MU": (57.5, -20.16),
    "SC": (55.45, -4.62),
    "AD": (1.52, 42.51),
    "MC": (7.42, 43.74),
    "LI": (9.52, 47.14),
    "SM": (12.45, 43.94),
    "VA": (12.45, 41.9),
    "PW": (134.48, 7.5),
    "FM": (158.16, 6.92),
    "MH": (171.38, 7.1),
    "NR": (166.93, -0.52),
    "TV": (179.19, -8.52),
    "KI": (173.0, 1.45),
    "TO": (-175.2, -21.14),
    "WS": (-171.76, -13.83),
    "BB": (-59.6, 13.1),
    "AG": (-61.85, 17.12),
    "DM": (-61.39, 15.3),
    "GD": (-61.68, 12.06),
    "KN": (-62.72, 17.3),
    "LC": (-60.98, 14.01),
    "VC": (-61.23, 13.16),
    "ST": (6.73, 0.34),
    "KM": (43.26, -11.7),
    "CV": (-23.51, 14.93),
}


@cache
def world() -> dict:
    """{"width", "height", "countries": {ISO code: SVG path}} (Natural Earth, simplified)."""
    return json.loads(WORLD_FILE.read_text("utf-8"))


def dot_position(code: str) -> tuple[float, float] | None:
    place = DOTS.get(code)
    return to_box(*place) if place else None


PARTNERS_SQL = """
WITH ev AS ({events}),
pairs AS (
    SELECT e.id AS event_id, e.country_id FROM archive_event e
    WHERE e.id IN (SELECT id FROM ev) AND e.country_id IS NOT NULL
    UNION
    SELECT p.event_id, p.country_id FROM archive_eventparticipant p
    WHERE p.event_id IN (SELECT id FROM ev) AND p.country_id IS NOT NULL
)
SELECT country_id, count(DISTINCT event_id) FROM pairs
WHERE {focus_clause}
GROUP BY country_id
"""


def partner_counts(events: QuerySet, focus: str | None) -> dict[str, int]:
    """{country: events it shares with `focus`} (the focus itself left out); without a focus,
    {country: events it hosts or attends}."""
    sql, params = events.order_by().values("id").query.sql_with_params()
    if focus:
        focus_clause = (
            "country_id <> %s AND event_id IN (SELECT event_id FROM pairs WHERE country_id = %s)"
        )
        params = (*params, focus, focus)
    else:
        focus_clause = "TRUE"
    with connection.cursor() as cursor:
        cursor.execute(PARTNERS_SQL.format(events=sql, focus_clause=focus_clause), params)
        return dict(cursor.fetchall())


@dataclass
class Region:
    code: str
    name: str
    url: str
    count: int
    shade: int  # 0 (none) .. len(SHADES); -1 for the focus country
    path: str = ""  # its outline, or
    dot: tuple[float, float] | None = None  # a dot where it is too small to outline
    fill: str = ""

    @property
    def linked(self) -> bool:
        """Partners and the focus link to their pages; the rest have nothing on them here."""
        return bool(self.count) or self.shade < 0


# Sequential blues, light to dark (ColorBrewer Blues); none is a light grey. The legend's text
# and the table carry the numbers; every step differs from its neighbour and from white.
SHADES = ["#9ecae1", "#6baed6", "#3182bd", "#08519c", "#08306b"]
NONE_FILL = "#e8e8e8"
FOCUS_FILL = "#d95f02"


def thresholds(counts: list[int]) -> list[int]:
    """Lower bounds of the shades: 1, then doubling steps up to the largest count."""
    top = max(counts, default=0)
    bounds = [1]
    step = max(2, round(top ** (1 / len(SHADES)))) if top > len(SHADES) else 2
    while len(bounds) < len(SHADES) and bounds[-1] * step <= top:
        bounds.append(bounds[-1] * step)
    return bounds


def shade_of(count: int, bounds: list[int]) -> int:
    return sum(1 for b in bounds if count >= b)


@dataclass
class WorldMap:
    focus: Country | None
    regions: list[Region]  # every outlined country, plus dots for small partners
    bounds: list[int]
    width: float
    height: float

    @property
    def partners(self) -> list[Region]:
        """Countries with events, most first (the table and the exports)."""
        return sorted((r for r in self.regions if r.count), key=lambda r: (-r.count, r.name))

    @property
    def legend(self) -> list[dict]:
        upper = [b - 1 for b in self.bounds[1:]] + [None]
        return [
            {"fill": SHADES[i], "low": low, "high": high}
            for i, (low, high) in enumerate(zip(self.bounds, upper, strict=True))
        ]

    def fill(self, region: Region) -> str:
        if region.shade < 0:
            return FOCUS_FILL
        return SHADES[region.shade - 1] if region.shade else NONE_FILL


def world_map(events: QuerySet, focus: str | None = DEFAULT_FOCUS) -> WorldMap:
    counts = partner_counts(events, focus)
    geometry = world()
    codes = set(geometry["countries"]) | set(counts) | ({focus} if focus else set())
    countries = {c.code: c for c in Country.objects.filter(code__in=codes)}
    bounds = thresholds(list(counts.values()))
    regions = []
    for code in sorted(codes):
        country = countries.get(code)
        if country is None:
            continue  # outlines without a record (none on a loaded archive)
        path = geometry["countries"].get(code, "")
        dot = None if path else dot_position(code)
        if not path and not dot:
            continue  # neither outlined nor placed: the table still lists it
        count = counts.get(code, 0)
        regions.append(
            Region(
                code=code,
                name=country.display_name,
                url=country.get_absolute_url(),
                count=count,
                shade=-1 if code == focus else shade_of(count, bounds),
                path=path,
                dot=dot,
            )
        )
    table_only = [
        Region(code, countries[code].display_name, countries[code].get_absolute_url(), n, 0)
        for code, n in counts.items()
        if code in countries and code not in {r.code for r in regions}
    ]
    drawn = WorldMap(
        focus=countries.get(focus) if focus else None,
        regions=regions + table_only,
        bounds=bounds,
        width=geometry["width"],
        height=geometry["height"],
    )
    for region in drawn.regions:
        region.fill = drawn.fill(region)
    return drawn
