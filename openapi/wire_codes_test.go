package openapi_test

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/apierr/cryptopay"
	"github.com/errkit/errkit/apierr/nexpaylegacy"
	"github.com/errkit/errkit/apierr/nextapi"
	"github.com/errkit/errkit/apierr/payout"
	"github.com/errkit/errkit/apierr/problem"
	"github.com/errkit/errkit/openapi"
)

// Every code of every contract's catalogue, as RenderMeta sends it and
// with a custom message, passes CheckResponse on an operation that lists
// it alone: also where the contract sends several codes under one wire code
// (Payout's field codes) and tells them apart by message only.
func TestCheckResponseEveryCode(t *testing.T) {
	for _, c := range []apierr.Contract{apierr.Nexpay, nexpaylegacy.Contract, nextapi.Contract, payout.Contract, cryptopay.Contract, problem.Contract} {
		t.Run(c.Name(), func(t *testing.T) {
			var codes []apierr.Code
			var spec strings.Builder
			spec.WriteString("openapi: 3.1.0\ninfo: {title: t, version: \"1\"}\npaths:\n")
			for _, code := range c.Catalogue().Codes() {
				if code.Status() >= 400 {
					fmt.Fprintf(&spec, "  /v1/c%d:\n    post:\n      responses:\n        \"204\": {description: Done.}\n", len(codes))
					codes = append(codes, code)
				}
			}
			doc, err := openapi.Load([]byte(spec.String()))
			if err != nil {
				t.Fatal(err)
			}
			for i, code := range codes {
				openapi.SetCodes(doc.Paths.Find(fmt.Sprintf("/v1/c%d", i)).Post, code)
			}
			if err := openapi.Merge(doc, c); err != nil {
				t.Fatal(err)
			}
			v, err := openapi.NewValidator(doc, openapi.OutsideOperations(c))
			if err != nil {
				t.Fatal(err)
			}
			for i, code := range codes {
				for _, e := range []*apierr.Error{apierr.New(code), apierr.New(code).Msg("Thing th_42 is not right")} {
					w := httptest.NewRecorder()
					r := httptest.NewRequest("POST", fmt.Sprintf("/v1/c%d", i), nil)
					_ = apierr.RenderMeta(w, c, e, apierr.Meta{RequestID: "req-1"})
					w.Header().Set("X-Request-Id", "req-1")
					if err := v.CheckResponse(r, w.Code, w.Header(), w.Body.Bytes()); err != nil {
						t.Errorf("%s (%q): %v\n%s", code.ID(), e.Text(), err, strings.TrimSpace(w.Body.String()))
					}
				}
			}
		})
	}
}
