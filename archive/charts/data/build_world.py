"""Build `world.json` (country outlines as SVG paths) from Natural Earth, once, by hand.

Not imported by the site. The geometry is Natural Earth's 1:110m Admin 0 countries (public
domain, naturalearthdata.com), as shipped inside the PyPI wheel of geopandas 0.14.4
(`geopandas/datasets/naturalearth_lowres/`, BSD-3 package; the data itself has no
restrictions). Run with pyshp importable:

    pip download geopandas==0.14.4 pyshp --no-deps -d /tmp/ne && cd /tmp/ne && \
      unzip -o geopandas-0.14.4-*.whl 'geopandas/datasets/naturalearth_lowres/*' && \
      unzip -o pyshp-*.whl && PYTHONPATH=.:/path/to/repo python -m archive.charts.data.build_world \
      geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp > world.json

Projection: Natural Earth I (archive/charts/projection.py), from 84° N to 57° S (Antarctica
left out), coordinates rounded to 0.1 unit of a 1000-unit-wide box and written as relative
SVG moves, so the file stays small (about 100 KB).
"""

import itertools
import json
import sys

import pycountry
import shapefile  # pyshp, only for this script

from archive.charts.projection import SOUTH, WIDTH, X_MAX, Y_TOP, natural_earth

# Natural Earth's ISO_A3 is -99 for a few places; these are the usual fixes.
A3_BY_NAME = {"France": "FRA", "Norway": "NOR", "Kosovo": "XKX", "N. Cyprus": None}


def alpha2(a3: str) -> str | None:
    if a3 == "XKX":
        return "XK"
    country = pycountry.countries.get(alpha_3=a3)
    return country.alpha_2 if country else None


def main(path: str) -> None:
    reader = shapefile.Reader(path)
    fields = [f[0] for f in reader.fields[1:]]
    x_max, y_top = X_MAX, Y_TOP
    scale = WIDTH / (2 * x_max)
    height = round((y_top - natural_earth(0, SOUTH)[1]) * scale, 1)
    countries: dict[str, str] = {}
    for record, shape in zip(reader.records(), reader.shapes(), strict=True):
        row = dict(zip(fields, record, strict=True))
        name = row["name"]
        if name == "Antarctica":
            continue
        a3 = A3_BY_NAME.get(name, row["iso_a3"])
        code = alpha2(a3) if a3 and a3 != "-99" else None
        if not code:
            print(f"skipped {name} ({a3})", file=sys.stderr)
            continue
        parts = [*shape.parts, len(shape.points)]
        path_parts = []
        for start, end in itertools.pairwise(parts):
            ring = []
            for lon, lat in shape.points[start:end]:
                x, y = natural_earth(lon, lat)
                point = (round((x + x_max) * scale * 10), round((y_top - y) * scale * 10))
                if not ring or ring[-1] != point:
                    ring.append(point)
            if len(ring) < 4:
                continue
            (x0, y0), moves = ring[0], []
            px, py = x0, y0
            for x, y in ring[1:]:
                moves.append(f"{(x - px) / 10:g} {(y - py) / 10:g}")
                px, py = x, y
            path_parts.append(f"M{x0 / 10:g} {y0 / 10:g}l" + " ".join(moves) + "z")
        countries[code] = countries.get(code, "") + "".join(path_parts)
    out = {
        "source": "Natural Earth 1:110m Admin 0 countries (public domain), via geopandas 0.14.4",
        "projection": "Natural Earth I",
        "width": WIDTH,
        "height": height,
        "countries": dict(sorted(countries.items())),
    }
    json.dump(out, sys.stdout, ensure_ascii=False, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1])
