"""Schemathesis: every operation of the OpenAPI document, called with generated data on
the live (in-process) app, answers without a server error and as documented."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from rasd.api.app import Settings, create_app
from rasd.store import Store

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def test_operations_answer_as_documented(store: Store) -> None:
    app = create_app(store, Settings(open_reads=True, hosts=("*",)))
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    headers = {"Authorization": f"Bearer {store.create_token('fuzz')}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    statuses: list[int] = []
    assert len(operations) >= 15

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
        def call(case: schemathesis.Case) -> None:
            response = case.call(headers=headers)
            statuses.append(response.status_code)
            case.validate_response(response, checks=CHECKS)

        call()

    assert len(statuses) > 5 * len(operations)
    assert {200, 400} <= set(statuses)
