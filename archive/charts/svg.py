"""Geometry for the charts' SVG: numbers only. The templates under templates/charts/ write the
markup, so every name and label goes through Django's escaping."""

import math
from dataclasses import dataclass, field

from archive.charts.network import HEIGHT as NET_HEIGHT
from archive.charts.network import WIDTH as NET_WIDTH
from archive.charts.network import Network
from archive.charts.timeline import Timeline
from archive.models import Event

# One colour per kind, told apart with the common colour-vision deficiencies: Okabe-Ito first,
# then Paul Tol's muted scheme; kinds of one family (people handed over, help given) sit on
# neighbouring hues. The light ones (sky blue, sand, orange) fall under 3:1 contrast with the
# white page, so every bar segment and legend swatch has a dark outline. Articles are slate.
KIND_COLOURS = {
    Event.Kind.AGREEMENT: "#0072b2",
    Event.Kind.EXTRADITION: "#882255",
    Event.Kind.HANDOVER: "#cc6677",
    Event.Kind.REPATRIATION: "#aa4499",
    Event.Kind.JOINT_OPERATION: "#d55e00",
    Event.Kind.LEGAL_ASSISTANCE: "#332288",
    Event.Kind.INFORMATION_EXCHANGE: "#44aa99",
    Event.Kind.TRAINING: "#009e73",
    Event.Kind.EQUIPMENT: "#999933",
    Event.Kind.CONFERENCE: "#56b4e9",
    Event.Kind.VISIT: "#ddcc77",
    Event.Kind.MEETING: "#e69f00",
    Event.Kind.OTHER: "#7f7f7f",
}
ARTICLE_COLOUR = "#44546a"
NODE_COLOURS = {"organisation": "#0072b2", "country": "#d55e00", "person": "#009e73"}
FOCUS_COLOUR = "#000000"


@dataclass
class Segment:
    kind: str
    label: str
    count: int
    y: float
    height: float
    fill: str


@dataclass
class BarShape:
    label: str
    x: float
    width: float
    href: str
    articles: int
    article_y: float
    article_height: float
    event_total: int
    segments: list[Segment] = field(default_factory=list)
    tick: bool = False  # its label is written under the axis

    @property
    def centre(self) -> float:
        return round(self.x + self.width / 2, 2)


@dataclass
class BarChart:
    width: int
    height: int
    panel: int  # each panel's height
    top: int  # where the articles' panel starts
    events_top: int
    bars: list[BarShape]
    article_max: int
    event_max: int
    legend: list[dict]
    axis_y: int
    label_x: int
    left: int
    right: int

    @property
    def hit_height(self) -> int:
        return self.axis_y - self.top

    @property
    def article_base(self) -> int:
        return self.top + self.panel


def nice_max(value: int) -> int:
    """The axis top: 1, 2 or 5 times a power of ten, at least `value`."""
    if value <= 5:
        return max(value, 1)
    power = 10 ** int(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def timeline_chart(timeline: Timeline, href, *, with_events: bool = True) -> BarChart:
    """Bars of articles (upper panel) and of events stacked by kind (lower panel)."""
    width, left, right, top, panel, gap = 1000, 56, 10, 24, 150 if with_events else 90, 46
    events_top = top + panel + gap
    axis_y = (events_top + panel) if with_events else (top + panel)
    height = axis_y + 34
    count = max(len(timeline.bars), 1)
    slot = (width - left - right) / count
    bar_width = max(1.0, slot * 0.8)
    a_max = nice_max(timeline.max_articles)
    e_max = nice_max(timeline.max_events)
    every = max(1, math.ceil(count / 20))  # at most about 20 labels under the axis
    shapes = []
    for index, bar in enumerate(timeline.bars):
        x = left + index * slot + (slot - bar_width) / 2
        a_height = panel * bar.articles / a_max
        shape = BarShape(
            label=bar.label,
            x=round(x, 2),
            width=round(bar_width, 2),
            href=href(bar),
            articles=bar.articles,
            article_y=round(top + panel - a_height, 2),
            article_height=round(a_height, 2),
            event_total=bar.event_total,
            tick=index % every == 0 and (bar.month in (None, 1) or every == 1),
        )
        base = events_top + panel
        for kind, label in timeline.kinds:
            n = bar.events.get(kind, 0)
            if not n:
                continue
            h = panel * n / e_max
            base -= h
            shape.segments.append(
                Segment(kind, str(label), n, round(base, 2), round(h, 2), KIND_COLOURS[kind])
            )
        shapes.append(shape)
    legend = [{"label": label, "fill": KIND_COLOURS[kind]} for kind, label in timeline.kinds]
    return BarChart(
        width=width,
        height=height,
        panel=panel,
        top=top,
        events_top=events_top,
        bars=shapes,
        article_max=a_max,
        event_max=e_max,
        legend=legend,
        axis_y=axis_y,
        label_x=left - 6,
        left=left,
        right=width - right,
    )


@dataclass
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    colour: str
    dashed: bool
    href: str
    title: str
    events: int
    articles: int
    a: str = ""  # the public ids of its ends
    b: str = ""


LABEL_CHAR = 7.2  # px a character of a 13 px label, about (DejaVu Sans, the fallback)
LABEL_HEIGHT = 14


def _label_spots(node) -> list[tuple[float, float, str, tuple]]:
    """Where a node's label may go, best first: (x, y, text-anchor, its box). Right of the
    node, but left first near the right edge, where a long name would run out of the
    drawing; then above and below, centred."""
    w = LABEL_CHAR * len(node.label)
    right_x, left_x = node.x + node.r + 3, node.x - node.r - 3
    mid_y = node.y + 4
    spots = [
        (right_x, mid_y, "start", (right_x, mid_y - 11, right_x + w, mid_y + 3)),
        (left_x, mid_y, "end", (left_x - w, mid_y - 11, left_x, mid_y + 3)),
    ]
    if node.x > NET_WIDTH * 0.72:
        spots.reverse()
    for y in (node.y - node.r - 4, node.y + node.r + 13):
        spots.append((node.x, y, "middle", (node.x - w / 2, y - 11, node.x + w / 2, y + 3)))
    return spots


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _place_labels(nodes) -> None:
    """Each label where it overlaps no label placed before it nor another node, the most
    connected nodes first; where every spot collides, the first spot that stays inside."""
    placed: list[tuple] = []
    discs = {n.key: (n.x - n.r, n.y - n.r, n.x + n.r, n.y + n.r) for n in nodes}
    for node in sorted(nodes, key=lambda n: (not n.focus, -n.score, n.key)):
        spots = _label_spots(node)
        inside = [s for s in spots if s[3][0] >= 0 and s[3][2] <= NET_WIDTH] or spots
        free = [
            s
            for s in inside
            if not any(_overlap(s[3], box) for box in placed)
            and not any(_overlap(s[3], disc) for key, disc in discs.items() if key != node.key)
        ]
        x, y, anchor, box = (free or inside)[0]
        node.label_x, node.label_y, node.label_anchor = round(x, 1), round(y, 1), anchor
        placed.append(box)


def network_drawing(network: Network, edge_href) -> dict:
    """Lines (heaviest drawn last, on top) and nodes (the focus last), in the box's units."""
    nodes = {n.key: n for n in network.nodes}
    top = max((e.weight for e in network.edges), default=1.0) or 1.0
    lines = []
    for edge in sorted(network.edges, key=lambda e: e.weight):
        a, b = nodes[edge.a], nodes[edge.b]
        lines.append(
            Line(
                a.x,
                a.y,
                b.x,
                b.y,
                width=round(0.8 + 5 * math.sqrt(edge.weight / top), 2),
                colour="#3b4b5c" if edge.events else "#8a96a3",
                dashed=not edge.events,
                href=edge_href(a, b),
                title=f"{a.name} – {b.name}",
                events=edge.events,
                articles=edge.articles,
                a=a.id,
                b=b.id,
            )
        )
    ordered = sorted(network.nodes, key=lambda n: (n.focus, n.score))
    for node in ordered:
        node.fill = FOCUS_COLOUR if node.focus else NODE_COLOURS[node.kind]
        node.box_x = round(node.x - node.r * 0.9, 1)  # a country is a square
        node.box_y = round(node.y - node.r * 0.9, 1)
        node.box = round(node.r * 1.8, 1)
    _place_labels(network.nodes)
    return {
        "width": NET_WIDTH,
        "height": NET_HEIGHT,
        "lines": lines,
        "nodes": ordered,
        "legend": [
            {"label": kind, "fill": colour}
            for kind, colour in NODE_COLOURS.items()
            if any(n.kind == kind for n in network.nodes)
        ],
    }
