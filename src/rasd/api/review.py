"""Write endpoints: confirm, correct or reject an event or incident; merge and split
incidents. Each needs a token (rasd.api.security) and leaves a line in the audit trail."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Path

from rasd.api import regroup
from rasd.api.params import StoreDep
from rasd.api.records import ERRORS
from rasd.api.schemas import CorrectionIn, EventOut, IncidentOut, IncidentsOut, MergeIn, SplitIn
from rasd.api.security import Reviewer

router = APIRouter(prefix="/api", tags=["review"], responses=ERRORS)
RecordId = Annotated[str, Path(min_length=1, max_length=128)]
Kind = Literal["event", "incident"]


def _add_record_routes(kind: Kind, model: type[EventOut] | type[IncidentOut]) -> None:
    """confirm / reject / correct for one kind of record."""
    base = f"/{kind}s/{{record_id}}"

    def confirm(record_id: RecordId, store: StoreDep, who: Reviewer) -> dict[str, Any]:
        store.judge(kind, record_id, "confirmed", who=who)
        return store.get_record(kind, record_id)

    def reject(record_id: RecordId, store: StoreDep, who: Reviewer) -> dict[str, Any]:
        store.judge(kind, record_id, "rejected", who=who)
        return store.get_record(kind, record_id)

    def correct(
        record_id: RecordId, body: CorrectionIn, store: StoreDep, who: Reviewer
    ) -> dict[str, Any]:
        store.set_reviewed_fields(kind, record_id, body.fields, who=who)
        return store.get_record(kind, record_id)

    confirm.__doc__ = f"Confirm the {kind}: every field counts as reviewed."
    reject.__doc__ = f"Reject the {kind}: hidden from the map and lists unless asked for."
    correct.__doc__ = (
        f"Set fields of the {kind} to the reviewer's values; re-extraction keeps them."
    )
    router.post(f"{base}/confirm", response_model=model, name=f"confirm_{kind}")(confirm)
    router.post(f"{base}/reject", response_model=model, name=f"reject_{kind}")(reject)
    router.patch(base, response_model=model, name=f"correct_{kind}")(correct)


_add_record_routes("event", EventOut)
_add_record_routes("incident", IncidentOut)


@router.post("/incidents/merge", response_model=IncidentOut)
def merge_incidents(
    body: Annotated[MergeIn, Body()], store: StoreDep, who: Reviewer
) -> dict[str, Any]:
    """Merge incidents that report one real event into one; re-linking keeps it."""
    return regroup.merge(store, body.incident_ids, who=who)


@router.post("/incidents/{record_id}/split", response_model=IncidentsOut)
def split_incident(
    record_id: RecordId, body: SplitIn, store: StoreDep, who: Reviewer
) -> dict[str, Any]:
    """Move some events of an incident into a new incident; re-linking keeps both."""
    return {"incidents": regroup.split(store, record_id, body.event_ids, who=who)}
