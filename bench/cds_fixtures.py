#!/usr/bin/env python3
"""Writes the CDS Hooks benchmark's inputs into DIR:

- cds-request.json: a patient-view call whose prefetch holds a Patient, 10
  Conditions and 20 Observations (labs with units, HPO-style findings, some
  codes poemsd does not map), as an EHR would send it;
- bundle.json: the same resources as one FHIR Bundle, for
  POST /v1/evaluations with application/fhir+json;
- jwks.json: the benchmark EHR's public key set;
- tokens-N.txt (N = 1..THREADS): COUNT signed ES384 tokens in all, one per
  line, each with its own jti (poemsd refuses a replayed jti).

  cds_fixtures.py DIR ISSUER AUDIENCE COUNT THREADS
"""
import base64
import json
import pathlib
import sys
import time
import uuid

import jwt
from cryptography.hazmat.primitives.asymmetric import ec

directory, issuer, audience, count, threads = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
directory.mkdir(parents=True, exist_ok=True)
L, S, H, U = "http://loinc.org", "http://snomed.info/sct", "http://human-phenotype-ontology.org", "http://unitsofmeasure.org"
V = "http://terminology.hl7.org/CodeSystem/condition-ver-status"


def coded(system, code):
    return {"coding": [{"system": system, "code": code}]}


def condition(n, system, code, status="confirmed"):
    return {"resourceType": "Condition", "id": f"c{n}", "subject": {"reference": "Patient/bench"}, "code": coded(system, code),
            "verificationStatus": coded(V, status), "recordedDate": f"2024-0{1 + n % 9}-15"}


def lab(n, code, value, unit, day):
    return {"resourceType": "Observation", "id": f"o{n}", "status": "final", "subject": {"reference": "Patient/bench"},
            "code": coded(L, code), "effectiveDateTime": f"2024-10-{day:02d}T08:00:00Z",
            "valueQuantity": {"value": value, "unit": unit, "system": U, "code": unit}}


def feature(n, system, code, present):
    return {"resourceType": "Observation", "id": f"o{n}", "status": "final", "subject": {"reference": "Patient/bench"},
            "code": coded(system, code), "effectiveDateTime": "2024-10-20",
            "valueCodeableConcept": coded(L, "LA9633-4" if present else "LA9634-2")}


conditions = [condition(1, S, "42345000"), condition(2, H, "HP:0001744"), condition(3, S, "49347007"),
              condition(4, S, "389026000", "refuted"), condition(5, S, "48130008"), condition(6, S, "73211009"),
              condition(7, S, "38341003"), condition(8, S, "44054006"), condition(9, S, "4830009", "provisional"),
              condition(10, S, "195967001")]
observations = [lab(1, "718-7", 135, "g/L", 1), lab(2, "718-7", 13.1, "g/dL", 8), lab(3, "777-3", 520, "10*3/uL", 1),
                lab(4, "777-3", 498000, "/uL", 8), lab(5, "33358-3", 0.4, "g/dL", 2), lab(6, "75628-8", 1450, "pg/mL", 3),
                lab(7, "2345-7", 96, "mg/dL", 1), lab(8, "2160-0", 0.9, "mg/dL", 1), lab(9, "17861-6", 9.4, "mg/dL", 1),
                lab(10, "6690-2", 7.1, "10*9/L", 1), lab(11, "789-8", 4.6, "10*12/L", 1), lab(12, "4548-4", 5.6, "%", 1),
                feature(13, H, "HP:0012398", True), feature(14, S, "29966009", False), feature(15, H, "HP:0001085", False),
                feature(16, S, "111202002", True), feature(17, S, "25003006", False), feature(18, H, "HP:0002716", False),
                feature(19, S, "75246004", False), feature(20, H, "HP:0002240", True)]
patient = {"resourceType": "Patient", "id": "bench", "gender": "male", "birthDate": "1968-04-12"}


def searchset(resources):
    return {"resourceType": "Bundle", "type": "searchset", "entry": [{"resource": r} for r in resources]}


(directory / "cds-request.json").write_text(json.dumps({
    "hook": "patient-view", "hookInstance": str(uuid.uuid4()),
    "context": {"userId": "Practitioner/bench", "patientId": "bench"},
    "prefetch": {"patient": patient, "conditions": searchset(conditions), "observations": searchset(observations)}}))
(directory / "bundle.json").write_text(json.dumps({"resourceType": "Bundle", "type": "collection",
                                                   "entry": [{"resource": r} for r in [patient] + conditions + observations]}))

key = ec.generate_private_key(ec.SECP384R1())
numbers = key.public_key().public_numbers()
b64 = lambda n: base64.urlsafe_b64encode(n.to_bytes(48, "big")).rstrip(b"=").decode()
(directory / "jwks.json").write_text(json.dumps({"keys": [{"kty": "EC", "crv": "P-384", "kid": "bench", "x": b64(numbers.x), "y": b64(numbers.y)}]}))
now = int(time.time())
files = [open(directory / f"tokens-{n + 1}.txt", "w") for n in range(threads)]
for i in range(count):
    token = jwt.encode({"iss": issuer, "aud": audience, "iat": now, "exp": now + 1800, "jti": str(uuid.uuid4())},
                       key, algorithm="ES384", headers={"kid": "bench"})
    files[i % threads].write(token + "\n")
for file in files:
    file.close()
