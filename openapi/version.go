package openapi

import (
	"fmt"
	"strings"
)

// A Version is the OpenAPI version a document is written for.
type Version string

// The versions documents are generated for.
const (
	V31 Version = "3.1" // OpenAPI 3.1.0: JSON Schema 2020-12, type arrays, examples
	V30 Version = "3.0" // OpenAPI 3.0.3: nullable, one example per schema
)

// ParseVersion reads "3.1", "3.0" or a full version such as "3.0.3".
func ParseVersion(s string) (Version, error) {
	switch {
	case s == "3.1" || strings.HasPrefix(s, "3.1."):
		return V31, nil
	case s == "3.0" || strings.HasPrefix(s, "3.0."):
		return V30, nil
	}
	return "", fmt.Errorf("openapi: unknown version %q (want 3.1 or 3.0)", s)
}

// full is the version written in the document's openapi field.
func (v Version) full() string {
	if v == V30 {
		return "3.0.3"
	}
	return "3.1.0"
}

func (v Version) valid() bool { return v == V31 || v == V30 }
