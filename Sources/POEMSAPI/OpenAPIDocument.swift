/// The OpenAPI 3.1 description served at `/openapi.json`. Each capability
/// adds its paths and schemas here; a test validates the whole document.
/// `info.version` is `ServiceVersion.current`.
enum OpenAPIDocument {
    static let json = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "poemsd",
    "version": "\#(ServiceVersion.current)",
    "summary": "Helps clinicians recognise POEMS syndrome: diagnostic criteria, published evidence, case records.",
    "description": "poemsd informs a clinician; it does not prescribe. Every clinical rule carries its source.",
    "license": {
      "name": "Proprietary",
      "identifier": "LicenseRef-Proprietary"
    }
  },
  "servers": [
    {
      "url": "http://127.0.0.1:8080"
    }
  ],
  "paths": {
    "/healthz": {
      "get": {
        "operationId": "getHealth",
        "summary": "The process is alive.",
        "tags": [
          "operations"
        ],
        "responses": {
          "200": {
            "description": "Alive.",
            "content": {
              "application/health+json": {
                "schema": {
                  "$ref": "#/components/schemas/Health"
                }
              }
            }
          }
        },
        "security": []
      }
    },
    "/readyz": {
      "get": {
        "operationId": "getReadiness",
        "summary": "The service can serve: database reachable, migrations applied, not shutting down.",
        "tags": [
          "operations"
        ],
        "responses": {
          "200": {
            "description": "Ready.",
            "content": {
              "application/health+json": {
                "schema": {
                  "$ref": "#/components/schemas/Health"
                }
              }
            }
          },
          "503": {
            "description": "Not ready; `checks` says why.",
            "content": {
              "application/health+json": {
                "schema": {
                  "$ref": "#/components/schemas/Health"
                }
              }
            }
          }
        },
        "security": []
      }
    },
    "/openapi.json": {
      "get": {
        "operationId": "getOpenAPI",
        "summary": "This document.",
        "tags": [
          "operations"
        ],
        "responses": {
          "200": {
            "description": "The OpenAPI 3.1 document.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          }
        },
        "security": []
      }
    },
    "/dashboard": {
      "get": {
        "operationId": "getDashboard",
        "summary": "The dashboard page: sign in with an API key, kept in memory only; it reads the public API.",
        "tags": [
          "operations"
        ],
        "responses": {
          "200": {
            "description": "The page (HTML).",
            "headers": {
              "Content-Security-Policy": {
                "description": "default-src 'none'; script, style and requests from the same origin only.",
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "304": {
            "$ref": "#/components/responses/NotModified"
          }
        },
        "security": []
      }
    },
    "/dashboard/app.js": {
      "get": {
        "operationId": "getDashboardScript",
        "summary": "The dashboard's script.",
        "tags": [
          "operations"
        ],
        "responses": {
          "200": {
            "description": "JavaScript.",
            "headers": {
              "Content-Security-Policy": {
                "description": "default-src 'none'; script, style and requests from the same origin only.",
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "application/javascript": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "304": {
            "$ref": "#/components/responses/NotModified"
          }
        },
        "security": []
      }
    },
    "/dashboard/app.css": {
      "get": {
        "operationId": "getDashboardStyle",
        "summary": "The dashboard's style sheet.",
        "tags": [
          "operations"
        ],
        "responses": {
          "200": {
            "description": "CSS.",
            "headers": {
              "Content-Security-Policy": {
                "description": "default-src 'none'; script, style and requests from the same origin only.",
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "text/css": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "304": {
            "$ref": "#/components/responses/NotModified"
          }
        },
        "security": []
      }
    },
    "/v1/evaluations": {
      "post": {
        "operationId": "evaluate",
        "tags": [
          "criteria"
        ],
        "summary": "Evaluate findings under every criteria set; nothing is stored.",
        "parameters": [
          {
            "name": "criteria",
            "in": "query",
            "required": false,
            "description": "Headline criteria set (default: the server's --default-criteria).",
            "schema": {
              "$ref": "#/components/schemas/CriteriaSetID"
            }
          },
          {
            "$ref": "#/components/parameters/RequestId"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CaseInput"
              }
            },
            "application/fhir+json": {
              "schema": {
                "$ref": "#/components/schemas/FHIRBundle"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The evaluation.",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EvaluationResponse"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequestOrOutcome"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          }
        },
        "description": "Requires the reader role. Also accepts a FHIR R4 Bundle as application/fhir+json: the response adds provenance, unmapped and inputWarnings."
      }
    },
    "/v1/criteria": {
      "get": {
        "operationId": "listCriteriaSets",
        "tags": [
          "criteria"
        ],
        "summary": "The criteria sets.",
        "responses": {
          "200": {
            "description": "The sets.",
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                }
              },
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CriteriaListing"
                }
              }
            }
          },
          "304": {
            "$ref": "#/components/responses/NotModified"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          }
        },
        "description": "Requires the reader role."
      }
    },
    "/v1/criteria/{id}": {
      "get": {
        "operationId": "getCriteriaSet",
        "tags": [
          "criteria"
        ],
        "summary": "One criteria set in full: criteria, parts, roles, footnotes, associated features.",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "$ref": "#/components/schemas/CriteriaSetID"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The set.",
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                }
              },
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CriteriaSetDefinition"
                }
              }
            }
          },
          "304": {
            "$ref": "#/components/responses/NotModified"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          }
        },
        "description": "Requires the reader role."
      }
    },
    "/v1/evidence/treatment-response": {
      "get": {
        "operationId": "getTreatmentResponse",
        "tags": [
          "evidence"
        ],
        "summary": "Table 3 of seed 004: response to therapy.",
        "parameters": [
          {
            "name": "sort",
            "in": "query",
            "schema": {
              "type": "string",
              "enum": [
                "treatment",
                "patients",
                "improved",
                "stable",
                "progression",
                "unknown"
              ]
            }
          },
          {
            "name": "order",
            "in": "query",
            "schema": {
              "type": "string",
              "enum": [
                "asc",
                "desc",
                "ascending",
                "descending"
              ]
            }
          },
          {
            "name": "minImproved",
            "in": "query",
            "schema": {
              "type": "integer",
              "minimum": 0,
              "maximum": 100
            }
          },
          {
            "name": "q",
            "in": "query",
            "description": "Treatment name or slug contains.",
            "schema": {
              "type": "string",
              "maxLength": 100
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Table 3.",
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                }
              },
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EvidenceTable"
                }
              }
            }
          },
          "304": {
            "$ref": "#/components/responses/NotModified"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          }
        },
        "description": "Requires the reader role."
      }
    },
    "/v1/evidence/treatment-response/{treatment}": {
      "get": {
        "operationId": "getTreatmentResponseRow",
        "tags": [
          "evidence"
        ],
        "summary": "One row of Table 3 by slug, with its footnotes.",
        "parameters": [
          {
            "name": "treatment",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The row.",
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                }
              },
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EvidenceRowPayload"
                }
              }
            }
          },
          "304": {
            "$ref": "#/components/responses/NotModified"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          }
        },
        "description": "Requires the reader role."
      }
    },
    "/v1/evidence/transplant-response": {
      "get": {
        "operationId": "getTransplantResponse",
        "tags": [
          "evidence"
        ],
        "summary": "Table 4 of seed 004: response after peripheral blood stem cell transplant.",
        "responses": {
          "200": {
            "description": "The table.",
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                }
              },
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EvidenceTable"
                }
              }
            }
          },
          "304": {
            "$ref": "#/components/responses/NotModified"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          }
        },
        "description": "Requires the reader role."
      }
    },
    "/v1/evidence/clinical-features": {
      "get": {
        "operationId": "getClinicalFeatures",
        "tags": [
          "evidence"
        ],
        "summary": "Table 2 of seed 004: clinical features in three series.",
        "responses": {
          "200": {
            "description": "The table.",
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                }
              },
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EvidenceTable"
                }
              }
            }
          },
          "304": {
            "$ref": "#/components/responses/NotModified"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          }
        },
        "description": "Requires the reader role."
      }
    },
    "/v1/evidence/statements": {
      "get": {
        "operationId": "getEvidenceStatements",
        "tags": [
          "evidence"
        ],
        "summary": "Sourced narrative figures about therapy (seeds 004 and 003).",
        "responses": {
          "200": {
            "description": "The statements.",
            "headers": {
              "ETag": {
                "schema": {
                  "type": "string"
                }
              },
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EvidenceStatements"
                }
              }
            }
          },
          "304": {
            "$ref": "#/components/responses/NotModified"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          }
        },
        "description": "Requires the reader role."
      }
    },
    "/v1/cases": {
      "post": {
        "operationId": "createCase",
        "tags": [
          "cases"
        ],
        "summary": "Validate, evaluate and store a case at revision 1.",
        "parameters": [
          {
            "name": "criteria",
            "in": "query",
            "required": false,
            "schema": {
              "$ref": "#/components/schemas/CriteriaSetID"
            }
          },
          {
            "name": "Idempotency-Key",
            "in": "header",
            "required": false,
            "description": "Retry safely: the same key and body replays the first response (with Idempotent-Replayed: true); a different body is 422. Kept at least 24 hours.",
            "schema": {
              "type": "string",
              "maxLength": 255
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CaseSubmission"
              }
            },
            "application/fhir+json": {
              "schema": {
                "$ref": "#/components/schemas/FHIRBundle"
              }
            }
          }
        },
        "responses": {
          "503": {
            "$ref": "#/components/responses/StorageUnavailable"
          },
          "507": {
            "$ref": "#/components/responses/InsufficientStorage"
          },
          "201": {
            "description": "Created (or replayed).",
            "headers": {
              "ETag": {
                "description": "Strong entity tag of the case.",
                "schema": {
                  "type": "string"
                }
              },
              "Location": {
                "description": "The case URL (201 only).",
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Case"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequestOrOutcome"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/IdempotencyKeyReused"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          }
        },
        "description": "Requires the writer role. Also accepts a FHIR R4 Bundle as application/fhir+json: the response adds provenance, unmapped and inputWarnings."
      },
      "get": {
        "operationId": "listCases",
        "tags": [
          "cases"
        ],
        "summary": "Live cases in creation order, filtered and cursor-paged.",
        "parameters": [
          {
            "name": "verdict",
            "in": "query",
            "schema": {
              "$ref": "#/components/schemas/Verdict"
            },
            "description": "Verdict under `criteria` (default: the server default set)."
          },
          {
            "name": "criteria",
            "in": "query",
            "required": false,
            "schema": {
              "$ref": "#/components/schemas/CriteriaSetID"
            }
          },
          {
            "name": "patientRef",
            "in": "query",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "updatedSince",
            "in": "query",
            "schema": {
              "type": "string",
              "format": "date-time"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 200,
              "default": 50
            }
          },
          {
            "name": "cursor",
            "in": "query",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "If-None-Match",
            "in": "header",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "One page.",
            "headers": {
              "ETag": {
                "description": "Changes with every write.",
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CaseListing"
                }
              }
            }
          },
          "304": {
            "$ref": "#/components/responses/NotModified"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          }
        },
        "description": "Requires the reader role."
      }
    },
    "/v1/cases/{id}": {
      "get": {
        "operationId": "getCase",
        "tags": [
          "cases"
        ],
        "summary": "The case with its latest revision.",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "If-None-Match",
            "in": "header",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The case.",
            "headers": {
              "ETag": {
                "description": "Strong entity tag of the case.",
                "schema": {
                  "type": "string"
                }
              },
              "Location": {
                "description": "The case URL (201 only).",
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Case"
                }
              }
            }
          },
          "304": {
            "$ref": "#/components/responses/NotModified"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          }
        },
        "description": "Requires the reader role."
      },
      "put": {
        "operationId": "updateCase",
        "tags": [
          "cases"
        ],
        "summary": "A new revision, re-evaluated.",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "criteria",
            "in": "query",
            "required": false,
            "schema": {
              "$ref": "#/components/schemas/CriteriaSetID"
            }
          },
          {
            "name": "If-Match",
            "in": "header",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CaseSubmission"
              }
            },
            "application/fhir+json": {
              "schema": {
                "$ref": "#/components/schemas/FHIRBundle"
              }
            }
          }
        },
        "responses": {
          "503": {
            "$ref": "#/components/responses/StorageUnavailable"
          },
          "507": {
            "$ref": "#/components/responses/InsufficientStorage"
          },
          "200": {
            "description": "The case at its new revision.",
            "headers": {
              "ETag": {
                "description": "Strong entity tag of the case.",
                "schema": {
                  "type": "string"
                }
              },
              "Location": {
                "description": "The case URL (201 only).",
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Case"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequestOrOutcome"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "412": {
            "$ref": "#/components/responses/PreconditionFailed"
          },
          "428": {
            "$ref": "#/components/responses/PreconditionRequired"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          }
        },
        "description": "Requires the writer role. Also accepts a FHIR R4 Bundle as application/fhir+json: the response adds provenance, unmapped and inputWarnings."
      },
      "delete": {
        "operationId": "deleteCase",
        "tags": [
          "cases"
        ],
        "summary": "Remove the case from reads; its revisions are kept, marked deleted.",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "If-Match",
            "in": "header",
            "required": false,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "503": {
            "$ref": "#/components/responses/StorageUnavailable"
          },
          "507": {
            "$ref": "#/components/responses/InsufficientStorage"
          },
          "204": {
            "description": "Deleted."
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "412": {
            "$ref": "#/components/responses/PreconditionFailed"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          }
        },
        "description": "Requires the writer role."
      }
    },
    "/v1/cases/{id}/revisions": {
      "get": {
        "operationId": "getCaseRevisions",
        "tags": [
          "cases"
        ],
        "summary": "Every revision, oldest first.",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The history.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "id": {
                      "type": "string"
                    },
                    "revisions": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Revision"
                      }
                    }
                  }
                }
              }
            }
          },
          "304": {
            "$ref": "#/components/responses/NotModified"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          }
        },
        "description": "Requires the reader role."
      }
    },
    "/v1/stats": {
      "get": {
        "operationId": "getStats",
        "tags": [
          "cases"
        ],
        "summary": "Verdicts per criteria set and criterion frequencies among stored cases, beside Table 2.",
        "parameters": [
          {
            "name": "criteria",
            "in": "query",
            "description": "Comma-separated criteria-set ids to count (default: all).",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "since",
            "in": "query",
            "description": "Only cases last updated at or after this RFC 3339 time.",
            "schema": {
              "type": "string",
              "format": "date-time"
            }
          },
          {
            "name": "until",
            "in": "query",
            "description": "Only cases last updated before this RFC 3339 time.",
            "schema": {
              "type": "string",
              "format": "date-time"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Counts.",
            "headers": {
              "ETag": {
                "description": "Changes with every write.",
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Stats"
                }
              }
            }
          },
          "304": {
            "$ref": "#/components/responses/NotModified"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          }
        },
        "description": "Requires the reader role."
      }
    },
    "/v1/changes": {
      "get": {
        "operationId": "getChanges",
        "tags": [
          "cases"
        ],
        "summary": "The change feed: case writes in commit order, deletions as tombstones; long polling with wait.",
        "description": "Requires the reader role. Pass nextAfter back as after: nothing is skipped or repeated, whatever writes run concurrently (seq is assigned in the write's transaction). A page with nothing new is empty and carries an ETag (304 on If-None-Match). With wait (1-30 s) an empty page is held until a change commits, the time passes or the server shuts down; the connection is suspended meanwhile.",
        "parameters": [
          {
            "name": "after",
            "in": "query",
            "description": "The last seq already seen (0 for the beginning).",
            "schema": {
              "type": "integer",
              "minimum": 0,
              "default": 0
            }
          },
          {
            "name": "limit",
            "in": "query",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 1000,
              "default": 100
            }
          },
          {
            "name": "wait",
            "in": "query",
            "description": "Seconds to hold an empty page for a change (long polling).",
            "schema": {
              "type": "integer",
              "minimum": 0,
              "maximum": 30,
              "default": 0
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Changes after `after`, possibly none.",
            "headers": {
              "ETag": {
                "description": "Names the page: after, limit and its last seq.",
                "schema": {
                  "type": "string"
                }
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ChangePage"
                }
              }
            }
          },
          "304": {
            "$ref": "#/components/responses/NotModified"
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          }
        }
      }
    },
    "/v1/audit": {
      "get": {
        "operationId": "getAuditTrail",
        "tags": [
          "audit"
        ],
        "summary": "The append-only audit trail, oldest first. Requires the admin role.",
        "parameters": [
          {
            "name": "caseId",
            "in": "query",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "key",
            "in": "query",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "since",
            "in": "query",
            "schema": {
              "type": "string",
              "format": "date-time"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "schema": {
              "type": "integer",
              "minimum": 1,
              "maximum": 500,
              "default": 100
            }
          },
          {
            "name": "cursor",
            "in": "query",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "One page.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/AuditPage"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          }
        }
      }
    },
    "/v1/terminology": {
      "get": {
        "operationId": "listTerminology",
        "tags": [
          "fhir"
        ],
        "summary": "The terminology map in use for FHIR input: seed rows and imported rows, each with its source and evidence.",
        "parameters": [
          {
            "$ref": "#/components/parameters/RequestId"
          }
        ],
        "responses": {
          "200": {
            "description": "The rows.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/TerminologyListing"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          }
        },
        "description": "Requires the reader role."
      }
    },
    "/cds-services": {
      "get": {
        "operationId": "cdsDiscovery",
        "tags": [
          "cds-hooks"
        ],
        "summary": "CDS Hooks discovery: the poems-syndrome services and their prefetch templates.",
        "security": [],
        "responses": {
          "200": {
            "description": "The services.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CDSDiscovery"
                }
              }
            }
          }
        }
      },
      "options": {
        "operationId": "cdsDiscoveryPreflight",
        "tags": [
          "cds-hooks"
        ],
        "summary": "CORS preflight, answered without a JWT.",
        "security": [],
        "responses": {
          "204": {
            "description": "CORS preflight: Access-Control-Allow-Origin, -Methods, -Headers."
          }
        }
      }
    },
    "/cds-services/poems-syndrome": {
      "post": {
        "operationId": "cdsCallPoemsSyndrome",
        "tags": [
          "cds-hooks"
        ],
        "summary": "A CDS Hooks call: cards from the prefetch (missing keys fetched from fhirServer with fhirAuthorization).",
        "security": [
          {
            "cdsJWT": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CDSRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The cards (none, a warning card, or an info card).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CDSCards"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequestOrOutcome"
          },
          "401": {
            "description": "Not authorized (any JWT rejection; no detail).",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "412": {
            "description": "A prefetch key is missing and no fhirServer with fhirAuthorization was given.",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "502": {
            "description": "fhirServer did not answer usefully.",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      },
      "options": {
        "operationId": "cdsPreflightPoemsSyndrome",
        "tags": [
          "cds-hooks"
        ],
        "summary": "CORS preflight, answered without a JWT.",
        "security": [],
        "responses": {
          "204": {
            "description": "CORS preflight: Access-Control-Allow-Origin, -Methods, -Headers."
          }
        }
      }
    },
    "/cds-services/poems-syndrome/feedback": {
      "post": {
        "operationId": "cdsFeedbackPoemsSyndrome",
        "tags": [
          "cds-hooks"
        ],
        "summary": "Card feedback (accepted/overridden, override reason), stored once per card, outcome and time; counted in /v1/stats.",
        "security": [
          {
            "cdsJWT": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CDSFeedback"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Stored (or already stored).",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "description": "Not authorized (any JWT rejection; no detail).",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      },
      "options": {
        "operationId": "cdsFeedbackPreflightPoemsSyndrome",
        "tags": [
          "cds-hooks"
        ],
        "summary": "CORS preflight, answered without a JWT.",
        "security": [],
        "responses": {
          "204": {
            "description": "CORS preflight: Access-Control-Allow-Origin, -Methods, -Headers."
          }
        }
      }
    },
    "/cds-services/poems-syndrome-order-select": {
      "post": {
        "operationId": "cdsCallPoemsSyndromeOrderSelect",
        "tags": [
          "cds-hooks"
        ],
        "summary": "A CDS Hooks call: cards from the prefetch (missing keys fetched from fhirServer with fhirAuthorization).",
        "security": [
          {
            "cdsJWT": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CDSRequest"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The cards (none, a warning card, or an info card).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CDSCards"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequestOrOutcome"
          },
          "401": {
            "description": "Not authorized (any JWT rejection; no detail).",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "412": {
            "description": "A prefetch key is missing and no fhirServer with fhirAuthorization was given.",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          },
          "502": {
            "description": "fhirServer did not answer usefully.",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      },
      "options": {
        "operationId": "cdsPreflightPoemsSyndromeOrderSelect",
        "tags": [
          "cds-hooks"
        ],
        "summary": "CORS preflight, answered without a JWT.",
        "security": [],
        "responses": {
          "204": {
            "description": "CORS preflight: Access-Control-Allow-Origin, -Methods, -Headers."
          }
        }
      }
    },
    "/cds-services/poems-syndrome-order-select/feedback": {
      "post": {
        "operationId": "cdsFeedbackPoemsSyndromeOrderSelect",
        "tags": [
          "cds-hooks"
        ],
        "summary": "Card feedback (accepted/overridden, override reason), stored once per card, outcome and time; counted in /v1/stats.",
        "security": [
          {
            "cdsJWT": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CDSFeedback"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Stored (or already stored).",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "description": "Not authorized (any JWT rejection; no detail).",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/Problem"
                }
              }
            }
          }
        }
      },
      "options": {
        "operationId": "cdsFeedbackPreflightPoemsSyndromeOrderSelect",
        "tags": [
          "cds-hooks"
        ],
        "summary": "CORS preflight, answered without a JWT.",
        "security": [],
        "responses": {
          "204": {
            "description": "CORS preflight: Access-Control-Allow-Origin, -Methods, -Headers."
          }
        }
      }
    }
  },
  "components": {
    "headers": {
      "X-Request-Id": {
        "description": "The request's id: the client's X-Request-Id when it is 1-128 characters of A-Z a-z 0-9 - _ . :, otherwise generated.",
        "schema": {
          "type": "string"
        }
      }
    },
    "parameters": {
      "RequestId": {
        "name": "X-Request-Id",
        "in": "header",
        "required": false,
        "description": "Correlation id echoed on the response.",
        "schema": {
          "type": "string",
          "maxLength": 128,
          "pattern": "^[A-Za-z0-9._:-]+$"
        }
      }
    },
    "responses": {
      "StorageUnavailable": {
        "description": "Shutting down, or the database cannot take the write: nothing was saved. Retry.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "InsufficientStorage": {
        "description": "The server's disk is full: nothing was saved. Retry later (`Retry-After`); reads still work.",
        "headers": {
          "Retry-After": {
            "description": "Seconds to wait before retrying.",
            "schema": {
              "type": "integer"
            }
          }
        },
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "BadRequest": {
        "description": "Malformed JSON, or a field that is unknown, of the wrong type or impossible (see `pointer`).",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "NotFound": {
        "description": "No such resource.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "MethodNotAllowed": {
        "description": "The path exists; the `Allow` header lists its methods.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "ContentTooLarge": {
        "description": "The body exceeds the configured limit.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "UnsupportedMediaType": {
        "description": "The body is not application/json.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "InternalError": {
        "description": "The server failed; quote `requestId`.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "NotModified": {
        "description": "The client's copy (If-None-Match) is current."
      },
      "PreconditionFailed": {
        "description": "If-Match does not name the current ETag: the case changed.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "PreconditionRequired": {
        "description": "If-Match is required.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "IdempotencyKeyReused": {
        "description": "The Idempotency-Key was used with a different body.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "Unauthorized": {
        "description": "No, malformed, unknown or revoked bearer token.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        },
        "headers": {
          "WWW-Authenticate": {
            "schema": {
              "type": "string"
            },
            "description": "Bearer realm=\"poemsd\""
          }
        }
      },
      "Forbidden": {
        "description": "The key's role does not allow this.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        }
      },
      "TooManyRequests": {
        "description": "Over the key's rate limit.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          }
        },
        "headers": {
          "Retry-After": {
            "schema": {
              "type": "integer"
            },
            "description": "Seconds to wait."
          }
        }
      },
      "BadRequestOrOutcome": {
        "description": "problem+json for the service's JSON (see `pointer`); a FHIR OperationOutcome (application/fhir+json) for a Bundle that is not valid FHIR R4 for what is read.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            }
          },
          "application/fhir+json": {
            "schema": {
              "$ref": "#/components/schemas/OperationOutcome"
            }
          }
        }
      }
    },
    "schemas": {
      "Problem": {
        "type": "object",
        "description": "RFC 9457 problem details.",
        "required": [
          "type",
          "title",
          "status"
        ],
        "properties": {
          "type": {
            "type": "string",
            "description": "urn:poemsd:problem:<slug>; the slugs are listed in the README."
          },
          "title": {
            "type": "string"
          },
          "status": {
            "type": "integer"
          },
          "detail": {
            "type": "string"
          },
          "pointer": {
            "type": "string",
            "description": "RFC 6901 JSON pointer of the request-body field at fault."
          },
          "parameter": {
            "type": "string",
            "description": "The query parameter at fault."
          },
          "requestId": {
            "type": "string"
          }
        }
      },
      "Health": {
        "type": "object",
        "description": "draft-inadarei-api-health-check response.",
        "required": [
          "status"
        ],
        "properties": {
          "status": {
            "type": "string",
            "enum": [
              "pass",
              "fail",
              "warn"
            ]
          },
          "description": {
            "type": "string"
          },
          "version": {
            "type": "string",
            "description": "The poemsd version (the same as `poemsd --version` and the Server header)."
          },
          "checks": {
            "type": "object",
            "additionalProperties": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "status": {
                    "type": "string"
                  },
                  "output": {
                    "type": "string"
                  }
                }
              }
            }
          }
        }
      },
      "CaseInput": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "findings"
        ],
        "description": "What is known about a patient. Unknown fields anywhere are rejected with 400 and the JSON pointer of the field.",
        "properties": {
          "patient": {
            "$ref": "#/components/schemas/Patient"
          },
          "findings": {
            "$ref": "#/components/schemas/Findings"
          },
          "labs": {
            "$ref": "#/components/schemas/Labs"
          }
        }
      },
      "Status": {
        "type": "string",
        "enum": [
          "met",
          "not-met",
          "unknown"
        ]
      },
      "Verdict": {
        "type": "string",
        "enum": [
          "meets",
          "does-not-meet",
          "indeterminate"
        ]
      },
      "CriteriaSetID": {
        "type": "string",
        "enum": [
          "dispenzieri-2003",
          "imwg-2014",
          "suichi-2019"
        ]
      },
      "EvaluationResponse": {
        "type": "object",
        "required": [
          "criteriaSet",
          "verdict",
          "summary",
          "engineVersion",
          "evaluations",
          "associatedFeatures",
          "derivations",
          "warnings",
          "differential",
          "suggestedWorkup",
          "treatmentEvidence",
          "treatmentEvidenceWithheld",
          "disclaimer"
        ],
        "properties": {
          "criteriaSet": {
            "$ref": "#/components/schemas/CriteriaSetID"
          },
          "verdict": {
            "$ref": "#/components/schemas/Verdict"
          },
          "summary": {
            "type": "string",
            "description": "One or two plain sentences: the headline verdict, whether the three sets agree and why not, and the single most useful next step."
          },
          "engineVersion": {
            "type": "string",
            "description": "The version of the criteria rules that produced this evaluation (2.0.0 since issue 9)."
          },
          "evaluations": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "criteriaSet",
                "title",
                "citation",
                "rule",
                "verdict",
                "criteria",
                "undetermined"
              ],
              "properties": {
                "criteriaSet": {
                  "$ref": "#/components/schemas/CriteriaSetID"
                },
                "version": {
                  "type": "string"
                },
                "title": {
                  "type": "string"
                },
                "citation": {
                  "type": "string"
                },
                "rule": {
                  "type": "string"
                },
                "verdict": {
                  "$ref": "#/components/schemas/Verdict"
                },
                "criteria": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "required": [
                      "id",
                      "role",
                      "status",
                      "basis"
                    ],
                    "properties": {
                      "id": {
                        "type": "string"
                      },
                      "name": {
                        "type": "string"
                      },
                      "role": {
                        "type": "string",
                        "enum": [
                          "major",
                          "other-major",
                          "minor"
                        ]
                      },
                      "status": {
                        "$ref": "#/components/schemas/Status"
                      },
                      "basis": {
                        "type": "string"
                      }
                    }
                  }
                },
                "undetermined": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  },
                  "description": "Unknown criteria whose answer could change the verdict."
                }
              }
            }
          },
          "associatedFeatures": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "id": {
                  "type": "string"
                },
                "status": {
                  "$ref": "#/components/schemas/Status"
                },
                "basis": {
                  "type": "string"
                }
              }
            }
          },
          "derivations": {
            "type": "array",
            "description": "Every comparison of a lab value with a threshold, with the threshold's origin and source.",
            "items": {
              "type": "object",
              "properties": {
                "finding": {
                  "type": "string",
                  "description": "The finding derived (vegfElevated, polycythemia, thrombocytosis) or the flag compared (anemia, thrombocytopenia, hypercalcemia, renalInsufficiency, marrowPlasmaCells10PercentOrMore)."
                },
                "labField": {
                  "type": "string"
                },
                "value": {
                  "type": "number"
                },
                "unit": {
                  "type": "string"
                },
                "comparison": {
                  "type": "string",
                  "enum": [
                    "greater-than",
                    "greater-than-or-equal",
                    "less-than"
                  ]
                },
                "thresholds": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "properties": {
                      "value": {
                        "type": "number"
                      },
                      "appliesTo": {
                        "type": "string"
                      },
                      "origin": {
                        "type": "string",
                        "enum": [
                          "laboratory-limit",
                          "default",
                          "server-setting"
                        ]
                      },
                      "source": {
                        "type": "string"
                      }
                    }
                  }
                },
                "result": {
                  "$ref": "#/components/schemas/Status"
                },
                "applied": {
                  "type": "boolean"
                },
                "explanation": {
                  "type": "string"
                }
              }
            }
          },
          "warnings": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "code",
                "severity",
                "message",
                "source"
              ],
              "properties": {
                "code": {
                  "type": "string",
                  "enum": [
                    "endocrinopathy-diabetes-thyroid-only",
                    "kappa-light-chain",
                    "castleman-variant",
                    "no-sclerotic-lesion-or-castleman",
                    "seed-minimum-not-met",
                    "cidp-mimic",
                    "m-protein-possibly-missed",
                    "finding-contradicts-lab",
                    "anemia-or-thrombocytopenia",
                    "serum-vegf-with-thrombocytosis",
                    "vegf-assays-discordant",
                    "vegf-borderline"
                  ]
                },
                "severity": {
                  "type": "string",
                  "enum": [
                    "critical",
                    "warning",
                    "info"
                  ],
                  "description": "The CDS Hooks card indicator; fixed per code (critical: m-protein-possibly-missed, finding-contradicts-lab; info: endocrinopathy-diabetes-thyroid-only; warning: the others)."
                },
                "message": {
                  "type": "string"
                },
                "source": {
                  "type": "string"
                }
              }
            }
          },
          "differential": {
            "type": "array",
            "description": "Alternative diagnoses the findings leave open. None is a diagnosis.",
            "items": {
              "$ref": "#/components/schemas/DifferentialEntry"
            }
          },
          "suggestedWorkup": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "id",
                "criterion",
                "name",
                "test",
                "source",
                "criteriaSets",
                "stage",
                "priority"
              ],
              "properties": {
                "id": {
                  "type": "string",
                  "description": "The criterion id, or bone-marrow-biopsy, cardiopulmonary-evaluation, lesion-biopsy, amyloid-biopsy."
                },
                "criterion": {
                  "type": [
                    "string",
                    "null"
                  ],
                  "description": "The criterion it settles; null for a test that settles none."
                },
                "name": {
                  "type": "string"
                },
                "test": {
                  "type": "string"
                },
                "source": {
                  "type": "string"
                },
                "criteriaSets": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/CriteriaSetID"
                  }
                },
                "stage": {
                  "type": "string",
                  "enum": [
                    "non-invasive",
                    "targeted",
                    "invasive"
                  ]
                },
                "priority": {
                  "type": "integer",
                  "minimum": 1
                }
              }
            },
            "description": "The work-up in clinical order: non-invasive first, targeted, invasive last; priority 1 first."
          },
          "treatmentEvidence": {
            "type": [
              "object",
              "null"
            ],
            "description": "Published evidence relevant to the case (bone-lesion extent), never a prescription. Present when the headline verdict is meets (applicability criteria-met) or indeterminate (only-if-poems-confirmed); null when it is does-not-meet (see treatmentEvidenceWithheld).",
            "properties": {
              "applicability": {
                "type": "string",
                "enum": [
                  "criteria-met",
                  "only-if-poems-confirmed"
                ]
              },
              "applicabilityNote": {
                "type": "string"
              },
              "boneLesionExtent": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "basis": {
                "type": "string"
              },
              "groups": {
                "type": "array",
                "items": {
                  "type": "object"
                }
              },
              "rows": {
                "type": "array",
                "items": {
                  "allOf": [
                    {
                      "$ref": "#/components/schemas/TreatmentResponseRow"
                    },
                    {
                      "type": "object",
                      "properties": {
                        "caveats": {
                          "type": "array",
                          "items": {
                            "$ref": "#/components/schemas/EvidenceStatement"
                          },
                          "description": "Seed 004's statements qualifying the row (corticosteroids temporizing; melphalan and stem-cell harvest; CIDP treatments)."
                        },
                        "note": {
                          "type": [
                            "string",
                            "null"
                          ],
                          "description": "Set on rows of CIDP treatments: they did not help in POEMS."
                        }
                      }
                    }
                  ]
                }
              },
              "statements": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/EvidenceStatement"
                }
              },
              "tables": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              },
              "tableSources": {
                "type": "object",
                "additionalProperties": {
                  "$ref": "#/components/schemas/DataOrigin"
                },
                "description": "Where the data of a referenced table come from when its caption names another paper (Table 4: the 2004 transplant series)."
              },
              "reminder": {
                "type": "string"
              }
            }
          },
          "treatmentEvidenceWithheld": {
            "type": [
              "string",
              "null"
            ],
            "description": "Why no treatment evidence is shown (headline verdict does-not-meet); null otherwise."
          },
          "disclaimer": {
            "type": "string"
          },
          "provenance": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/FHIRProvenance"
            },
            "description": "FHIR input only: the resources behind each value."
          },
          "unmapped": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/FHIRUnmapped"
            },
            "description": "FHIR input only: what meant nothing, and why."
          },
          "inputWarnings": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/InputWarning"
            },
            "description": "FHIR input only: conflicts between resources."
          }
        }
      },
      "CriteriaSetDefinition": {
        "type": "object",
        "required": [
          "id",
          "title",
          "citation",
          "rule",
          "criteria"
        ],
        "properties": {
          "id": {
            "$ref": "#/components/schemas/CriteriaSetID"
          },
          "version": {
            "type": "string"
          },
          "title": {
            "type": "string"
          },
          "citation": {
            "type": "string"
          },
          "rule": {
            "type": "string"
          },
          "requirements": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "role": {
                  "type": "string"
                },
                "minimum": {
                  "type": "integer"
                },
                "criteria": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                }
              }
            }
          },
          "criteria": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "id": {
                  "type": "string"
                },
                "name": {
                  "type": "string"
                },
                "role": {
                  "type": "string"
                },
                "parts": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "properties": {
                      "id": {
                        "type": "string"
                      },
                      "name": {
                        "type": "string"
                      },
                      "note": {
                        "type": "string"
                      }
                    }
                  }
                },
                "footnotes": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Footnote"
                  }
                },
                "note": {
                  "type": "string"
                },
                "source": {
                  "type": "string"
                }
              }
            }
          },
          "associatedFeatures": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "id": {
                  "type": "string"
                },
                "name": {
                  "type": "string"
                },
                "kind": {
                  "type": "string",
                  "enum": [
                    "known",
                    "possible",
                    "other-sign"
                  ]
                },
                "source": {
                  "type": "string"
                }
              }
            }
          },
          "footnotes": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Footnote"
            }
          },
          "notes": {
            "type": "array",
            "items": {
              "type": "string"
            }
          }
        }
      },
      "Footnote": {
        "type": "object",
        "required": [
          "mark",
          "text"
        ],
        "properties": {
          "mark": {
            "type": "string"
          },
          "text": {
            "type": "string"
          },
          "appliesTo": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "scope": {
                  "type": "string",
                  "enum": [
                    "title",
                    "row",
                    "cell"
                  ]
                },
                "row": {
                  "type": [
                    "string",
                    "null"
                  ]
                },
                "column": {
                  "type": [
                    "string",
                    "null"
                  ]
                }
              }
            }
          }
        }
      },
      "EvidenceCell": {
        "type": "object",
        "required": [
          "value",
          "printed",
          "missing",
          "footnotes"
        ],
        "description": "A table cell exactly as printed. A cell printed as …, NS, NA or blank has value null and a reason, never 0.",
        "properties": {
          "value": {
            "type": [
              "integer",
              "null"
            ]
          },
          "printed": {
            "type": "string"
          },
          "missing": {
            "type": [
              "string",
              "null"
            ],
            "enum": [
              "not-reported",
              "not-stated",
              "not-applicable",
              "blank",
              null
            ]
          },
          "footnotes": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "derivedCount": {
            "type": [
              "object",
              "null"
            ],
            "description": "round(n × % / 100), labelled derived.",
            "properties": {
              "value": {
                "type": "integer"
              },
              "derived": {
                "const": true
              },
              "formula": {
                "type": "string"
              },
              "unit": {
                "type": "string"
              }
            }
          }
        }
      },
      "TreatmentResponseRow": {
        "type": "object",
        "properties": {
          "slug": {
            "type": "string"
          },
          "treatment": {
            "type": "string"
          },
          "footnotes": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "cells": {
            "type": "object",
            "additionalProperties": {
              "$ref": "#/components/schemas/EvidenceCell"
            }
          }
        }
      },
      "EvidenceTable": {
        "type": "object",
        "required": [
          "id",
          "title",
          "citation",
          "columns",
          "rows",
          "footnotes",
          "reminder"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "number": {
            "type": "integer"
          },
          "title": {
            "type": "string"
          },
          "printedTitle": {
            "type": "string"
          },
          "titleFootnotes": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "citation": {
            "type": "object"
          },
          "dataSource": {
            "$ref": "#/components/schemas/DataOrigin",
            "description": "Table 4 only: where the data come from (the 16-patient 2004 transplant series); the printed citation is kept as printed."
          },
          "columns": {
            "type": "array",
            "items": {
              "type": "object"
            }
          },
          "rows": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "slug": {
                  "type": "string"
                },
                "parentSlug": {
                  "type": [
                    "string",
                    "null"
                  ]
                },
                "footnotes": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                },
                "cells": {
                  "type": [
                    "object",
                    "null"
                  ],
                  "additionalProperties": {
                    "$ref": "#/components/schemas/EvidenceCell"
                  }
                }
              }
            }
          },
          "footnotes": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Footnote"
            }
          },
          "comment": {
            "type": "string"
          },
          "reminder": {
            "type": "string"
          }
        }
      },
      "EvidenceStatement": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "source": {
            "type": "object",
            "properties": {
              "seed": {
                "type": "string"
              },
              "section": {
                "type": "string"
              }
            }
          },
          "quote": {
            "type": "string"
          },
          "figures": {
            "type": "array",
            "items": {
              "type": "object"
            }
          },
          "topics": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "related": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "note": {
            "type": [
              "string",
              "null"
            ]
          }
        }
      },
      "CriteriaListing": {
        "type": "object",
        "properties": {
          "criteriaSets": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "id": {
                  "$ref": "#/components/schemas/CriteriaSetID"
                },
                "version": {
                  "type": "string"
                },
                "title": {
                  "type": "string"
                },
                "citation": {
                  "type": "string"
                },
                "rule": {
                  "type": "string"
                },
                "href": {
                  "type": "string"
                }
              }
            }
          },
          "defaultCriteriaSet": {
            "$ref": "#/components/schemas/CriteriaSetID"
          },
          "engineVersion": {
            "type": "string"
          }
        }
      },
      "EvidenceRowPayload": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "title": {
            "type": "string"
          },
          "citation": {
            "type": "object"
          },
          "columns": {
            "type": "array",
            "items": {
              "type": "object"
            }
          },
          "row": {
            "$ref": "#/components/schemas/TreatmentResponseRow"
          },
          "footnotes": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Footnote"
            }
          },
          "reminder": {
            "type": "string"
          }
        }
      },
      "EvidenceStatements": {
        "type": "object",
        "properties": {
          "id": {
            "type": "string"
          },
          "title": {
            "type": "string"
          },
          "statements": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/EvidenceStatement"
            }
          },
          "reminder": {
            "type": "string"
          }
        }
      },
      "CaseSubmission": {
        "type": "object",
        "additionalProperties": false,
        "required": [
          "findings"
        ],
        "description": "The evaluation request plus the EHR patient reference and a note. Unknown fields are rejected.",
        "properties": {
          "patientRef": {
            "type": [
              "string",
              "null"
            ],
            "minLength": 1,
            "maxLength": 256
          },
          "note": {
            "type": [
              "string",
              "null"
            ],
            "maxLength": 10000
          },
          "patient": {
            "$ref": "#/components/schemas/Patient"
          },
          "findings": {
            "$ref": "#/components/schemas/Findings"
          },
          "labs": {
            "$ref": "#/components/schemas/Labs"
          }
        }
      },
      "Case": {
        "type": "object",
        "required": [
          "id",
          "createdAt",
          "updatedAt",
          "revision",
          "input",
          "evaluation",
          "criteriaSets",
          "engineVersion"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "patientRef": {
            "type": [
              "string",
              "null"
            ]
          },
          "createdAt": {
            "type": "string",
            "format": "date-time"
          },
          "updatedAt": {
            "type": "string",
            "format": "date-time"
          },
          "revision": {
            "type": "integer",
            "minimum": 1
          },
          "note": {
            "type": [
              "string",
              "null"
            ]
          },
          "input": {
            "type": "object",
            "description": "patient, findings and labs as accepted."
          },
          "evaluation": {
            "$ref": "#/components/schemas/EvaluationResponse",
            "description": "The evaluation stored with the revision, as the engine of its engineVersion produced it. Revisions stored by engine 1.0.0 read back unchanged: they carry no summary, differential, warning severity, work-up priority or treatmentEvidenceWithheld."
          },
          "criteriaSets": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "engineVersion": {
            "type": "string"
          },
          "links": {
            "type": "object",
            "properties": {
              "self": {
                "type": "string"
              },
              "revisions": {
                "type": "string"
              }
            }
          }
        }
      },
      "Revision": {
        "type": "object",
        "properties": {
          "revision": {
            "type": "integer"
          },
          "createdAt": {
            "type": "string"
          },
          "note": {
            "type": [
              "string",
              "null"
            ]
          },
          "criteriaSets": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "engineVersion": {
            "type": "string"
          },
          "deleted": {
            "type": "boolean"
          },
          "input": {
            "type": "object"
          },
          "evaluation": {
            "$ref": "#/components/schemas/EvaluationResponse",
            "description": "The evaluation stored with the revision, as the engine of its engineVersion produced it. Revisions stored by engine 1.0.0 read back unchanged: they carry no summary, differential, warning severity, work-up priority or treatmentEvidenceWithheld."
          }
        }
      },
      "CaseListing": {
        "type": "object",
        "required": [
          "items",
          "criteriaSet",
          "limit"
        ],
        "properties": {
          "items": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "id": {
                  "type": "string"
                },
                "patientRef": {
                  "type": [
                    "string",
                    "null"
                  ]
                },
                "createdAt": {
                  "type": "string"
                },
                "updatedAt": {
                  "type": "string"
                },
                "revision": {
                  "type": "integer"
                },
                "verdicts": {
                  "type": "object",
                  "additionalProperties": {
                    "$ref": "#/components/schemas/Verdict"
                  }
                },
                "href": {
                  "type": "string"
                },
                "headline": {
                  "$ref": "#/components/schemas/CaseHeadline"
                },
                "warnings": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/WarningRef"
                  }
                },
                "differential": {
                  "type": "array",
                  "description": "Condition ids of the differential.",
                  "items": {
                    "type": "string"
                  }
                },
                "undetermined": {
                  "type": "object",
                  "description": "Criteria-set id to the number of undetermined criteria.",
                  "additionalProperties": {
                    "type": "integer"
                  }
                },
                "firstWorkup": {
                  "$ref": "#/components/schemas/WorkupStep"
                }
              }
            }
          },
          "criteriaSet": {
            "type": "string"
          },
          "limit": {
            "type": "integer"
          },
          "nextCursor": {
            "type": "string",
            "description": "Pass as cursor for the next page; absent on the last page."
          }
        }
      },
      "CaseHeadline": {
        "type": "object",
        "description": "The headline criteria set of the latest evaluation and its verdict. List fields from headline to firstWorkup are absent for cases last written before they were kept.",
        "properties": {
          "criteriaSet": {
            "type": "string"
          },
          "verdict": {
            "$ref": "#/components/schemas/Verdict"
          }
        }
      },
      "WarningRef": {
        "type": "object",
        "properties": {
          "code": {
            "type": "string"
          },
          "severity": {
            "type": "string",
            "enum": [
              "info",
              "warning",
              "critical"
            ]
          }
        }
      },
      "WorkupStep": {
        "type": "object",
        "description": "The first step of the suggested work-up.",
        "properties": {
          "id": {
            "type": "string"
          },
          "name": {
            "type": "string"
          },
          "priority": {
            "type": "integer"
          }
        }
      },
      "ChangePage": {
        "type": "object",
        "required": [
          "items",
          "nextAfter",
          "more"
        ],
        "properties": {
          "items": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Change"
            }
          },
          "nextAfter": {
            "type": "integer",
            "description": "Pass as after next time: the last seq of this page, or after when empty."
          },
          "more": {
            "type": "boolean",
            "description": "The page is full: poll again at once."
          }
        }
      },
      "Change": {
        "type": "object",
        "required": [
          "seq",
          "caseId",
          "kind",
          "revision",
          "at"
        ],
        "properties": {
          "seq": {
            "type": "integer",
            "description": "Commit order, from 1."
          },
          "caseId": {
            "type": "string"
          },
          "kind": {
            "type": "string",
            "enum": [
              "created",
              "updated",
              "deleted"
            ]
          },
          "revision": {
            "type": "integer",
            "description": "The case's revision after the write; for a deletion, its last."
          },
          "at": {
            "type": "string",
            "format": "date-time"
          },
          "href": {
            "type": "string",
            "description": "The case; absent for a tombstone."
          }
        }
      },
      "Stats": {
        "type": "object",
        "properties": {
          "cases": {
            "type": "integer"
          },
          "verdicts": {
            "type": "object",
            "additionalProperties": {
              "type": "object",
              "additionalProperties": {
                "type": "integer"
              }
            }
          },
          "criteria": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "criteriaSet": {
                  "type": "string"
                },
                "criterion": {
                  "type": "string"
                },
                "met": {
                  "type": "integer"
                },
                "notMet": {
                  "type": "integer"
                },
                "unknown": {
                  "type": "integer"
                },
                "assessed": {
                  "type": "integer",
                  "description": "met + notMet: the cases where the criterion was assessed."
                },
                "metPercentOfAssessed": {
                  "type": "number",
                  "description": "met / assessed, %, one decimal; absent when none was assessed."
                },
                "table2": {
                  "type": [
                    "object",
                    "null"
                  ],
                  "properties": {
                    "row": {
                      "type": "string"
                    },
                    "feature": {
                      "type": "string"
                    },
                    "percent": {
                      "type": [
                        "integer",
                        "null"
                      ],
                      "description": "Table 2's printed percentage."
                    },
                    "n": {
                      "type": "integer",
                      "description": "The denominator of that percentage: the series' size (99)."
                    },
                    "cell": {
                      "$ref": "#/components/schemas/EvidenceCell"
                    }
                  }
                }
              }
            }
          },
          "filters": {
            "type": "object",
            "properties": {
              "criteria": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              },
              "since": {
                "type": "string"
              },
              "until": {
                "type": "string"
              }
            }
          },
          "asOf": {
            "type": "object",
            "description": "The change-feed position the counts include: every change up to seq, none after.",
            "properties": {
              "seq": {
                "type": "integer"
              },
              "at": {
                "type": "string"
              }
            }
          },
          "table2Series": {
            "type": "string"
          },
          "note": {
            "type": "string"
          },
          "cdsFeedback": {
            "type": "object",
            "properties": {
              "accepted": {
                "type": "integer"
              },
              "overridden": {
                "type": "integer"
              },
              "overrideReasons": {
                "type": "object",
                "additionalProperties": {
                  "type": "integer"
                }
              }
            }
          }
        }
      },
      "AuditPage": {
        "type": "object",
        "properties": {
          "events": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "id": {
                  "type": "integer"
                },
                "at": {
                  "type": "string",
                  "format": "date-time"
                },
                "key": {
                  "type": [
                    "string",
                    "null"
                  ]
                },
                "action": {
                  "type": "string"
                },
                "method": {
                  "type": "string"
                },
                "route": {
                  "type": "string"
                },
                "caseId": {
                  "type": [
                    "string",
                    "null"
                  ]
                },
                "status": {
                  "type": "integer"
                },
                "requestId": {
                  "type": "string"
                },
                "clientAddress": {
                  "type": [
                    "string",
                    "null"
                  ]
                }
              }
            }
          },
          "nextCursor": {
            "type": "string"
          }
        }
      },
      "Patient": {
        "type": [
          "object",
          "null"
        ],
        "additionalProperties": false,
        "properties": {
          "sex": {
            "type": [
              "string",
              "null"
            ],
            "enum": [
              "female",
              "male",
              null
            ]
          },
          "ageYears": {
            "type": [
              "number",
              "null"
            ],
            "minimum": 0,
            "maximum": 150
          }
        }
      },
      "Findings": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "polyneuropathy": {
            "type": [
              "boolean",
              "null"
            ],
            "description": "true present, false absent, null or omitted not assessed."
          },
          "monoclonalPlasmaCellDisorder": {
            "type": [
              "boolean",
              "null"
            ],
            "description": "true present, false absent, null or omitted not assessed."
          },
          "monoclonalLightChain": {
            "type": [
              "string",
              "null"
            ],
            "enum": [
              "lambda",
              "kappa",
              null
            ]
          },
          "monoclonalHeavyChain": {
            "type": [
              "string",
              "null"
            ],
            "enum": [
              "IgG",
              "IgA",
              "IgM",
              "light-chain-only",
              null
            ],
            "description": "Heavy-chain class of the M-protein. In POEMS it is IgG or IgA, almost always lambda; IgM opens the igm-neuropathy differential (REFERENCES.md: Dispenzieri, Am J Hematol update; Chaudhry et al., Mayo Clin Proc 2017). Rejected with monoclonalPlasmaCellDisorder false."
          },
          "mProteinTests": {
            "type": [
              "object",
              "null"
            ],
            "additionalProperties": false,
            "description": "Which tests looked for the M-protein: true done, false not done, null or omitted not reported. The disorder reported absent without serum and urine immunofixation and serum free light chains raises m-protein-possibly-missed (seed 004: electrophoresis alone misses it in nearly one third).",
            "properties": {
              "serumElectrophoresis": {
                "type": [
                  "boolean",
                  "null"
                ],
                "description": "Serum protein electrophoresis."
              },
              "serumImmunofixation": {
                "type": [
                  "boolean",
                  "null"
                ],
                "description": "Serum immunofixation."
              },
              "urineImmunofixation": {
                "type": [
                  "boolean",
                  "null"
                ],
                "description": "Urine immunofixation."
              },
              "serumFreeLightChains": {
                "type": [
                  "boolean",
                  "null"
                ],
                "description": "Serum free light chain assay."
              },
              "lesionBiopsy": {
                "type": [
                  "boolean",
                  "null"
                ],
                "description": "Biopsy of a lesion (e.g. a sclerotic bone lesion) for clonal plasma cells."
              }
            }
          },
          "amyloidOnBiopsy": {
            "type": [
              "boolean",
              "null"
            ],
            "description": "Amyloid found on any tissue biopsy: true opens the al-amyloidosis differential; null with neuropathy and a plasma cell disorder (IMWG 2014 not met) opens it as not looked for (seed 002; seed 004)."
          },
          "castlemanDisease": {
            "type": [
              "boolean",
              "null"
            ],
            "description": "true present, false absent, null or omitted not assessed."
          },
          "scleroticBoneLesions": {
            "type": [
              "boolean",
              "null"
            ],
            "description": "true present, false absent, null or omitted not assessed."
          },
          "boneLesionExtent": {
            "type": [
              "string",
              "null"
            ],
            "enum": [
              "solitary",
              "limited",
              "widespread",
              null
            ]
          },
          "vegfElevated": {
            "type": [
              "boolean",
              "null"
            ],
            "description": "true present, false absent, null or omitted not assessed."
          },
          "organomegaly": {
            "description": "Organomegaly. Either a boolean for the whole criterion, or an object of its parts: any part true makes it met, all false not met, otherwise unknown.",
            "oneOf": [
              {
                "type": [
                  "boolean",
                  "null"
                ]
              },
              {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                  "splenomegaly": {
                    "type": [
                      "boolean",
                      "null"
                    ],
                    "description": "true present, false absent, null or omitted not assessed."
                  },
                  "hepatomegaly": {
                    "type": [
                      "boolean",
                      "null"
                    ],
                    "description": "true present, false absent, null or omitted not assessed."
                  },
                  "lymphadenopathy": {
                    "type": [
                      "boolean",
                      "null"
                    ],
                    "description": "true present, false absent, null or omitted not assessed."
                  }
                }
              }
            ]
          },
          "extravascularVolumeOverload": {
            "description": "Extravascular volume overload. Either a boolean for the whole criterion, or an object of its parts: any part true makes it met, all false not met, otherwise unknown.",
            "oneOf": [
              {
                "type": [
                  "boolean",
                  "null"
                ]
              },
              {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                  "peripheralEdema": {
                    "type": [
                      "boolean",
                      "null"
                    ],
                    "description": "true present, false absent, null or omitted not assessed."
                  },
                  "pleuralEffusion": {
                    "type": [
                      "boolean",
                      "null"
                    ],
                    "description": "true present, false absent, null or omitted not assessed."
                  },
                  "ascites": {
                    "type": [
                      "boolean",
                      "null"
                    ],
                    "description": "true present, false absent, null or omitted not assessed."
                  }
                }
              }
            ]
          },
          "endocrinopathy": {
            "description": "Endocrinopathy; pancreatic means diabetes mellitus; thyroid and/or pancreatic alone do not meet it (Table 1 footnote). Either a boolean for the whole criterion, or an object of its parts: any part true makes it met, all false not met, otherwise unknown.",
            "oneOf": [
              {
                "type": [
                  "boolean",
                  "null"
                ]
              },
              {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                  "adrenal": {
                    "type": [
                      "boolean",
                      "null"
                    ],
                    "description": "true present, false absent, null or omitted not assessed."
                  },
                  "thyroid": {
                    "type": [
                      "boolean",
                      "null"
                    ],
                    "description": "true present, false absent, null or omitted not assessed."
                  },
                  "pituitary": {
                    "type": [
                      "boolean",
                      "null"
                    ],
                    "description": "true present, false absent, null or omitted not assessed."
                  },
                  "gonadal": {
                    "type": [
                      "boolean",
                      "null"
                    ],
                    "description": "true present, false absent, null or omitted not assessed."
                  },
                  "parathyroid": {
                    "type": [
                      "boolean",
                      "null"
                    ],
                    "description": "true present, false absent, null or omitted not assessed."
                  },
                  "pancreatic": {
                    "type": [
                      "boolean",
                      "null"
                    ],
                    "description": "true present, false absent, null or omitted not assessed."
                  }
                }
              }
            ]
          },
          "skinChanges": {
            "description": "Skin changes. Either a boolean for the whole criterion, or an object of its parts: any part true makes it met, all false not met, otherwise unknown.",
            "oneOf": [
              {
                "type": [
                  "boolean",
                  "null"
                ]
              },
              {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                  "hyperpigmentation": {
                    "type": [
                      "boolean",
                      "null"
                    ],
                    "description": "true present, false absent, null or omitted not assessed."
                  },
                  "hypertrichosis": {
                    "type": [
                      "boolean",
                      "null"
                    ],
                    "description": "true present, false absent, null or omitted not assessed."
                  },
                  "hemangiomata": {
                    "type": [
                      "boolean",
                      "null"
                    ],
                    "description": "true present, false absent, null or omitted not assessed."
                  },
                  "plethora": {
                    "type": [
                      "boolean",
                      "null"
                    ],
                    "description": "true present, false absent, null or omitted not assessed."
                  },
                  "acrocyanosis": {
                    "type": [
                      "boolean",
                      "null"
                    ],
                    "description": "true present, false absent, null or omitted not assessed."
                  },
                  "flushing": {
                    "type": [
                      "boolean",
                      "null"
                    ],
                    "description": "true present, false absent, null or omitted not assessed."
                  },
                  "whiteNails": {
                    "type": [
                      "boolean",
                      "null"
                    ],
                    "description": "true present, false absent, null or omitted not assessed."
                  }
                }
              }
            ]
          },
          "papilledema": {
            "type": [
              "boolean",
              "null"
            ],
            "description": "true present, false absent, null or omitted not assessed."
          },
          "thrombocytosis": {
            "type": [
              "boolean",
              "null"
            ],
            "description": "true present, false absent, null or omitted not assessed."
          },
          "polycythemia": {
            "type": [
              "boolean",
              "null"
            ],
            "description": "true present, false absent, null or omitted not assessed."
          },
          "clubbing": {
            "type": [
              "boolean",
              "null"
            ],
            "description": "true present, false absent, null or omitted not assessed."
          },
          "weightLoss": {
            "type": [
              "boolean",
              "null"
            ],
            "description": "true present, false absent, null or omitted not assessed."
          },
          "hyperhidrosis": {
            "type": [
              "boolean",
              "null"
            ],
            "description": "true present, false absent, null or omitted not assessed."
          },
          "pulmonaryHypertension": {
            "type": [
              "boolean",
              "null"
            ],
            "description": "true present, false absent, null or omitted not assessed."
          },
          "restrictiveLungDisease": {
            "type": [
              "boolean",
              "null"
            ],
            "description": "true present, false absent, null or omitted not assessed."
          },
          "thromboticDiathesis": {
            "type": [
              "boolean",
              "null"
            ],
            "description": "true present, false absent, null or omitted not assessed."
          },
          "arthralgias": {
            "type": [
              "boolean",
              "null"
            ],
            "description": "true present, false absent, null or omitted not assessed."
          },
          "cardiomyopathy": {
            "type": [
              "boolean",
              "null"
            ],
            "description": "true present, false absent, null or omitted not assessed."
          },
          "fever": {
            "type": [
              "boolean",
              "null"
            ],
            "description": "true present, false absent, null or omitted not assessed."
          },
          "lowVitaminB12": {
            "type": [
              "boolean",
              "null"
            ],
            "description": "true present, false absent, null or omitted not assessed."
          },
          "diarrhea": {
            "type": [
              "boolean",
              "null"
            ],
            "description": "true present, false absent, null or omitted not assessed."
          }
        }
      },
      "Labs": {
        "type": [
          "object",
          "null"
        ],
        "additionalProperties": false,
        "properties": {
          "serumVegfPgPerMl": {
            "type": [
              "number",
              "null"
            ],
            "minimum": 0,
            "description": "Serum VEGF, pg/mL. Elevated at 1040 and above by default (REFERENCES.md: normal below 1040).",
            "maximum": 100000
          },
          "plasmaVegfPgPerMl": {
            "type": [
              "number",
              "null"
            ],
            "minimum": 0,
            "description": "Plasma VEGF, pg/mL. Elevated above 200 by default (REFERENCES.md: 95% specific); decides when serum is also given.",
            "maximum": 100000
          },
          "vegfUpperLimitPgPerMl": {
            "type": [
              "number",
              "null"
            ],
            "exclusiveMinimum": 0,
            "description": "The laboratory's upper limit for the VEGF assay given; not allowed with both serum and plasma values.",
            "maximum": 100000
          },
          "plateletCount10e9PerL": {
            "type": [
              "number",
              "null"
            ],
            "minimum": 1,
            "description": "Platelets, 10^9/L. A value above 5000 looks like a count per microliter and is refused.",
            "maximum": 5000
          },
          "hemoglobinGPerDl": {
            "type": [
              "number",
              "null"
            ],
            "minimum": 1,
            "description": "Hemoglobin, g/dL. A value above 25 looks like g/L and is refused.",
            "maximum": 25
          },
          "boneMarrowPlasmaCellPercent": {
            "type": [
              "number",
              "null"
            ],
            "minimum": 0,
            "maximum": 100,
            "description": "Bone-marrow clonal plasma cells, % (IMWG 2014: 10% or more is myeloma-defining)."
          },
          "calciumMgPerDl": {
            "type": [
              "number",
              "null"
            ],
            "minimum": 4,
            "maximum": 25,
            "description": "Serum calcium, mg/dL (IMWG 2014: above 11 is hypercalcemia). A value of 2–3 looks like mmol/L and is refused."
          },
          "creatinineMgPerDl": {
            "type": [
              "number",
              "null"
            ],
            "minimum": 0.1,
            "maximum": 30,
            "description": "Serum creatinine, mg/dL (IMWG 2014: above 2 is renal insufficiency). A value above 30 looks like µmol/L and is refused."
          }
        },
        "description": "Laboratory values in the units their names state. A value outside the physiological range of its unit is refused with 400 and a detail naming the likely unit mistake (REFERENCES.md, physiological ranges)."
      },
      "DifferentialEntry": {
        "type": "object",
        "required": [
          "condition",
          "name",
          "reasons",
          "toExclude",
          "sources",
          "note"
        ],
        "description": "An alternative diagnosis left open by the findings; not a diagnosis.",
        "properties": {
          "condition": {
            "type": "string",
            "enum": [
              "cidp",
              "multiple-myeloma",
              "al-amyloidosis",
              "igm-neuropathy",
              "castleman-disease-variant"
            ]
          },
          "name": {
            "type": "string"
          },
          "reasons": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "toExclude": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "sources": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "note": {
            "type": "string"
          }
        }
      },
      "DataOrigin": {
        "type": "object",
        "required": [
          "text",
          "citation",
          "source"
        ],
        "properties": {
          "text": {
            "type": "string"
          },
          "citation": {
            "type": "string"
          },
          "source": {
            "type": "string"
          }
        }
      },
      "FHIRBundle": {
        "type": "object",
        "description": "A FHIR R4 Bundle (collection, searchset, transaction or batch) of Patient, Observation and Condition resources (Specimen resources are read for a VEGF result's specimen). Elements poemsd does not read are not checked.",
        "required": [
          "resourceType",
          "type"
        ],
        "properties": {
          "resourceType": {
            "const": "Bundle"
          },
          "type": {
            "enum": [
              "collection",
              "searchset",
              "transaction",
              "batch"
            ]
          },
          "entry": {
            "type": "array",
            "items": {
              "type": "object"
            }
          }
        }
      },
      "OperationOutcome": {
        "type": "object",
        "required": [
          "resourceType",
          "issue"
        ],
        "properties": {
          "resourceType": {
            "const": "OperationOutcome"
          },
          "issue": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "severity",
                "code",
                "diagnostics",
                "expression"
              ],
              "properties": {
                "severity": {
                  "const": "error"
                },
                "code": {
                  "enum": [
                    "structure",
                    "required",
                    "value",
                    "not-supported"
                  ]
                },
                "diagnostics": {
                  "type": "string"
                },
                "expression": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  },
                  "description": "FHIRPath of the element at fault, e.g. Bundle.entry[1].resource.valueQuantity.value"
                }
              }
            }
          }
        }
      },
      "FHIRProvenance": {
        "type": "object",
        "required": [
          "target",
          "resources",
          "details"
        ],
        "properties": {
          "target": {
            "type": "string",
            "description": "JSON pointer of the value in the input, e.g. /labs/hemoglobinGPerDl"
          },
          "resources": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "details": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "resource"
              ],
              "properties": {
                "resource": {
                  "type": "string"
                },
                "date": {
                  "type": "string"
                },
                "verificationStatus": {
                  "type": "string"
                },
                "reported": {
                  "type": "string"
                },
                "evidence": {
                  "enum": [
                    "confirmed",
                    "corroborated",
                    "local"
                  ]
                }
              }
            }
          }
        }
      },
      "FHIRUnmapped": {
        "type": "object",
        "required": [
          "resource",
          "expression",
          "reason"
        ],
        "properties": {
          "resource": {
            "type": "string"
          },
          "expression": {
            "type": "string"
          },
          "coding": {
            "type": "object",
            "properties": {
              "system": {
                "type": "string"
              },
              "code": {
                "type": "string"
              },
              "display": {
                "type": "string"
              }
            }
          },
          "reason": {
            "type": "string"
          }
        }
      },
      "InputWarning": {
        "type": "object",
        "required": [
          "code",
          "target",
          "resources",
          "message"
        ],
        "properties": {
          "code": {
            "enum": [
              "conflicting-resources",
              "unresolved-conflict"
            ]
          },
          "target": {
            "type": "string"
          },
          "resources": {
            "type": "array",
            "items": {
              "type": "string"
            }
          },
          "message": {
            "type": "string"
          }
        }
      },
      "TerminologyRow": {
        "type": "object",
        "required": [
          "system",
          "code",
          "kind",
          "target",
          "source",
          "evidence"
        ],
        "properties": {
          "system": {
            "type": "string"
          },
          "code": {
            "type": "string"
          },
          "display": {
            "type": "string"
          },
          "kind": {
            "enum": [
              "finding",
              "lab",
              "monoclonal-protein",
              "specimen",
              "recorded"
            ]
          },
          "target": {
            "type": "string"
          },
          "source": {
            "type": "string"
          },
          "evidence": {
            "enum": [
              "confirmed",
              "corroborated",
              "local"
            ]
          },
          "origin": {
            "enum": [
              "seed",
              "imported"
            ]
          },
          "importedAt": {
            "type": "string"
          },
          "overridesSeed": {
            "type": "boolean"
          }
        }
      },
      "TerminologyListing": {
        "type": "object",
        "required": [
          "rows",
          "note"
        ],
        "properties": {
          "rows": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/TerminologyRow"
            }
          },
          "note": {
            "type": "string"
          }
        }
      },
      "CDSDiscovery": {
        "type": "object",
        "required": [
          "services"
        ],
        "properties": {
          "services": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "hook",
                "id",
                "title",
                "description",
                "prefetch"
              ],
              "properties": {
                "hook": {
                  "type": "string"
                },
                "id": {
                  "type": "string"
                },
                "title": {
                  "type": "string"
                },
                "description": {
                  "type": "string"
                },
                "prefetch": {
                  "type": "object",
                  "additionalProperties": {
                    "type": "string"
                  }
                },
                "usageRequirements": {
                  "type": "string"
                }
              }
            }
          }
        }
      },
      "CDSRequest": {
        "type": "object",
        "required": [
          "hook",
          "hookInstance",
          "context"
        ],
        "properties": {
          "hook": {
            "type": "string"
          },
          "hookInstance": {
            "type": "string"
          },
          "context": {
            "type": "object",
            "required": [
              "patientId"
            ],
            "properties": {
              "patientId": {
                "type": "string"
              }
            }
          },
          "prefetch": {
            "type": "object",
            "properties": {
              "patient": {
                "type": "object"
              },
              "conditions": {
                "type": "object"
              },
              "observations": {
                "type": "object"
              }
            }
          },
          "fhirServer": {
            "type": "string",
            "format": "uri"
          },
          "fhirAuthorization": {
            "type": "object",
            "required": [
              "access_token",
              "token_type"
            ],
            "properties": {
              "access_token": {
                "type": "string"
              },
              "token_type": {
                "type": "string"
              },
              "expires_in": {
                "type": "integer"
              },
              "scope": {
                "type": "string"
              },
              "subject": {
                "type": "string"
              }
            }
          }
        }
      },
      "CDSCard": {
        "type": "object",
        "required": [
          "uuid",
          "summary",
          "detail",
          "indicator",
          "source"
        ],
        "properties": {
          "uuid": {
            "type": "string"
          },
          "summary": {
            "type": "string",
            "maxLength": 139
          },
          "detail": {
            "type": "string",
            "description": "Markdown"
          },
          "indicator": {
            "enum": [
              "info",
              "warning",
              "critical"
            ]
          },
          "source": {
            "type": "object",
            "required": [
              "label"
            ],
            "properties": {
              "label": {
                "type": "string"
              },
              "url": {
                "type": "string"
              }
            }
          },
          "links": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "label",
                "url",
                "type"
              ],
              "properties": {
                "label": {
                  "type": "string"
                },
                "url": {
                  "type": "string"
                },
                "type": {
                  "const": "absolute"
                }
              }
            }
          }
        }
      },
      "CDSCards": {
        "type": "object",
        "required": [
          "cards"
        ],
        "properties": {
          "cards": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/CDSCard"
            }
          }
        }
      },
      "CDSFeedback": {
        "type": "object",
        "required": [
          "feedback"
        ],
        "properties": {
          "feedback": {
            "type": "array",
            "minItems": 1,
            "maxItems": 100,
            "items": {
              "type": "object",
              "required": [
                "card",
                "outcome",
                "outcomeTimestamp"
              ],
              "properties": {
                "card": {
                  "type": "string"
                },
                "outcome": {
                  "enum": [
                    "accepted",
                    "overridden"
                  ]
                },
                "overrideReason": {
                  "type": "object",
                  "properties": {
                    "reason": {
                      "type": "object",
                      "properties": {
                        "system": {
                          "type": "string"
                        },
                        "code": {
                          "type": "string"
                        },
                        "display": {
                          "type": "string"
                        }
                      }
                    },
                    "userComment": {
                      "type": "string",
                      "description": "Not stored."
                    }
                  }
                },
                "outcomeTimestamp": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "securitySchemes": {
      "bearer": {
        "type": "http",
        "scheme": "bearer",
        "description": "An API key token (poemsd_…). Roles: reader (criteria, evidence, evaluations, reading cases and stats), writer (also creating, updating and deleting cases), admin (also the audit trail)."
      },
      "cdsJWT": {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "A JWT signed by a trusted CDS client (--cds-issuer): alg ES384 or RS384, kid of its JWKS, aud = the public URL of the endpoint, exp/iat, jti never replayed."
      }
    }
  },
  "tags": [
    {
      "name": "operations"
    },
    {
      "name": "criteria"
    },
    {
      "name": "evidence"
    },
    {
      "name": "cases"
    },
    {
      "name": "audit"
    },
    {
      "name": "fhir",
      "description": "FHIR R4 input and the terminology map."
    },
    {
      "name": "cds-hooks",
      "description": "CDS Hooks 2.0: discovery, service calls authorized by the EHR's signed JWT, card feedback."
    }
  ],
  "security": [
    {
      "bearer": []
    }
  ]
}
"""#
}
