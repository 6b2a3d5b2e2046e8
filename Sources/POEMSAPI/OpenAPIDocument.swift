/// The OpenAPI 3.1 description served at `/openapi.json`. Each capability
/// adds its paths and schemas here; a test validates the whole document.
enum OpenAPIDocument {
    static let json = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "poemsd",
    "version": "1.0.0",
    "summary": "Helps clinicians recognise POEMS syndrome: diagnostic criteria, published evidence, case records.",
    "description": "poemsd informs a clinician; it does not prescribe. Every clinical rule carries its source.",
    "license": { "name": "Proprietary", "identifier": "LicenseRef-Proprietary" }
  },
  "servers": [{ "url": "http://127.0.0.1:8080" }],
  "paths": {
    "/healthz": {
      "get": {
        "operationId": "getHealth",
        "summary": "The process is alive.",
        "tags": ["operations"],
        "responses": {
          "200": { "description": "Alive.", "content": { "application/health+json": { "schema": { "$ref": "#/components/schemas/Health" } } } }
        }
      }
    },
    "/readyz": {
      "get": {
        "operationId": "getReadiness",
        "summary": "The service can serve: database reachable, migrations applied, not shutting down.",
        "tags": ["operations"],
        "responses": {
          "200": { "description": "Ready.", "content": { "application/health+json": { "schema": { "$ref": "#/components/schemas/Health" } } } },
          "503": { "description": "Not ready; `checks` says why.", "content": { "application/health+json": { "schema": { "$ref": "#/components/schemas/Health" } } } }
        }
      }
    },
    "/openapi.json": {
      "get": {
        "operationId": "getOpenAPI",
        "summary": "This document.",
        "tags": ["operations"],
        "responses": {
          "200": { "description": "The OpenAPI 3.1 document.", "content": { "application/json": { "schema": { "type": "object" } } } }
        }
      }
    }
  },
  "components": {
    "headers": {
      "X-Request-Id": {
        "description": "The request's id: the client's X-Request-Id when it is 1-128 characters of A-Z a-z 0-9 - _ . :, otherwise generated.",
        "schema": { "type": "string" }
      }
    },
    "parameters": {
      "RequestId": {
        "name": "X-Request-Id", "in": "header", "required": false,
        "description": "Correlation id echoed on the response.",
        "schema": { "type": "string", "maxLength": 128, "pattern": "^[A-Za-z0-9._:-]+$" }
      }
    },
    "responses": {
      "BadRequest": { "description": "Malformed JSON, or a field that is unknown, of the wrong type or impossible (see `pointer`).", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } },
      "NotFound": { "description": "No such resource.", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } },
      "MethodNotAllowed": { "description": "The path exists; the `Allow` header lists its methods.", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } },
      "ContentTooLarge": { "description": "The body exceeds the configured limit.", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } },
      "UnsupportedMediaType": { "description": "The body is not application/json.", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } },
      "InternalError": { "description": "The server failed; quote `requestId`.", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } }
    },
    "schemas": {
      "Problem": {
        "type": "object",
        "description": "RFC 9457 problem details.",
        "required": ["type", "title", "status"],
        "properties": {
          "type": { "type": "string", "description": "urn:poemsd:problem:<slug>; the slugs are listed in the README." },
          "title": { "type": "string" },
          "status": { "type": "integer" },
          "detail": { "type": "string" },
          "pointer": { "type": "string", "description": "RFC 6901 JSON pointer of the request-body field at fault." },
          "parameter": { "type": "string", "description": "The query parameter at fault." },
          "requestId": { "type": "string" }
        }
      },
      "Health": {
        "type": "object",
        "description": "draft-inadarei-api-health-check response.",
        "required": ["status"],
        "properties": {
          "status": { "type": "string", "enum": ["pass", "fail", "warn"] },
          "description": { "type": "string" },
          "checks": {
            "type": "object",
            "additionalProperties": {
              "type": "array",
              "items": { "type": "object", "properties": { "status": { "type": "string" }, "output": { "type": "string" } } }
            }
          }
        }
      }
    }
  }
}
"""#
}
