package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/errkit/errkit/openapi"
	"github.com/getkin/kin-openapi/openapi3"
)

const openapiAbout = `errkit openapi [--contract nexpay] [--version 3.1|3.0] [--format yaml|json] [--merge spec.yaml] [--codes codes.txt] [-o file]

Writes the contract's error schemas, examples (one per code) and responses
(one per status) as an OpenAPI document.

With --merge, adds them to the spec's components instead, leaving the
spec's own as they are, and documents on every operation the errors it can
send: the codes its x-errkit-codes extension lists, and those every
operation of its kind meets (429, 500 and 503; 401 with security; 400 with
parameters or a body; 413, 415 and validation with a body; 409 and 422 with
an Idempotency-Key header). The spec may refer to the components before
they exist ($ref: '#/components/responses/NexpayError404'). Merging the
output again gives the same output. The spec's version then decides, and
the format defaults to the spec's.

With --codes, a team's own codes (the codes file errkit gen reads) are
documented too, and x-errkit-codes may name them.`

func cmdOpenAPI(args []string, stdout, stderr io.Writer) int {
	c := newCommand("openapi", stdout, stderr, openapiAbout)
	name := c.fs.String("contract", "nexpay", "the `contract`: "+contractNames())
	version := c.fs.String("version", "3.1", "the OpenAPI `version`: 3.1 or 3.0")
	format := c.fs.String("format", "yaml", "the output `format`: yaml or json")
	merge := c.fs.String("merge", "", "a `spec` (YAML or JSON) to merge the errors into")
	codes := c.fs.String("codes", "", "a team's codes `file` (the format of apierr/codes.txt) to document too")
	if code := c.parse(args); code >= 0 {
		return code
	}
	ct, err := contract(*name)
	if err != nil {
		return c.fail(exitUsage, flagError("contract", err))
	}
	if *codes != "" {
		if err := registerCodes(ct, *codes); err != nil {
			return c.fail(exitFailed, flagError("codes", err))
		}
	}
	v, err := openapi.ParseVersion(*version)
	if err != nil {
		return c.fail(exitUsage, flagError("version", err))
	}
	if *merge != "" && !c.set("format") && strings.HasSuffix(strings.ToLower(*merge), ".json") {
		*format = "json"
	}
	f, err := openapi.ParseFormat(*format)
	if err != nil {
		return c.fail(exitUsage, flagError("format", err))
	}

	var doc *openapi3.T
	if *merge == "" {
		if doc, err = openapi.Document(ct, v); err != nil {
			return c.fail(exitFailed, err)
		}
	} else {
		mergeErr := func(err error) error {
			return fmt.Errorf("--merge %s: %s", *merge, strings.TrimPrefix(err.Error(), "openapi: "))
		}
		if doc, err = openapi.LoadFile(*merge); err != nil {
			return c.fail(exitFailed, mergeErr(err))
		}
		if sv, _ := openapi.ParseVersion(doc.OpenAPI); c.set("version") && sv != v {
			return c.fail(exitUsage, fmt.Errorf("--version %s: %s is OpenAPI %s: drop --version or convert the spec", v, *merge, doc.OpenAPI))
		}
		if err := openapi.Merge(doc, ct); err != nil {
			return c.fail(exitFailed, mergeErr(err))
		}
		if err := openapi.Validate(doc); err != nil {
			fmt.Fprintf(stderr, "errkit openapi: warning: the merged spec does not validate: %s\n", strings.TrimPrefix(err.Error(), "openapi: "))
		}
	}
	out, err := openapi.Marshal(doc, f)
	if err != nil {
		return c.fail(exitFailed, err)
	}
	return c.write(out)
}
