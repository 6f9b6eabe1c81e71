"""Plain geometry on latitude/longitude: enough for an LGO's area and "reports nearby" without GIS libraries.

An LGO is at most a few tens of kilometres across, so a flat ray-casting test for points in its boundary and an
equirectangular distance are accurate to metres here; PostGIS would cost every deployment an extension for nothing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

EARTH_RADIUS_M = 6_371_000


def to_decimal(value: Any) -> Decimal | None:
    """A coordinate as Decimal with 6 places (about 10 cm), None for empty; ValueError for nonsense."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise ValueError(str(value)) from exc
    if not number.is_finite():
        raise ValueError(str(value))
    return number.quantize(Decimal("0.000001"))


def valid_point(latitude: Decimal, longitude: Decimal) -> bool:
    return Decimal(-90) <= latitude <= Decimal(90) and Decimal(-180) <= longitude <= Decimal(180)


def ring(points: Any) -> list[tuple[float, float]]:
    """A polygon as stored ([[lon, lat], …] or a GeoJSON Polygon geometry) as (lon, lat) floats; [] when unusable."""
    if isinstance(points, dict):
        coordinates = points.get("coordinates") or []
        points = coordinates[0] if coordinates and isinstance(coordinates[0], list) and coordinates[0] and \
            isinstance(coordinates[0][0], list) else coordinates
    try:
        result = [(float(p[0]), float(p[1])) for p in points or []]
    except (TypeError, ValueError, IndexError):
        return []
    return result if len(result) >= 3 else []


def contains(polygon: Sequence[tuple[float, float]], latitude: float, longitude: float) -> bool:
    """Ray casting: True when (latitude, longitude) lies inside the ring of (lon, lat) points."""
    inside = False
    x, y = longitude, latitude
    for (x1, y1), (x2, y2) in zip(polygon, [*polygon[1:], polygon[0]], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Metres between two points (equirectangular: exact enough within an LGO)."""
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return EARTH_RADIUS_M * math.hypot(x, y)


def box(latitude: float, longitude: float, metres: float) -> tuple[float, float, float, float]:
    """(min lat, max lat, min lon, max lon) around a point: a cheap index-friendly pre-filter before distance_m."""
    dlat = math.degrees(metres / EARTH_RADIUS_M)
    dlon = dlat / max(0.01, math.cos(math.radians(latitude)))
    return latitude - dlat, latitude + dlat, longitude - dlon, longitude + dlon
