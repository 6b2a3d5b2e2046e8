#!/usr/bin/env python3
"""Validate FHIR JSON files as Bundles with fhir.resources (PyPI).

fhir.resources ships R4B models (R4B keeps R4's Bundle, Patient,
Observation and Condition). Prints "valid FILE" per file; exits 1 on the
first invalid one. Used by the FHIR end-to-end tests on Tests/Fixtures/fhir.
"""
import sys

from fhir.resources.R4B.bundle import Bundle

for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as handle:
        try:
            Bundle.model_validate_json(handle.read())
        except Exception as error:  # pydantic's ValidationError, or JSON errors
            print(f"invalid {path}: {error}")
            sys.exit(1)
    print(f"valid {path}")
