// Package openapi documents a contract's errors in OpenAPI, serves the
// document and holds requests and responses to it.
//
// Document: [Document] builds a standalone OpenAPI 3.1 or 3.0 document of a
// contract's error schemas and responses, with a real rendered example per
// code. [Merge] adds them to a team's own spec ([Load], [LoadFile]) and
// documents on every operation the errors it can send: the codes of its
// [CodesExtension] (x-errkit-codes, or [SetCodes]) and those every
// operation of its kind meets (401 with security, 413/415 with a body,
// 409/422 with an idempotency key, 429, 500, 503). The merge is idempotent,
// and a spec may refer to the components it adds before they exist.
// [AddResponses] does the same for one operation. Everything is computed
// from the contract's catalogue and rendered by the contract itself, so the
// documents say what the server sends.
//
// Serve: [Handler] serves a document as JSON and YAML with an ETag per
// format, on any door.
//
// Enforce: a [Validator] (kin-openapi's openapi3filter) refuses requests
// the document does not allow with the same conditions and field lists as
// the validation package ([Validator.CheckRequest], [Validator.Handler]),
// and in tests fails responses it does not allow
// ([Validator.CheckResponse]): a status, header or body it does not
// document, a missing X-Request-Id, an error code the response does not
// list.
//
// A contract describes its body by implementing [SchemaProvider]; for one
// that does not, the body is documented as a JSON object and shown by its
// examples. docs/openapi.md walks a team through all of it.
package openapi
