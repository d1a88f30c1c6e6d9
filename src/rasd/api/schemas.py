"""The API's request bodies and responses (pydantic): they make the OpenAPI document."""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class ErrorOut(BaseModel):
    detail: str
    errors: list[dict[str, Any]] = Field(default_factory=list)


class LocationOut(BaseModel):
    name_en: str | None = None
    name_ar: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int | None = None
    gazetteer_id: str | None = None


class EvidenceOut(BaseModel):
    field: str
    start: int
    end: int
    text: str


class CodedOut(BaseModel):
    """The EVENTS.md fields shared by events and incidents, and their review state."""

    event_date: str | None
    date_precision: str | None
    event_type: str
    sub_event_type: str
    actor1: str | None
    actor1_certainty: str | None
    actor2: str | None
    assoc_actor1: list[str]
    assoc_actor2: list[str]
    location: LocationOut
    fatalities: int | None
    fatalities_max: int | None
    injured: int | None
    claimed_by: str | None
    reported_by: list[str]
    background: bool
    confidence: float
    reviewed_fields: list[str] = Field(description="Fields a reviewer set, confirmed or fixed.")
    review_status: Literal["confirmed", "rejected"] | None


class EventOut(CodedOut):
    event_id: str
    article_id: str
    article_row: int = Field(description="The store's row id of the reporting article.")
    evidence: list[EvidenceOut]
    notes: str
    incident_id: str | None = None


class IncidentOut(CodedOut):
    incident_id: str
    event_ids: list[str]
    article_ids: list[str]
    provenance: dict[str, str]


class Page(BaseModel, Generic[T]):
    total: int = Field(description="Records that match, over all pages.")
    limit: int
    offset: int
    items: list[T]


class ArticleOut(BaseModel):
    id: int
    key: str
    text: str
    url: str | None
    outlet: str | None
    published: str | None
    status: str
    duplicate_of: int | None


class ReportOut(BaseModel):
    """One article's account of an event: the event and the article it comes from."""

    event: EventOut
    article: ArticleOut


class ReviewOut(BaseModel):
    id: int
    who: str
    when: str
    action: str
    target: str
    field: str | None
    before: Any = None
    after: Any = None


class IncidentDetail(BaseModel):
    incident: IncidentOut
    reports: list[ReportOut]
    reviews: list[ReviewOut]


class EventDetail(BaseModel):
    event: EventOut
    article: ArticleOut
    other_reports: list[ReportOut] = Field(description="The incident's other events.")
    reviews: list[ReviewOut]


class StackOut(BaseModel):
    key: str | None
    events: int
    fatalities: int


class BucketOut(BaseModel):
    key: str | None = Field(description="First day of the week or month, or the group's value.")
    events: int = Field(description="Records (events or incidents, by `level`) in the bucket.")
    fatalities: int
    stacks: list[StackOut]


class ClusterOut(BaseModel):
    lat: float
    lon: float
    count: int
    fatalities: int
    types: dict[str, int]
    id: str | None = Field(description="The record's id when the cluster holds one.")
    event_date: str | None
    name_en: str | None
    name_ar: str | None


class ClustersOut(BaseModel):
    cell: float
    truncated: bool
    clusters: list[ClusterOut]


class FacetValue(BaseModel):
    value: str
    count: int
    label_en: str
    label_ar: str


class FacetsOut(BaseModel):
    actor: list[FacetValue]
    event_type: list[FacetValue]
    admin1: list[FacetValue]
    date_min: str | None
    date_max: str | None


class ConfigOut(BaseModel):
    version: str
    tiles: str | None = Field(description="URL template of the opt-in online tile layer.")
    tile_attribution: str | None


class FieldOut(BaseModel):
    """A field of a record, listed in the order the page shows them (rasd.schema)."""

    name: str
    en: str = Field(description="The field's name in English.")
    ar: str = Field(description="The field's name in Arabic.")


class FeatureOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    type: Literal["Feature"]
    id: str | None
    geometry: dict[str, Any]
    properties: dict[str, Any]


class FeatureCollectionOut(BaseModel):
    type: Literal["FeatureCollection"]
    total: int
    limit: int
    offset: int
    features: list[FeatureOut]


class CorrectionIn(BaseModel):
    """Field name → the reviewer's value (any field of EVENTS.md section 2; ``notes`` for
    events only)."""

    model_config = ConfigDict(extra="forbid")

    fields: dict[str, Any] = Field(min_length=1, max_length=32)


class MergeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    incident_ids: list[str] = Field(min_length=2, max_length=20)


class SplitIn(BaseModel):
    """The events that leave the incident for a new one."""

    model_config = ConfigDict(extra="forbid")

    event_ids: list[str] = Field(min_length=1, max_length=200)


class IncidentsOut(BaseModel):
    incidents: list[IncidentOut]
