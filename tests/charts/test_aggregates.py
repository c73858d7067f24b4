"""The charts' SQL aggregates on a known fixture: exact counts, worked out by hand."""

from archive.charts import geo
from archive.charts.filters import ChartFilters
from archive.charts.network import cooperation_network
from archive.charts.timeline import timeline_bars
from archive.models import Event, EventParticipant
from tests.charts import fixture

PERIOD = ChartFilters(start=2022, end=2024)


def test_timeline_counts_articles_and_events_by_kind_per_year(chart_world):
    timeline = timeline_bars(
        PERIOD.articles(), PERIOD.events(), first=PERIOD.start, last=PERIOD.end, unit="year"
    )
    assert [(b.year, b.articles, b.events) for b in timeline.bars] == [
        (year, articles, events) for year, (articles, events) in fixture.YEARS.items()
    ]
    # In Event.Kind order.
    assert [kind for kind, _ in timeline.kinds] == [
        "agreement",
        "handover",
        "joint_operation",
        "training",
        "conference",
    ]


def test_timeline_goes_monthly_over_a_short_period(chart_world):
    period = ChartFilters(start=2024, end=2024)
    timeline = timeline_bars(period.articles(), period.events(), first=2024, last=2024)
    assert timeline.unit == "month"
    assert len(timeline.bars) == 12
    by_month = {b.month: (b.articles, b.events) for b in timeline.bars if b.articles or b.events}
    assert by_month == {
        2: (0, {"handover": 1}),
        6: (1, {"joint_operation": 1}),
        11: (1, {"conference": 1}),
    }


def test_timeline_filters_by_kind_and_country(chart_world):
    only_ops = ChartFilters(start=2022, end=2024, kind="joint_operation")
    timeline = timeline_bars(
        only_ops.articles(), only_ops.events(), first=2022, last=2024, unit="year"
    )
    assert [b.event_total for b in timeline.bars] == [0, 0, 1]
    in_singapore = ChartFilters(start=2022, end=2024, country="SG")
    assert list(in_singapore.events().values_list("slug", flat=True)) == ["chart-conf-2024"]


def test_map_counts_events_shared_with_the_focus_country(chart_world):
    assert geo.partner_counts(PERIOD.events(), "VN") == fixture.VN_PARTNERS_2022_2024
    # Without a focus: every event a country hosted or attended.
    counts = geo.partner_counts(PERIOD.events(), None)
    assert counts["GB"] == 4 and counts["VN"] == 4 and counts["SG"] == 1


def test_map_shades_partners_and_places_small_countries_as_dots(chart_world):
    world = geo.world_map(PERIOD.events(), "VN")
    regions = {r.code: r for r in world.regions}
    assert regions["VN"].fill == geo.FOCUS_FILL
    assert regions["GB"].count == 3 and regions["GB"].path.startswith("M")
    assert regions["SG"].dot is not None and regions["SG"].count == 1  # not in 1:110m outlines
    assert regions["FR"].count == 0 and regions["FR"].fill == geo.NONE_FILL
    assert regions["GB"].fill != regions["KH"].fill  # 3 events shade darker than 1
    assert [r.code for r in world.partners] == ["GB", "AU", "KH", "SG"]


def test_network_edges_weigh_shared_events_by_kind_and_count_articles(chart_world):
    network = cooperation_network(PERIOD.events(), PERIOD.articles())
    by_id = {n.id: n for n in network.nodes}
    assert {
        "organisation:chart-a05",
        "organisation:chart-afp",
        "organisation:chart-interpol",
        "organisation:chart-nca",
        "country:vn",
        "country:gb",
        "country:au",
        "country:kh",
        "country:sg",
    } <= set(by_id)
    a05, afp = by_id["organisation:chart-a05"], by_id["organisation:chart-afp"]
    edge = next(e for e in network.edges if {e.a, e.b} == {a05.key, afp.key})
    # The 2024 joint operation (3) and conference (1); both 2024 articles name the two.
    assert (edge.events, edge.event_weight, edge.articles) == (2, 4.0, 2)
    assert sorted(edge.event_ids) == sorted(
        Event.objects.filter(slug__in=["chart-op-2024", "chart-conf-2024"]).values_list(
            "pk", flat=True
        )
    )
    assert a05.events == 4 and a05.articles == 3
    for node in network.nodes:
        assert 0 <= node.x <= 1000 and 0 <= node.y <= 640


def test_network_around_a_focus_keeps_its_neighbours(chart_world):
    nca = chart_world["orgs"]["chart-nca"]
    network = cooperation_network(PERIOD.events(), PERIOD.articles(), focus=f"o{nca.pk}")
    ids = {n.id for n in network.nodes}
    assert "organisation:chart-nca" in ids and "organisation:chart-a05" in ids
    assert next(n for n in network.nodes if n.focus).id == "organisation:chart-nca"


def test_network_layout_is_the_same_for_the_same_data(chart_world):
    first = cooperation_network(PERIOD.events(), PERIOD.articles())
    second = cooperation_network(PERIOD.events(), PERIOD.articles())
    assert [(n.id, n.x, n.y) for n in first.nodes] == [(n.id, n.x, n.y) for n in second.nodes]


def test_network_reads_participants_in_every_role(chart_world):
    a05, nca, afp = (chart_world["orgs"][s] for s in ("chart-a05", "chart-nca", "chart-afp"))
    network = cooperation_network(PERIOD.events(), PERIOD.articles())
    edge = next(e for e in network.edges if {e.a, e.b} == {f"o{a05.pk}", f"o{nca.pk}"})
    # Receiver and sender of the 2024 hand-over (3), both at the 2024 conference (1).
    assert (edge.events, edge.event_weight) == (2, 4.0)
    # A role row alone (no participant list written) is read: the AFP funds the 2022 training.
    training = chart_world["events"]["chart-training-2022"]
    EventParticipant.objects.create(event=training, role="funder", organisation=afp)
    network = cooperation_network(PERIOD.events(), PERIOD.articles())
    edge = next(e for e in network.edges if {e.a, e.b} == {f"o{afp.pk}", f"o{nca.pk}"})
    assert (edge.events, edge.event_weight) == (2, 3.0)  # training (2) and conference (1)
    assert training.pk in edge.event_ids
    assert PERIOD.events().filter(pk=training.pk).exists()
    assert ChartFilters(start=2022, end=2022, country="GB").events().get() == training


def test_filters_read_the_old_kind_names_in_links():
    assert ChartFilters.from_query({"kind": "operation"}).kind == "joint_operation"
    assert ChartFilters.from_query({"kind": "summit"}).kind == "conference"
    assert ChartFilters.from_query({"kind": "handover"}).kind == "handover"
    assert ChartFilters.from_query({"kind": "party"}).kind is None
