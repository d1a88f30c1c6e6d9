"""Distances on the Earth's surface: the one great-circle formula of the package."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088
"""Mean radius of the Earth (IUGG)."""


def haversine_km(
    lat1: float, lon1: float, cos_lat1: float, lat2: float, lon2: float, cos_lat2: float
) -> float:
    """Great-circle distance of two points given in radians, with the cosines of their
    latitudes (a caller that measures from one point many times computes them once)."""
    s_lat = math.sin((lat2 - lat1) / 2)
    s_lon = math.sin((lon2 - lon1) / 2)
    h = s_lat * s_lat + cos_lat1 * cos_lat2 * s_lon * s_lon
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres of two points given in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    return haversine_km(p1, math.radians(lon1), math.cos(p1), p2, math.radians(lon2), math.cos(p2))
