"""Network labels: placed where they overlap neither another label nor another node."""

from archive.charts.network import WIDTH, Node
from archive.charts.svg import _label_spots, _overlap, _place_labels


def _box(node: Node) -> tuple:
    spot = next(s for s in _label_spots(node) if s[0] == node.label_x and s[1] == node.label_y)
    return spot[3]


def test_two_close_nodes_get_labels_that_do_not_overlap():
    a = Node("o1", label="Communist Party of Vietnam", x=500, y=300, r=8, score=10)
    b = Node("o2", label="TTXVN", x=560, y=302, r=8, score=5)
    _place_labels([a, b])
    assert not _overlap(_box(a), _box(b))
    # To the right, a's long label would run over b: it reads leftwards.
    assert a.label_anchor == "end"
    assert not _overlap(_box(a), (b.x - b.r, b.y - b.r, b.x + b.r, b.y + b.r))


def test_a_label_near_the_right_edge_reads_leftwards():
    node = Node("o1", label="Central Committee of the Co…", x=WIDTH - 60, y=300, r=8, score=1)
    _place_labels([node])
    assert node.label_anchor == "end" and _box(node)[2] <= WIDTH


def test_a_lone_node_keeps_its_label_to_the_right():
    node = Node("c1", label="Vietnam", x=200, y=200, r=10, score=1)
    _place_labels([node])
    assert (node.label_x, node.label_y, node.label_anchor) == (213.0, 204.0, "start")
