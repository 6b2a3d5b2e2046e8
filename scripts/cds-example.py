#!/usr/bin/env python3
"""Act as an EHR towards poemsd's CDS Hooks service: make a key pair and a
signed CDS Hooks 2.0 request.

  cds-example.py keys DIR
      Writes DIR/ehr-private.pem (ES384, P-384; keep it) and DIR/jwks.json
      (the public JSON Web Key Set to give poemsd: --cds-issuer ISSUER=DIR/jwks.json).

  cds-example.py call --key DIR/ehr-private.pem --issuer ISSUER --url URL [--audience AUD] [--body FILE] [--kid KID]
      POSTs the CDS request in FILE (default: a patient-view call with an
      empty prefetch) to URL (https://poemsd.example.org/cds-services/poems-syndrome)
      with Authorization: Bearer <JWT>, the JWT signed with the key: alg ES384,
      iss ISSUER, aud AUD (default URL: poemsd's --public-url plus the path),
      exp in 5 minutes, a fresh jti. Prints the status and the answer.

Needs PyJWT and cryptography (PyPI): pip install pyjwt cryptography
"""
import argparse
import base64
import json
import pathlib
import sys
import time
import urllib.error
import urllib.request
import uuid

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec


def b64url(number: int, length: int) -> str:
    return base64.urlsafe_b64encode(number.to_bytes(length, "big")).rstrip(b"=").decode()


def make_keys(directory: pathlib.Path, kid: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP384R1())
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    (directory / "ehr-private.pem").write_bytes(pem)
    numbers = key.public_key().public_numbers()
    jwk = {"kty": "EC", "crv": "P-384", "kid": kid, "use": "sig", "alg": "ES384",
           "x": b64url(numbers.x, 48), "y": b64url(numbers.y, 48)}
    (directory / "jwks.json").write_text(json.dumps({"keys": [jwk]}, indent=2) + "\n")
    print(f"wrote {directory / 'ehr-private.pem'} (private) and {directory / 'jwks.json'} (public)")


def call(key_path: str, issuer: str, url: str, audience: str, body_path: str | None, kid: str) -> int:
    key = serialization.load_pem_private_key(pathlib.Path(key_path).read_bytes(), password=None)
    now = int(time.time())
    token = jwt.encode({"iss": issuer, "sub": "example-client", "aud": audience, "exp": now + 300, "iat": now,
                        "jti": str(uuid.uuid4())}, key, algorithm="ES384", headers={"kid": kid, "typ": "JWT"})
    if body_path:
        body = pathlib.Path(body_path).read_bytes()
    else:
        body = json.dumps({"hook": "patient-view", "hookInstance": str(uuid.uuid4()),
                           "context": {"userId": "Practitioner/example", "patientId": "example"},
                           "prefetch": {"patient": {"resourceType": "Patient", "id": "example"},
                                        "conditions": {"resourceType": "Bundle", "type": "searchset", "entry": []},
                                        "observations": {"resourceType": "Bundle", "type": "searchset", "entry": []}}}).encode()
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            print(response.status)
            print(response.read().decode())
            return 0
    except urllib.error.HTTPError as error:
        print(error.code)
        print(error.read().decode())
        return 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    keys = commands.add_parser("keys")
    keys.add_argument("directory", type=pathlib.Path)
    keys.add_argument("--kid", default="ehr-es384-1")
    request = commands.add_parser("call")
    request.add_argument("--key", required=True)
    request.add_argument("--issuer", required=True)
    request.add_argument("--url", required=True)
    request.add_argument("--audience")
    request.add_argument("--body")
    request.add_argument("--kid", default="ehr-es384-1")
    arguments = parser.parse_args()
    if arguments.command == "keys":
        make_keys(arguments.directory, arguments.kid)
        return 0
    return call(arguments.key, arguments.issuer, arguments.url, arguments.audience or arguments.url, arguments.body, arguments.kid)


if __name__ == "__main__":
    sys.exit(main())
