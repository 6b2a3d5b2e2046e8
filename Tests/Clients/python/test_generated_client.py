"""A Python client generated from poemsd's API description, used as an integrator would.

`openapi-python-client` (PyPI; nobody on this team wrote it) generates a client
from `Sources/POEMSAPI/openapi.json`; the generation must print no warning.
The client then drives a real `poemsd serve` on loopback with a database of its
own: evaluations in JSON and FHIR (and a 400 of each media type), a case
created, read, updated and listed, a conditional GET, a merge patch (a finding
changed, one removed with null, the note kept), a change-feed page, and a
misspelt finding, which the generated models must pass on to the server (that
refuses it) rather than drop.

Run by scripts/generated-clients.sh (called by scripts/test.sh), which sets
POEMSD_BINARY and POEMSD_REPOSITORY.
"""

import importlib
import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import httpx
import pytest

REPOSITORY = pathlib.Path(os.environ["POEMSD_REPOSITORY"])
BINARY = os.environ["POEMSD_BINARY"]
DESCRIPTION = REPOSITORY / "Sources/POEMSAPI/openapi.json"
FIXTURES = REPOSITORY / "Tests/Fixtures/fhir"

# The generator's settings: the dashboard's script is served as
# application/javascript, which it does not parse; it is read as text. No
# formatter (ruff) is run on the generated code.
GENERATOR_CONFIG = """\
content_type_overrides:
  application/javascript: text/plain
post_hooks: []
"""


@pytest.fixture(scope="session")
def scratch():
    directory = tempfile.mkdtemp(prefix="poemsd-client-")
    yield pathlib.Path(directory)
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="session")
def generated(scratch):
    """The generated package, imported; its generation printed no warning."""
    config = scratch / "generator.yml"
    config.write_text(GENERATOR_CONFIG)
    run = subprocess.run(
        [str(pathlib.Path(sys.executable).parent / "openapi-python-client"), "generate",
         "--path", str(DESCRIPTION), "--meta", "none", "--output-path", str(scratch / "poemsd_client"),
         "--config", str(config)],
        capture_output=True, text=True, cwd=scratch)
    output = (run.stdout + run.stderr).strip()
    assert run.returncode == 0, output
    # The only lines a clean generation prints.
    noise = [line for line in output.splitlines() if line.strip() and not line.startswith("Generating ")]
    assert noise == [], "openapi-python-client warned:\n" + output
    sys.path.insert(0, str(scratch))
    return importlib.import_module("poemsd_client")


def free_port():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        return listener.getsockname()[1]


@pytest.fixture(scope="session")
def server(scratch):
    """A poemsd on loopback with a fresh database and a writer key made as documented."""
    database = scratch / "poems.sqlite"
    # As docs/configuration.md says: migrate makes the database, keys create adds to it.
    subprocess.run([BINARY, "migrate", "--database", str(database)], capture_output=True, check=True)
    made = subprocess.run(
        [BINARY, "keys", "create", "--name", "generated-client", "--role", "admin", "--database", str(database)],
        capture_output=True, text=True, check=True)
    token = next(line for line in made.stdout.splitlines() if line.startswith("poemsd_"))
    port = free_port()
    process = subprocess.Popen(
        [BINARY, "serve", "--port", str(port), "--database", str(database), "--log-level", "error",
         "--rate-limit", "0", "--no-bootstrap-key"])
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:  # wait for readiness, the event that says the server takes requests
        assert process.poll() is None, "poemsd exited before it was ready"
        try:
            if httpx.get(base + "/readyz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, "poemsd was not ready within 60 s"
    yield base, token
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture()
def client(generated, server):
    base, token = server
    return generated.AuthenticatedClient(base_url=base, token=token, raise_on_unexpected_status=True)


def models(generated):
    """The generated models (`generated` is the package, imported)."""
    return importlib.import_module(generated.__name__ + ".models")


def api(name):
    """A generated operation module, e.g. api("cases.get_case")."""
    return importlib.import_module(f"poemsd_client.api.{name}")


FINDINGS = {
    "polyneuropathy": True, "monoclonalPlasmaCellDisorder": True, "monoclonalLightChain": "lambda",
    "scleroticBoneLesions": True, "papilledema": True,
}


def test_evaluation_in_json(generated, client):
    m = models(generated)
    body = m.CaseInput.from_dict({"findings": FINDINGS, "labs": {"plasmaVegfPgPerMl": 780}})
    response = api("criteria.evaluate").sync_detailed(client=client, body=body)
    assert response.status_code == 200
    report = response.parsed
    assert isinstance(report, m.EvaluationResponse)
    assert report.verdict.value == "meets"
    assert {evaluation.criteria_set.value for evaluation in report.evaluations} == {
        "dispenzieri-2003", "imwg-2014", "suichi-2019"}


def evaluate_fixture(generated, client, name):
    """POST /v1/evaluations with a FHIR fixture, through the generated FHIRBundle model."""
    bundle = models(generated).FHIRBundle.from_dict(json.loads((FIXTURES / name).read_text()))
    return api("criteria.evaluate").sync_detailed(client=client, body=bundle)


def test_evaluation_of_a_fhir_bundle(generated, client):
    m = models(generated)
    response = evaluate_fixture(generated, client, "poems-searchset.json")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    report = response.parsed
    assert isinstance(report, m.EvaluationResponse)
    assert report.provenance, "a FHIR evaluation says where each value came from"


def test_a_misspelt_finding_reaches_the_server_and_is_refused(generated, client):
    m = models(generated)
    body = m.CaseInput.from_dict({"findings": {"polyneuropathy": True, "papiledema": True}})
    assert body.to_dict()["findings"]["papiledema"] is True, "the generated model kept the unknown member"
    response = api("criteria.evaluate").sync_detailed(client=client, body=body)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.parsed
    assert isinstance(problem, m.Problem)
    assert problem.pointer == "/findings/papiledema"
    assert "papilledema" in problem.detail


def test_a_fhir_400_is_an_operation_outcome(generated, client):
    m = models(generated)
    response = evaluate_fixture(generated, client, "quantity-without-value.json")
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/fhir+json")
    outcome = response.parsed
    assert isinstance(outcome, m.OperationOutcome)
    assert outcome.issue[0].expression


def test_case_create_read_update_list_and_conditional_get(generated, client):
    m = models(generated)
    create = api("cases.create_case")
    read = api("cases.get_case")
    update = api("cases.update_case")
    listing = api("cases.list_cases")

    submission = m.CaseSubmission.from_dict({"patientRef": "MRN-CLIENT-1", "note": "first visit", "findings": FINDINGS})
    created = create.sync_detailed(client=client, body=submission, idempotency_key="client-create-1")
    assert created.status_code == 201
    case = created.parsed
    assert isinstance(case, m.Case)
    assert case.revision == 1
    etag = created.headers["etag"]

    # The same key and body again: the first answer, replayed.
    replay = create.sync_detailed(client=client, body=submission, idempotency_key="client-create-1")
    assert replay.status_code == 201
    assert replay.parsed.id == case.id
    assert replay.headers.get("idempotent-replayed") == "true"

    fetched = read.sync_detailed(case.id, client=client)
    assert fetched.status_code == 200
    assert fetched.parsed.id == case.id
    assert fetched.parsed.patient_ref == "MRN-CLIENT-1"

    unchanged = read.sync_detailed(case.id, client=client, if_none_match=etag)
    assert unchanged.status_code == 304
    assert unchanged.content == b""

    revised = m.CaseSubmission.from_dict({"patientRef": "MRN-CLIENT-1", "findings": {**FINDINGS, "papilledema": False}})
    updated = update.sync_detailed(case.id, client=client, body=revised, if_match=etag)
    assert updated.status_code == 200
    assert updated.parsed.revision == 2

    stale = update.sync_detailed(case.id, client=client, body=revised, if_match=etag)
    assert stale.status_code == 412

    listed = listing.sync_detailed(client=client, patient_ref="MRN-CLIENT-1")
    assert listed.status_code == 200
    assert [item.id for item in listed.parsed.items] == [case.id]


def test_a_merge_patch_changes_one_finding_and_keeps_the_rest(generated, client):
    m = models(generated)
    created = api("cases.create_case").sync_detailed(client=client, body=m.CaseSubmission.from_dict(
        {"patientRef": "MRN-CLIENT-4", "note": "first visit", "findings": FINDINGS}))
    assert created.status_code == 201
    patch = api("cases.patch_case")
    # One finding changed, one removed (null: not assessed); the note and the rest are kept.
    body = m.CaseMergePatch.from_dict({"findings": {"papilledema": False, "scleroticBoneLesions": None}})
    patched = patch.sync_detailed(created.parsed.id, client=client, body=body, if_match=created.headers["etag"])
    assert patched.status_code == 200
    case = patched.parsed
    assert case.revision == 2
    assert case.note == "first visit"
    findings = case.input_.to_dict()["findings"]
    assert findings["papilledema"] is False
    assert "scleroticBoneLesions" not in findings
    assert findings["polyneuropathy"] is True and findings["monoclonalLightChain"] == "lambda"

    stale = patch.sync_detailed(created.parsed.id, client=client, body=body, if_match=created.headers["etag"])
    assert stale.status_code == 412


def test_a_misspelt_finding_in_a_case_is_refused(generated, client):
    m = models(generated)
    create = api("cases.create_case")
    submission = m.CaseSubmission.from_dict({"patientRef": "MRN-CLIENT-2", "findings": {"scleroticBoneLesion": True}})
    response = create.sync_detailed(client=client, body=submission)
    assert response.status_code == 400
    assert response.parsed.pointer == "/findings/scleroticBoneLesion"


def test_a_change_feed_page(generated, client):
    m = models(generated)
    create = api("cases.create_case")
    changes = api("cases.get_changes")
    before = changes.sync_detailed(client=client, after=0, limit=1000)
    assert before.status_code == 200
    start = before.parsed.next_after
    made = create.sync_detailed(
        client=client, body=m.CaseSubmission.from_dict({"patientRef": "MRN-CLIENT-3", "findings": FINDINGS}))
    assert made.status_code == 201
    page = changes.sync_detailed(client=client, after=start, limit=10, wait=5)
    assert page.status_code == 200
    assert [(item.case_id, item.kind.value) for item in page.parsed.items] == [(made.parsed.id, "created")]
    assert page.parsed.next_after > start
