package idempotency

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestNormAuth(t *testing.T) {
	for in, want := range map[string]string{
		"":                     "",
		"ApiKey a":             "apikey a",
		"apikey a":             "apikey a",
		"APIKEY  a":            "apikey a",
		" ApiKey\ta ":          "apikey a",
		"Bearer AbC.dEf":       "bearer AbC.dEf",
		"Basic Y2xp ZW50":      "basic Y2xp ZW50",
		"Basic  Y2xp   ZW50 ":  "basic Y2xp ZW50",
		"token":                "token",
		"Token":                "token",
		"\t":                   "",
		"Digest a=\"B\", c=D ": "digest a=\"B\", c=D",
	} {
		if got := normAuth(in); got != want {
			t.Errorf("normAuth(%q) = %q, want %q", in, got, want)
		}
	}
}

// One credential is one scope however its scheme is cased or spaced: the
// retry of a client that changes its spelling is replayed, not run again.
func TestScopeNormalised(t *testing.T) {
	h := &createPayment{}
	srv := mustNew(t, Config{}).Handler(h)
	for _, auth := range []string{"ApiKey pk_a", "apikey pk_a", "ApiKey  pk_a", "APIKEY\tpk_a"} {
		do(srv, req{key: "k", body: `{"amount":"1"}`, auth: auth})
	}
	if h.runs.Load() != 1 {
		t.Fatalf("ran %d times", h.runs.Load())
	}
	// The credential itself stays case-sensitive.
	if w := do(srv, req{key: "k", body: `{"amount":"1"}`, auth: "ApiKey PK_A"}); w.Header().Get(ReplayHeader) != "" || h.runs.Load() != 2 {
		t.Fatalf("another credential shared the scope: %d", h.runs.Load())
	}
	r := func(k string) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/", nil)
		r.Header["X-Api-Key"] = []string{k}
		return r
	}
	if defaultScope(r(" k1 ")) != defaultScope(r("k1")) || defaultScope(r("k1")) == defaultScope(r("K1")) {
		t.Error("X-API-Key not trimmed, or folded")
	}
}

func FuzzNormAuth(f *testing.F) {
	for _, s := range []string{"", "ApiKey a", " a  b\t", "Bearer X", "\t\t", "a\x00B c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := normAuth(s)
		if !authNormal(n) || normAuth(n) != n {
			t.Fatalf("normAuth(%q) = %q is not normal", s, n)
		}
		if authNormal(s) != (n == s) {
			t.Fatalf("authNormal(%q) = %v, normAuth gives %q", s, authNormal(s), n)
		}
	})
}
