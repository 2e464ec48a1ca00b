package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/errkit/errkit/openapi"
	"github.com/getkin/kin-openapi/openapi3"
)

func cmdOpenAPI(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("openapi", stderr, "errkit openapi [--contract nexpay] [--version 3.1|3.0] [--format yaml|json] [--merge spec.yaml]\n\n"+
		"Writes the contract's error schemas, examples (one per code) and responses\n"+
		"(one per status) as an OpenAPI document. With --merge, adds them to the\n"+
		"spec's components instead, leaving the spec's own components as they are;\n"+
		"the spec's version then decides, and the format defaults to the spec's.")
	name := fs.String("contract", "nexpay", "the contract")
	version := fs.String("version", "3.1", "the OpenAPI version: 3.1 or 3.0")
	format := fs.String("format", "yaml", "the output format: yaml or json")
	merge := fs.String("merge", "", "a spec (YAML or JSON) to merge the components into")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	fail := func(code int, err error) int {
		fmt.Fprintln(stderr, "errkit openapi:", strings.TrimPrefix(err.Error(), "openapi: "))
		return code
	}
	if fs.NArg() > 0 {
		return fail(2, fmt.Errorf("unexpected argument %q", fs.Arg(0)))
	}
	c, err := contract(*name)
	if err != nil {
		return fail(2, err)
	}
	v, err := openapi.ParseVersion(*version)
	if err != nil {
		return fail(2, err)
	}
	if *merge != "" && !set["format"] && strings.HasSuffix(strings.ToLower(*merge), ".json") {
		*format = "json"
	}
	f, err := openapi.ParseFormat(*format)
	if err != nil {
		return fail(2, err)
	}

	var doc *openapi3.T
	if *merge == "" {
		if doc, err = openapi.Document(c, v); err != nil {
			return fail(1, err)
		}
	} else {
		if doc, err = openapi.LoadFile(*merge); err != nil {
			return fail(1, fmt.Errorf("%s: %s", *merge, strings.TrimPrefix(err.Error(), "openapi: ")))
		}
		if sv, _ := openapi.ParseVersion(doc.OpenAPI); set["version"] && sv != v {
			return fail(2, fmt.Errorf("%s is OpenAPI %s, not %s: drop --version or convert the spec", *merge, doc.OpenAPI, v))
		}
		if err := openapi.Merge(doc, c); err != nil {
			return fail(1, fmt.Errorf("%s: %s", *merge, strings.TrimPrefix(err.Error(), "openapi: ")))
		}
		if err := openapi.Validate(doc); err != nil {
			fmt.Fprintf(stderr, "errkit openapi: warning: the merged spec does not validate: %v\n", err)
		}
	}
	out, err := openapi.Marshal(doc, f)
	if err != nil {
		return fail(1, err)
	}
	if _, err := stdout.Write(out); err != nil {
		return fail(1, err)
	}
	return 0
}
