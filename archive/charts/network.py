"""The cooperation network: who appears with whom, in shared events and in the same articles.

Nodes are organisations and countries (people on request); an edge joins two nodes that took
part in the same event (weighted by the event's kind) or are mentioned by the same article. All
counting is SQL over the two querysets handed in (`events`, `articles`); an event's nodes are
its participants in any role (EventParticipant rows) and its host country, read by
`_participants_sql` (one row per event and node, with a weight). networkx lays the graph out
on the server; svg.py draws it.
"""

import math
from dataclasses import dataclass, field

import networkx as nx
from django.db import connection
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import get_language

from archive.models import (
    ArticleCountry,
    ArticleOrganisation,
    ArticlePerson,
    Country,
    Event,
    EventParticipant,
    Organisation,
    Person,
)

# What a shared event says about two participants, by kind: a signed agreement, a hand-over
# of suspects or a joint operation more than sitting in the same conference hall.
KIND_WEIGHTS = {
    Event.Kind.AGREEMENT: 3.0,
    Event.Kind.EXTRADITION: 3.0,
    Event.Kind.HANDOVER: 3.0,
    Event.Kind.REPATRIATION: 3.0,
    Event.Kind.JOINT_OPERATION: 3.0,
    Event.Kind.LEGAL_ASSISTANCE: 2.5,
    Event.Kind.INFORMATION_EXCHANGE: 2.0,
    Event.Kind.TRAINING: 2.0,
    Event.Kind.EQUIPMENT: 2.0,
    Event.Kind.VISIT: 1.5,
    Event.Kind.MEETING: 1.5,
    Event.Kind.CONFERENCE: 1.0,
    Event.Kind.OTHER: 1.0,
}
# A node's size: events count this many times an article mention.
EVENT_NODE_WEIGHT = 5
NODE_LIMIT = 40  # nodes drawn: the most connected
EDGE_LIMIT = 150  # edges drawn: the heaviest among them
EVIDENCE_EVENTS = 20  # event ids kept per edge (the edge page lists them all)

KIND_PREFIX = {"o": "organisation", "c": "country", "p": "person"}


@dataclass
class Node:
    key: str  # "o12", "cVN", "p7": internal
    id: str = ""  # "organisation:c50", "country:vn", "person:le-quy-vuong": public
    kind: str = ""  # organisation, country, person
    label: str = ""
    name: str = ""
    url: str = ""
    events: int = 0
    articles: int = 0
    score: float = 0.0
    x: float = 0.0
    y: float = 0.0
    r: float = 6.0
    focus: bool = False
    # Set by svg.network_drawing: colour, a country's square, where the label goes.
    fill: str = ""
    box_x: float = 0.0
    box_y: float = 0.0
    box: float = 0.0
    label_x: float = 0.0
    label_anchor: str = "start"
    label_y: float = 0.0


@dataclass
class Edge:
    a: str
    b: str
    events: int = 0
    event_weight: float = 0.0
    articles: int = 0
    event_ids: list[int] = field(default_factory=list)

    @property
    def weight(self) -> float:
        """For the layout and the stroke: events by kind, plus articles on a log scale."""
        return self.event_weight + math.log1p(self.articles)


@dataclass
class Network:
    nodes: list[Node]
    edges: list[Edge]
    focus: str | None = None

    def node(self, key: str) -> Node:
        return next(n for n in self.nodes if n.key == key)

    def graph(self) -> nx.Graph:
        """As networkx holds it, with scalar attributes only (GraphML and GEXF take those)."""
        graph = nx.Graph()
        for n in self.nodes:
            graph.add_node(
                n.id, label=n.name, kind=n.kind, url=n.url, events=n.events, articles=n.articles
            )
        by_key = {n.key: n.id for n in self.nodes}
        for e in self.edges:
            graph.add_edge(
                by_key[e.a],
                by_key[e.b],
                weight=round(e.weight, 4),
                events=e.events,
                event_weight=e.event_weight,
                articles=e.articles,
                event_ids=" ".join(map(str, e.event_ids)),
            )
        return graph


# -- SQL -----------------------------------------------------------------------------------
# The statements are put together from our own table names, the kind weights above and the SQL
# Django compiles for the querysets (hence the S608 waivers); every value is a parameter.


def _subquery(qs: QuerySet) -> tuple[str, tuple]:
    sql, params = qs.order_by().values("pk").query.sql_with_params()
    return sql, tuple(params)


def _participants_sql(events: QuerySet, people: bool) -> tuple[str, tuple]:
    """(event_id, node, weight): every participant of the events, whatever its role (one row
    however many roles it holds), and the host country."""
    ev, params = _subquery(events)
    weight = "CASE e.kind " + " ".join(f"WHEN '{k}' THEN {w}" for k, w in KIND_WEIGHTS.items())
    weight += " ELSE 1.0 END"
    node = (
        "CASE WHEN t.organisation_id IS NOT NULL THEN 'o' || t.organisation_id"
        " WHEN t.country_id IS NOT NULL THEN 'c' || t.country_id"
        " ELSE 'p' || t.person_id END"
    )
    who = "" if people else " AND t.person_id IS NULL"
    parts = [
        f"SELECT e.id AS event_id, {node} AS node, {weight} AS weight "  # noqa: S608
        f"FROM {EventParticipant._meta.db_table} t JOIN archive_event e ON e.id = t.event_id "
        f"WHERE e.id IN ({ev}){who}",
        f"SELECT e.id, 'c' || e.country_id, {weight} FROM archive_event e "  # noqa: S608
        f"WHERE e.country_id IS NOT NULL AND e.id IN ({ev})",
    ]
    return " UNION ".join(parts), params * len(parts)


def _mentions_sql(articles: QuerySet | None, people: bool, only: list[str] | None):
    """(article_id, node): who each article mentions. `articles` None: every article;
    `only`: these nodes alone (read through the mention indexes)."""
    branches = [
        (ArticleOrganisation._meta.db_table, "organisation_id", "o", int),
        (ArticleCountry._meta.db_table, "country_id", "c", str),
    ]
    if people:
        branches.append((ArticlePerson._meta.db_table, "person_id", "p", int))
    parts, params = [], []
    for table, column, prefix, cast in branches:
        where, branch_params = [], []
        if only is not None:
            ids = [cast(k[1:]) for k in only if k[0] == prefix]
            if not ids:
                continue
            where.append(f"m.{column} = ANY(%s)")
            branch_params.append(ids)
        if articles is not None:
            sql, sub_params = _subquery(articles)
            where.append(f"m.article_id IN ({sql})")
            branch_params.extend(sub_params)
        clause = " WHERE " + " AND ".join(where) if where else ""
        parts.append(
            f"SELECT m.article_id, '{prefix}' || m.{column} AS node FROM {table} m{clause}"  # noqa: S608
        )
        params.extend(branch_params)
    if not parts:
        return "SELECT NULL::bigint AS article_id, NULL::text AS node WHERE FALSE", ()
    return " UNION ALL ".join(parts), tuple(params)


def _rows(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def top_nodes(events, articles, *, people: bool, limit: int) -> dict[str, tuple[int, int]]:
    """{node: (events, articles)} of the `limit` nodes with the most of both."""
    parts, p_params = _participants_sql(events, people)
    ment, m_params = _mentions_sql(articles, people, None)
    sql = f"""
        WITH parts AS ({parts}), ment AS ({ment})
        SELECT node, sum(ev)::int, sum(ar)::int FROM (
            SELECT node, count(DISTINCT event_id) AS ev, 0 AS ar FROM parts GROUP BY node
            UNION ALL
            SELECT node, 0, count(*) FROM ment GROUP BY node
        ) counted GROUP BY node
        ORDER BY {EVENT_NODE_WEIGHT} * sum(ev) + sum(ar) DESC, node LIMIT %s
    """  # noqa: S608
    return {row[0]: (row[1], row[2]) for row in _rows(sql, (*p_params, *m_params, limit))}


def neighbours(
    events, articles, focus: str, *, people: bool, limit: int
) -> dict[str, tuple[int, int]]:
    """{node: (events, articles) shared with `focus`} for the `limit` nodes most tied to it
    (shared events weighted by kind, articles on a log scale), and the focus's own totals;
    one query."""
    parts, p_params = _participants_sql(events, people)
    ment_focus, f_params = _mentions_sql(articles, people, [focus])
    ment, m_params = _mentions_sql(articles, people, None)
    sql = f"""
        WITH parts AS ({parts}),
        by_event AS (
            SELECT b.node, sum(b.weight) AS w, count(DISTINCT b.event_id) AS ev FROM parts a
            JOIN parts b ON b.event_id = a.event_id AND b.node <> a.node
            WHERE a.node = %s GROUP BY b.node
        ),
        mine AS ({ment_focus}),
        by_article AS (
            SELECT m.node, count(*) AS n FROM mine f JOIN ({ment}) m
            ON m.article_id = f.article_id AND m.node <> f.node GROUP BY m.node
        ),
        ranked AS (
            SELECT node, sum(ev)::int AS ev, sum(n)::int AS n, sum(score) AS score FROM (
                SELECT node, ev, 0 AS n, w AS score FROM by_event
                UNION ALL SELECT node, 0, n, ln(1 + n) FROM by_article
            ) scored GROUP BY node ORDER BY sum(score) DESC, node LIMIT %s
        )
        SELECT %s, (SELECT count(DISTINCT event_id) FROM parts WHERE node = %s)::int,
               (SELECT count(*) FROM mine)::int, NULL
        UNION ALL (SELECT node, ev, n, score FROM ranked ORDER BY score DESC, node)
    """  # noqa: S608
    params = (*p_params, focus, *f_params, *m_params, limit, focus, focus)
    return {row[0]: (row[1], row[2]) for row in _rows(sql, params)}


def _mention_bits_sql(articles: QuerySet | None, keys: list[str]) -> tuple[str, tuple]:
    """(article_id, bit): each article's mentions of `keys`, `bit` the key's place in `keys`
    (at most 63 of them), read through the mention indexes."""
    branches = [
        (ArticleOrganisation._meta.db_table, "organisation_id", "o", int, "int"),
        (ArticleCountry._meta.db_table, "country_id", "c", str, "text"),
        (ArticlePerson._meta.db_table, "person_id", "p", int, "int"),
    ]
    parts, params = [], []
    for table, column, prefix, cast, sql_type in branches:
        mine = [(bit, cast(k[1:])) for bit, k in enumerate(keys) if k[0] == prefix]
        if not mine:
            continue
        ids = [ref for _, ref in mine]
        where, branch_params = [f"m.{column}::{sql_type} = ANY(%s)"], [ids]
        if articles is not None:
            sql, sub_params = _subquery(articles)
            where.append(f"m.article_id IN ({sql})")
            branch_params.extend(sub_params)
        parts.append(
            f"SELECT m.article_id, (%s::int[])[array_position(%s::{sql_type}[], "  # noqa: S608
            f"m.{column}::{sql_type})] AS bit FROM {table} m WHERE " + " AND ".join(where)
        )
        params.extend([[bit for bit, _ in mine], ids, *branch_params])
    if not parts:
        return "SELECT NULL::bigint AS article_id, NULL::int AS bit WHERE FALSE", ()
    return " UNION ALL ".join(parts), tuple(params)


def _pairs(nodes: list[str]):
    ordered = sorted(set(nodes))
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            yield a, b


def edges_among(events, articles, keys: list[str], *, people: bool) -> list[Edge]:
    """Every pair of `keys` that shares an event or an article, with the evidence counted.

    Articles are counted by the set of keys each one names (a bit mask, one row per article,
    then one per distinct set: a few thousand at 100,000 articles), and the pairs read off
    the sets here; an event's participants are few, and paired here too."""
    keys = keys[:63]
    parts, p_params = _participants_sql(events, people)
    bits, b_params = _mention_bits_sql(articles, keys)
    # One round trip: the events' participants ('e', event, node, weight), then the sets of
    # keys the articles name ('m', mask, NULL, how many articles).
    rows = _rows(
        f"""SELECT 'e', event_id, node, weight::float8 FROM ({parts}) parts
            WHERE node = ANY(%s)
            UNION ALL
            SELECT 'm', mask, NULL, count(*)::float8 FROM (
                SELECT bit_or(1::bigint << bit) AS mask FROM ({bits}) bits
                GROUP BY article_id HAVING count(*) > 1
            ) named GROUP BY mask""",  # noqa: S608
        (*p_params, keys, *b_params),
    )
    by_event: dict[int, list[str]] = {}
    weights: dict[int, float] = {}
    masks = []
    for what, ref, node, value in rows:
        if what == "m":
            masks.append((ref, int(value)))
        else:
            by_event.setdefault(ref, []).append(node)
            weights[ref] = value
    edges: dict[tuple[str, str], Edge] = {}

    def edge(a: str, b: str) -> Edge:
        found = edges.get((a, b))
        if found is None:
            found = edges[a, b] = Edge(a, b)
        return found

    for event_id in sorted(by_event):
        for a, b in _pairs(by_event[event_id]):
            shared = edge(a, b)
            shared.events += 1
            shared.event_weight += weights[event_id]
            if len(shared.event_ids) < EVIDENCE_EVENTS:
                shared.event_ids.append(event_id)
    for mask, count in masks:
        named = [key for bit, key in enumerate(keys) if mask >> bit & 1]
        for a, b in _pairs(named):
            edge(a, b).articles += count
    return list(edges.values())


# -- names, layout -------------------------------------------------------------------------


NAMES_SQL = """
    SELECT 'o' || id, name, name_en, acronym, slug FROM archive_organisation
    WHERE id = ANY(%s)
    UNION ALL
    SELECT 'c' || code, name_vi, name_en, '', lower(code) FROM archive_country
    WHERE code = ANY(%s)
    UNION ALL
    SELECT 'p' || id, name, '', '', slug FROM archive_person WHERE id = ANY(%s)
"""
PAGES = {"o": "organisation_detail", "c": "country_detail", "p": "person_detail"}


def _describe(nodes: dict[str, Node]) -> None:
    """Fill in names, public ids and page links, in one query."""
    english = get_language() == "en"
    ids = {p: [k[1:] for k in nodes if k[0] == p] for p in KIND_PREFIX}
    params = ([int(i) for i in ids["o"]], ids["c"], [int(i) for i in ids["p"]])
    for key, name, name_en, acronym, slug in _rows(NAMES_SQL, params):
        node = nodes[key]
        if key[0] == "c":
            name = name_en if english else name
        elif english and name_en:
            name = name_en
        node.name, node.label = name, acronym or name
        node.kind = KIND_PREFIX[key[0]]
        node.id = f"{node.kind}:{slug}"
        node.url = reverse(PAGES[key[0]], args=[slug])
    for node in nodes.values():
        if len(node.label) > 28:
            node.label = node.label[:27] + "…"


WIDTH, HEIGHT, MARGIN = 1000, 640, 40


def lay_out(network: Network, *, seed: int = 20) -> None:
    """Spring layout (networkx, seeded: the same data draws the same picture), scaled into
    the drawing's box; node radius by its events and articles."""
    graph = nx.Graph()
    graph.add_nodes_from(n.key for n in network.nodes)
    for e in network.edges:
        graph.add_edge(e.a, e.b, weight=e.weight)
    fixed = None
    initial = None
    if network.focus and network.focus in graph:
        initial, fixed = {network.focus: (0.0, 0.0)}, [network.focus]
    k = 2.5 / math.sqrt(max(len(graph), 1))
    pos = nx.spring_layout(graph, k=k, pos=initial, fixed=fixed, seed=seed, iterations=150)
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    top = max((n.score for n in network.nodes), default=1.0) or 1.0
    for node in network.nodes:
        x, y = pos.get(node.key, (0.0, 0.0))
        node.x = round(MARGIN + (x - min(xs)) / span_x * (WIDTH - 2 * MARGIN - 120), 1)
        node.y = round(MARGIN + (y - min(ys)) / span_y * (HEIGHT - 2 * MARGIN), 1)
        node.r = round(5 + 13 * math.sqrt(node.score / top), 1)


def cooperation_network(
    events: QuerySet,
    articles: QuerySet | None,
    *,
    focus: str | None = None,
    people: bool = False,
    limit: int = NODE_LIMIT,
) -> Network:
    """The network of the events and articles given (articles None: the whole archive),
    around `focus` (a node key such as "o12") when given."""
    people = people or bool(focus and focus.startswith("p"))
    if focus:
        counts = neighbours(events, articles, focus, people=people, limit=limit - 1)
        keys = list(counts)
    else:
        counts = top_nodes(events, articles, people=people, limit=limit)
        keys = list(counts)
    nodes = {}
    for key in keys:
        ev, ar = counts.get(key, (0, 0))
        nodes[key] = Node(key, events=ev, articles=ar, score=EVENT_NODE_WEIGHT * ev + ar)
        nodes[key].focus = key == focus
    _describe(nodes)
    nodes = {k: n for k, n in nodes.items() if n.id}  # a record deleted meanwhile
    edges = [e for e in edges_among(events, articles, list(nodes), people=people)]
    edges = [e for e in edges if e.a in nodes and e.b in nodes]
    edges.sort(key=lambda e: (-e.weight, e.a, e.b))
    network = Network(list(nodes.values()), edges[:EDGE_LIMIT], focus=focus)
    lay_out(network)
    return network


def node_key(public_id: str) -> str | None:
    """ "organisation:c50" -> "o12" (None when unknown)."""
    kind, _, ref = public_id.partition(":")
    if kind == "country":
        code = ref.upper()
        return f"c{code}" if Country.objects.filter(code=code).exists() else None
    model = {"organisation": Organisation, "person": Person}.get(kind)
    if not model or not ref:
        return None
    pk = model.objects.filter(slug=ref).values_list("pk", flat=True).first()
    return f"{kind[0]}{pk}" if pk else None


def node_record(key: str):
    model = {"o": Organisation, "c": Country, "p": Person}[key[0]]
    return model.objects.get(pk=key[1:])


def events_involving(events: QuerySet, key: str) -> QuerySet:
    """The events in which the node took part in any role or (a country) hosted."""
    field = {"o": "organisation_id", "c": "country_id", "p": "person_id"}[key[0]]
    ref = key[1:]
    took_part = EventParticipant.objects.filter(**{field: ref}).values("event_id")
    if key[0] == "c":
        return events.filter(Q(country_id=ref) | Q(pk__in=took_part))
    return events.filter(pk__in=took_part)


STAMP_SQL = """
    SELECT (SELECT max(updated_at) FROM archive_article),
           (SELECT count(*) FROM archive_event), (SELECT max(id) FROM archive_event),
           (SELECT count(*) FROM archive_eventparticipant),
           (SELECT max(id) FROM archive_eventparticipant)
"""


def data_stamp() -> tuple:
    """Changes when articles, events or their participants do (a participant list is
    rewritten as new rows): part of every cache key (one query)."""
    updated, events, last, roles, last_role = _rows(STAMP_SQL, ())[0]
    return (updated.isoformat() if updated else "", events, last or 0, roles, last_role or 0)
