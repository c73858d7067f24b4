"""The world map's projection, shared by the page and the script that built its geometry."""

import math

WIDTH = 1000.0  # the map's box is this wide; world.json holds its height
NORTH, SOUTH = 84.0, -57.0  # the latitudes the box spans (Antarctica is left out)


def natural_earth(lon: float, lat: float) -> tuple[float, float]:
    """Natural Earth I (the polynomial of d3-geo's geoNaturalEarth1), in radians of the sphere."""
    lam, phi = math.radians(lon), math.radians(lat)
    p2 = phi * phi
    p4 = p2 * p2
    x = lam * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)))
    y = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)))
    return x, y


X_MAX = natural_earth(180, 0)[0]
Y_TOP = natural_earth(0, NORTH)[1]
SCALE = WIDTH / (2 * X_MAX)


def to_box(lon: float, lat: float) -> tuple[float, float]:
    """A point of the globe in the map's box (x right, y down)."""
    x, y = natural_earth(lon, lat)
    return (x + X_MAX) * SCALE, (Y_TOP - y) * SCALE
