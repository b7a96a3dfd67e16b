"""OpenAPI 2.0 / 3.0 / 3.1 / 3.2 descriptions as a spec kind: reading with sandboxed ``$ref``s,
validation beyond schema validity, traceability and searchable reference pages."""
