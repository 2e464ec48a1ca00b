// Package openapi documents a contract's errors in OpenAPI: the error body's
// schemas and one response per status, with a real rendered example per code.
//
// [Document] builds a standalone OpenAPI 3.1 or 3.0 document, [Merge] adds the
// same components to a team's own spec without touching theirs, and
// [AddResponses] attaches to an operation the error responses it can return.
// Everything is computed from the contract's catalogue and rendered by the
// contract itself, so the documents say what the server sends.
//
// A contract describes its body by implementing [SchemaProvider]; for one that
// does not, the body is documented as a JSON object and shown by its examples.
package openapi
