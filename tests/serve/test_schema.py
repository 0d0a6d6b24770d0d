"""The API against its own OpenAPI schema: schemathesis reads ``/openapi.json`` from the app
and sends every operation generated requests (its examples, its boundary values, and random
ones that fit the schema or break it) through the real app over the demo store. No answer
is a 500, and each has a status code, a content type and a body that the schema documents
for that operation."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode, checks

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]
# Bounded so the file runs in well under a minute on two cores (the demo store is small, and
# the same examples every run: a failure here is reproducible, not a flake).
BOUNDED = settings(max_examples=30, deadline=None, derandomize=True, database=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                          HealthCheck.data_too_large])


@pytest.fixture(scope="session")
def api_schema(app):
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.fixture(autouse=True)
def _node_id(request):
    # schemathesis 4 renames the test node per operation through ``node._nodeid``, which
    # pytest 9.2 no longer has (it keeps ``_id``): give it one to read
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@BOUNDED
def test_every_operation_answers_as_its_schema_says(case):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.parametrize("mode", ["semantic", "both"])
def test_searches_by_meaning_answer_as_the_schema_says(api_schema, mode):
    """``mode`` is a free string in the schema, so the run above rarely picks a mode that
    loads the query encoder: here every generated search is one by meaning."""
    operation = api_schema["/api/articles"]["GET"]
    cases = st.one_of(operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
                      operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))

    @given(case=cases)
    @BOUNDED
    def search(case):
        if isinstance(case.query, dict):
            case.query = {**case.query, "mode": mode}
        case.call_and_validate(checks=CHECKS)

    search()
