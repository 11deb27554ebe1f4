"""Schemathesis over the sandbox's own OpenAPI document, in process, every check on."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

from cloudws.app import create_app

app = create_app()
schema = schemathesis.openapi.from_asgi("/openapi.json", app)
schema.config.headers = {"Authorization": "Bearer cws_test_schemathesis"}


@schema.parametrize()
@settings(max_examples=40, suppress_health_check=list(HealthCheck), deadline=None)
def test_api_conforms(case: schemathesis.Case) -> None:
    case.call_and_validate()


APIWorkflow = schema.as_state_machine()
TestStateful = APIWorkflow.TestCase
TestStateful.settings = settings(max_examples=30, stateful_step_count=8,
                                 suppress_health_check=list(HealthCheck), deadline=None)
