package openapi

import (
	"slices"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
	"github.com/getkin/kin-openapi/openapi3"
)

func TestAddResponses(t *testing.T) {
	for _, v := range []struct {
		name, spec string
	}{{"3.1", userSpec31}, {"3.0", strings.Replace(strings.Replace(userSpec31, "3.1.0", "3.0.3", 1), `{type: [string, "null"]}`, `{type: string, nullable: true}`, 1)}} {
		t.Run(v.name, func(t *testing.T) {
			doc := mustLoad(t, v.spec)
			op := doc.Paths.Value("/v2/payments/{id}").Get
			if err := AddResponses(doc, op, apierr.Nexpay, apierr.PAY0001, apierr.QOT0003, apierr.GWY0002); err != nil {
				t.Fatal(err)
			}
			if err := Validate(doc); err != nil {
				t.Fatal(err)
			}
			want := []string{"200", "400", "404", "422", "429", "500", "503"}
			if got := op.Responses.Keys(); !sameSet(got, want) {
				t.Fatalf("responses %v, want %v", got, want)
			}
			if op.Responses.Value("404").Ref != "#/components/responses/NotFound" {
				t.Error("the operation's own 404 was replaced")
			}
			examples := func(status string) []string {
				var ids []string
				for id := range op.Responses.Value(status).Value.Content["application/json"].Examples {
					ids = append(ids, id)
				}
				slices.Sort(ids)
				return ids
			}
			for status, ids := range map[string][]string{
				"400": {"GEN9002"}, "422": {"QOT0003"}, "429": {"GEN9429"},
				"500": {"GEN9001"}, "503": {"GEN9013", "GEN9503", "GWY0002"},
			} {
				if got := examples(status); !slices.Equal(got, ids) {
					t.Errorf("%s shows %v, want %v", status, got, ids)
				}
			}
			for _, status := range []string{"429", "503"} {
				if op.Responses.Value(status).Value.Headers["Retry-After"] == nil {
					t.Errorf("%s does not document Retry-After", status)
				}
			}
			// Examples resolve to the rendered bodies.
			ex := op.Responses.Value("422").Value.Content["application/json"].Examples["QOT0003"]
			if ex.Value == nil || ex.Value.Value.(map[string]any)["code"] != "[QOT0003]" {
				t.Errorf("example QOT0003 = %+v", ex.Value)
			}
			// Adding again replaces what the first call added, and keeps
			// the operation's own responses.
			if err := AddResponses(doc, op, apierr.Nexpay, apierr.PAY0003); err != nil {
				t.Fatal(err)
			}
			if got := op.Responses.Keys(); !sameSet(got, []string{"200", "400", "404", "409", "429", "500", "503"}) {
				t.Errorf("responses %v after adding PAY0003", got)
			}
			if op.Responses.Value("404").Ref != "#/components/responses/NotFound" {
				t.Error("the operation's own 404 was replaced")
			}
		})
	}
}

func TestAddResponsesForeignCode(t *testing.T) {
	doc := mustLoad(t, userSpec31)
	op := doc.Paths.Value("/v2/payments/{id}").Get
	err := AddResponses(doc, op, apierr.Nexpay, apierr.PAY0001, acmeNotFound)
	if err == nil || !strings.Contains(err.Error(), "NOT_FOUND is not a code of the nexpay catalogue") {
		t.Fatalf("error = %v", err)
	}
	if len(op.Responses.Keys()) != 2 {
		t.Error("a refused call changed the operation")
	}
}

func TestAddResponsesNewOperation(t *testing.T) {
	doc := mustLoad(t, `{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{}}`)
	op := openapi3.NewOperation()
	doc.AddOperation("/v2/quotes", "POST", op)
	if err := AddResponses(doc, op, acmeDescribed, acmeNotFound); err != nil {
		t.Fatal(err)
	}
	if got := op.Responses.Keys(); !sameSet(got, []string{"404", "429", "500"}) {
		t.Errorf("responses %v", got)
	}
	if err := Validate(doc); err != nil {
		t.Fatal(err)
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
