"""manage.py search_stages: one line of stage timings per query, a message for a bad query."""

from io import StringIO

from django.core.management import call_command


def test_each_query_gets_its_stages_timed(corpus, db):
    out, err = StringIO(), StringIO()
    call_command(
        "search_stages", "europol", "canh sat", "!!!", "--repeat", "1", stdout=out, stderr=err
    )
    lines = out.getvalue().splitlines()
    assert lines[0].split()[:3] == ["query", "entities", "estimate"]
    rows = {line.split()[0]: line for line in lines[1:-1]}
    assert set(rows) == {"europol", "canh"}
    assert "(planner:" in rows["europol"]
    assert all(float(cell) >= 0 for cell in rows["europol"].split()[1:8])
    # The stages are timed inside the one search_run call, so they fit in it.
    entities, estimated, count, facets, search = map(float, rows["europol"].split()[1:6])
    assert entities + estimated + count + facets <= search
    assert "'!!!'" in err.getvalue()
