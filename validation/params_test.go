package validation

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
)

type paging struct {
	Cursor string `query:"cursor"`
}

type listParams struct {
	paging
	Limit    int        `query:"limit" validate:"omitempty,max=100"`
	Offset   *uint16    `query:"offset"`
	Status   []string   `query:"status" validate:"dive,oneof=paid pending"`
	IDs      []int64    `query:"id"`
	Since    time.Time  `query:"since"`
	Until    *time.Time `query:"until"`
	Exact    bool       `query:"exact"`
	Min      float64    `query:"min"`
	Currency string     `query:"currency" validate:"omitempty,iso4217"`
	Body     string     `json:"body"`
	ignored  int        `query:"ignored"`
}

func TestBindQuery(t *testing.T) {
	r := httptest.NewRequest(http.MethodGet, "/payments?cursor=abc&limit=20&offset=7&status=paid&status=pending&id=1&id=2&since=2026-01-15T10:30:00Z&exact=true&min=1.5&limit2=x&ignored=1&until=", nil)
	var p listParams
	if err := BindQuery(r, &p); err != nil {
		t.Fatalf("BindQuery: %v %+v", err, Fields(err))
	}
	if p.Cursor != "abc" || p.Limit != 20 || p.Offset == nil || *p.Offset != 7 || !reflect.DeepEqual(p.Status, []string{"paid", "pending"}) ||
		!reflect.DeepEqual(p.IDs, []int64{1, 2}) || !p.Since.Equal(time.Date(2026, 1, 15, 10, 30, 0, 0, time.UTC)) || !p.Exact || p.Min != 1.5 || p.Until != nil || p.ignored != 0 {
		t.Errorf("bound %+v", p)
	}

	r = httptest.NewRequest(http.MethodGet, "/payments?limit=ten&offset=-1&id=1&id=x&since=yesterday&exact=maybe&min=lots&until=soon", nil)
	err := BindQuery(r, &listParams{})
	var ce *apierr.ConditionError
	if !errors.As(err, &ce) || ce.Condition != apierr.BadRequest {
		t.Fatalf("BindQuery = %v", err)
	}
	want := []apierr.FieldError{
		{Field: "limit", In: "query", Rule: "type", Param: "integer", Message: "query parameter limit must be an integer"},
		{Field: "offset", In: "query", Rule: "type", Param: "non-negative integer", Message: "query parameter offset must be a non-negative integer"},
		{Field: "id", In: "query", Rule: "type", Param: "integer", Message: "query parameter id must be an integer"},
		{Field: "since", In: "query", Rule: "type", Param: "date-time", Message: "query parameter since must be a date-time (RFC 3339)"},
		{Field: "until", In: "query", Rule: "type", Param: "date-time", Message: "query parameter until must be a date-time (RFC 3339)"},
		{Field: "exact", In: "query", Rule: "type", Param: "boolean", Message: "query parameter exact must be a boolean"},
		{Field: "min", In: "query", Rule: "type", Param: "number", Message: "query parameter min must be a number"},
	}
	if !reflect.DeepEqual(ce.Fields, want) {
		t.Errorf("fields:\n got %+v\nwant %+v", ce.Fields, want)
	}
}

func TestValidateParams(t *testing.T) {
	r := httptest.NewRequest(http.MethodGet, "/payments?limit=500&status=lost&currency=ABC", nil)
	var p listParams
	if err := BindQuery(r, &p); err != nil {
		t.Fatal(err)
	}
	got := Fields(New().Validate(&p))
	want := []apierr.FieldError{
		{Field: "limit", In: "query", Rule: "max", Param: "100", Message: "limit must be at most 100"},
		{Field: "status[0]", Rule: "oneof", Param: "paid pending", Message: "status[0] must be one of: paid pending"},
		{Field: "currency", In: "query", Rule: "iso4217", Message: "currency must be an ISO 4217 currency code"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("fields:\n got %+v\nwant %+v", got, want)
	}
}

func TestBindPathAndHeader(t *testing.T) {
	type params struct {
		ID      int64  `path:"id"`
		Name    string `path:"name"`
		Request string `header:"X-Request-Id"`
		Retries int    `header:"X-Retries"`
	}
	mux := http.NewServeMux()
	var got params
	var errs []error
	mux.HandleFunc("GET /payees/{id}/{name}", func(w http.ResponseWriter, r *http.Request) {
		got = params{}
		errs = []error{BindPath(r, &got), BindHeader(r, &got)}
	})
	r := httptest.NewRequest(http.MethodGet, "/payees/42/ana", nil)
	r.Header.Set("X-Request-Id", "r1")
	mux.ServeHTTP(httptest.NewRecorder(), r)
	if errs[0] != nil || errs[1] != nil || got != (params{42, "ana", "r1", 0}) {
		t.Errorf("bound %+v, %v", got, errs)
	}
	r = httptest.NewRequest(http.MethodGet, "/payees/x42/ana", nil)
	r.Header.Set("X-Retries", "many")
	mux.ServeHTTP(httptest.NewRecorder(), r)
	if f := Fields(errs[0]); len(f) != 1 || f[0] != (apierr.FieldError{Field: "id", In: "path", Rule: "type", Param: "integer", Message: "path parameter id must be an integer"}) {
		t.Errorf("path fields = %+v", f)
	}
	if f := Fields(errs[1]); len(f) != 1 || f[0].Field != "X-Retries" || f[0].In != "header" {
		t.Errorf("header fields = %+v", f)
	}
}

func TestBindParamsTarget(t *testing.T) {
	var ce *apierr.ConditionError
	for _, dst := range []any{nil, listParams{}, new(int), (*listParams)(nil)} {
		if err := BindParams(InQuery, func(string) []string { return nil }, dst); !errors.As(err, &ce) || ce.Condition != apierr.Internal {
			t.Errorf("BindParams(%T) = %v", dst, err)
		}
	}
}
