"""Read endpoints for the map and the charts: statistics, grid clusters, GeoJSON, facets."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from rasd.api.labels import labelled
from rasd.api.params import LevelParam, PagingDep, QueryDep, StoreDep
from rasd.api.records import ERRORS
from rasd.api.schemas import BucketOut, ClustersOut, FacetsOut, FeatureCollectionOut, Page
from rasd.api.security import reader
from rasd.io.exports import geojson_feature
from rasd.store.query import Bucket, Stack

MAX_CLUSTERS = 5000

router = APIRouter(prefix="/api", dependencies=[Depends(reader)], responses=ERRORS)


@router.get("/stats", response_model=Page[BucketOut], tags=["statistics"])
def stats(
    store: StoreDep,
    query: QueryDep,
    page: PagingDep,
    level: LevelParam = "incident",
    by: Annotated[Bucket, Query(description="Per week, month, governorate, actor1 or type.")] = (
        "week"
    ),
    stack: Annotated[
        Stack | None, Query(description="Split each bucket by actor1, type or governorate.")
    ] = None,
) -> dict[str, Any]:
    """Records and fatalities per bucket: weeks and months oldest first (keyed by their
    first day, weeks from Monday), other groups largest first."""
    buckets = store.query_stats(level, query, by=by, stack=stack)
    items = buckets[page.offset : page.offset + page.limit]
    return {"total": len(buckets), "limit": page.limit, "offset": page.offset, "items": items}


@router.get("/map/clusters", response_model=ClustersOut, tags=["map"])
def clusters(
    store: StoreDep,
    query: QueryDep,
    level: LevelParam = "incident",
    cell: Annotated[float, Query(ge=0.001, le=10, description="Grid cell size in degrees.")] = 0.25,
    limit: Annotated[int, Query(ge=1, le=MAX_CLUSTERS, description="Most cells returned.")] = (
        2000
    ),
) -> dict[str, Any]:
    """Records with coordinates gathered per grid cell: what the map draws. A cell of one
    record carries its id; the page asks for cells of about a marker's size on screen."""
    found = store.query_clusters(level, query, cell=cell, limit=limit + 1)
    return {"cell": cell, "truncated": len(found) > limit, "clusters": found[:limit]}


@router.get("/geojson", response_model=FeatureCollectionOut, tags=["map"])
def geojson(
    store: StoreDep, query: QueryDep, page: PagingDep, level: LevelParam = "incident"
) -> dict[str, Any]:
    """Records as GeoJSON points (the export's properties); records without coordinates
    count in ``total`` but have no feature."""
    total, items = store.query_page(level, query, limit=page.limit, offset=page.offset)
    features = [f for f in (geojson_feature(item, level) for item in items) if f is not None]
    return {
        "type": "FeatureCollection",
        "total": total,
        "limit": page.limit,
        "offset": page.offset,
        "features": features,
    }


@router.get("/facets", response_model=FacetsOut, tags=["statistics"])
def facets(store: StoreDep, query: QueryDep, level: LevelParam = "incident") -> dict[str, Any]:
    """The actors, event types and governorates present (with counts and English and
    Arabic labels) and the date range: what the filters offer."""
    found = store.query_facets(level, query)
    return {
        **found,
        "actor": labelled("actor", found["actor"]),
        "event_type": labelled("event_type", found["event_type"]),
        "admin1": labelled("admin1", found["admin1"]),
    }
