#!/usr/bin/env python3
"""Writes a Synthea-style FHIR R4 Bundle of about SIZE_MB megabytes (default
10) to standard output: one Patient, a POEMS work-up (serial hemoglobins and
platelets, calcium, creatinine, a plasma VEGF, a serum immunofixation, three
Conditions), and visit after visit of what a patient `$everything` or a
Synthea export also holds and poemsd does not read (Encounters, vital signs,
unrelated Conditions and Procedures, Claims, ExplanationOfBenefits,
DiagnosticReports with a base64 note, one of them longer than the JSON
string limit). The counterpart of the end-to-end test's bundle
(Tests/POEMSServiceTests/Support/SyntheaBundle.swift), for bench/fhir-everything.sh.

    bench/fhir-everything.py [SIZE_MB] > bundle.json
"""
import base64
import json
import sys

PATIENT = "urn:uuid:6f1c8a52-4a8e-4c33-9d4a-000000000001"
LOINC, SNOMED, UCUM = "http://loinc.org", "http://snomed.info/sct", "http://unitsofmeasure.org"


def uuid(n):
    return "urn:uuid:00000000-0000-4000-8000-%012d" % n


def concept(system, code, display=None):
    coding = {"system": system, "code": code}
    if display:
        coding["display"] = display
    return {"coding": [coding], "text": display or code}


def lab(n, code, value, unit, date):
    return {"resourceType": "Observation", "id": "lab-%d" % n, "status": "final",
            "category": [concept("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory")],
            "code": concept(LOINC, code), "subject": {"reference": PATIENT}, "effectiveDateTime": date,
            "valueQuantity": {"value": value, "unit": unit, "system": UCUM, "code": unit}}


def relevant():
    resources = [{"resourceType": "Patient", "id": "pt-everything", "gender": "male", "birthDate": "1968-04-02",
                  "name": [{"family": "Example", "given": ["Synthetic"]}]}]
    for i in range(40):
        year = 2000 + i // 2
        resources.append(lab(1000 + i, "718-7", round(14.5 - i * 0.01, 2), "g/dL", "%d-%02d-10T09:00:00Z" % (year, 1 + (i % 2) * 6)))
        resources.append(lab(2000 + i, "777-3", 420 + i, "10*3/uL", "%d-%02d-10T09:00:00Z" % (year, 1 + (i % 2) * 6)))
    resources.append(lab(3000, "17861-6", 9.4, "mg/dL", "2019-07-10T09:00:00Z"))
    resources.append(lab(3001, "2160-0", 0.9, "mg/dL", "2019-07-10T09:00:00Z"))
    vegf = lab(3002, "75628-8", 850, "pg/mL", "2019-07-10T09:00:00Z")
    vegf["contained"] = [{"resourceType": "Specimen", "id": "specimen", "type": concept(SNOMED, "119361006")}]
    vegf["specimen"] = {"reference": "#specimen"}
    resources.append(vegf)
    resources.append({"resourceType": "Observation", "id": "ifx", "status": "final", "code": concept(LOINC, "25700-6"),
                      "subject": {"reference": PATIENT}, "effectiveDateTime": "2019-07-10T09:00:00Z",
                      "valueCodeableConcept": concept(LOINC, "LA9633-4")})
    for code, name in [("42345000", "pn"), ("49347007", "sclerotic"), ("16294009", "spleen")]:
        resources.append({"resourceType": "Condition", "id": "c-" + name, "code": concept(SNOMED, code),
                          "subject": {"reference": PATIENT}, "recordedDate": "2019-07-01",
                          "verificationStatus": concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed")})
    return resources


def visit(n, note_bytes):
    date = "%d-%02d-%02dT10:00:00Z" % (1990 + n % 30, 1 + n % 12, 1 + n % 28)
    encounter = uuid(n * 10)
    reference = {"reference": encounter}
    note = base64.b64encode((("Visit %d: patient seen for routine care. " % n) * (note_bytes // 40 + 1))[:note_bytes].encode()).decode()
    resources = [
        {"resourceType": "Encounter", "id": "enc-%d" % n, "status": "finished",
         "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB"},
         "type": [concept(SNOMED, "185349003", "Encounter for check up (procedure)")], "subject": {"reference": PATIENT},
         "participant": [{"individual": {"reference": "urn:uuid:0000000a-0000-4000-8000-000000000001", "display": "Dr. Example"}}],
         "period": {"start": date, "end": date}, "serviceProvider": {"reference": "urn:uuid:0000000b-0000-4000-8000-000000000001"}},
    ]
    for offset, (code, value, unit) in enumerate([("8302-2", 178.0, "cm"), ("29463-7", 81.5, "kg"), ("8867-4", 72, "/min"),
                                                   ("8480-6", 124, "mm[Hg]"), ("2339-0", 96, "mg/dL")]):
        observation = lab(n * 10 + offset, code, value, unit, date)
        observation["id"] = "obs-%d-%d" % (n, offset)
        observation["encounter"] = reference
        resources.append(observation)
    resources.append({"resourceType": "Condition", "id": "cond-%d" % n, "clinicalStatus": concept(
        "http://terminology.hl7.org/CodeSystem/condition-clinical", "resolved"), "code": concept(SNOMED, "444814009", "Viral sinusitis (disorder)"),
        "subject": {"reference": PATIENT}, "encounter": reference, "onsetDateTime": date, "recordedDate": date})
    resources.append({"resourceType": "Procedure", "id": "proc-%d" % n, "status": "completed",
                      "code": concept(SNOMED, "430193006", "Medication Reconciliation (procedure)"),
                      "subject": {"reference": PATIENT}, "encounter": reference, "performedPeriod": {"start": date, "end": date}})
    items = [{"sequence": i + 1, "productOrService": concept(SNOMED, "185349003"), "encounter": [reference],
              "adjudication": [{"category": concept("https://bluebutton.cms.gov/resources/codesystem/adjudication", "https://bluebutton.cms.gov/resources/variables/line_coinsrnc_amt"),
                                "amount": {"value": 12.5 + i, "currency": "USD"}}]} for i in range(4)]
    resources.append({"resourceType": "Claim", "id": "claim-%d" % n, "status": "active", "use": "claim",
                      "type": concept("http://terminology.hl7.org/CodeSystem/claim-type", "professional"), "patient": {"reference": PATIENT},
                      "created": date, "provider": {"reference": "urn:uuid:0000000b-0000-4000-8000-000000000001"},
                      "priority": concept("http://terminology.hl7.org/CodeSystem/processpriority", "normal"),
                      "item": [{"sequence": i["sequence"], "productOrService": i["productOrService"], "encounter": i["encounter"]} for i in items],
                      "total": {"value": 129.16, "currency": "USD"}})
    resources.append({"resourceType": "ExplanationOfBenefit", "id": "eob-%d" % n, "status": "active",
                      "type": concept("http://terminology.hl7.org/CodeSystem/claim-type", "professional"), "use": "claim",
                      "patient": {"reference": PATIENT}, "created": date, "outcome": "complete", "item": items,
                      "total": [{"category": concept("http://terminology.hl7.org/CodeSystem/adjudication", "submitted"), "amount": {"value": 129.16, "currency": "USD"}}]})
    resources.append({"resourceType": "DiagnosticReport", "id": "note-%d" % n, "status": "final",
                      "code": concept(LOINC, "34117-2", "History and physical note"), "subject": {"reference": PATIENT},
                      "encounter": reference, "effectiveDateTime": date,
                      "presentedForm": [{"contentType": "text/plain; charset=utf-8", "data": note}]})
    return resources


def main():
    size = float(sys.argv[1]) if len(sys.argv) > 1 else 10
    resources = relevant()
    entries = [{"fullUrl": PATIENT, "resource": resources[0], "request": {"method": "POST", "url": "Patient"}}]
    entries += [{"fullUrl": uuid(10_000_000 + i), "resource": r, "request": {"method": "POST", "url": r["resourceType"]}}
                for i, r in enumerate(resources[1:])]
    total, n = sum(len(json.dumps(e, separators=(",", ":"))) for e in entries), 0
    while total < size * 1_000_000:
        # One note is longer than the 10,000-byte JSON string limit: unread, it must not refuse the Bundle.
        for r in visit(n, 9_000 if n == 7 else 1_500):
            entry = {"fullUrl": uuid(20_000_000 + len(entries)), "resource": r, "request": {"method": "POST", "url": r["resourceType"]}}
            entries.append(entry)
            total += len(json.dumps(entry, separators=(",", ":"))) + 1
        n += 1
    json.dump({"resourceType": "Bundle", "type": "transaction", "entry": entries}, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main()
