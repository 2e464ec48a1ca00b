package auth_test

import (
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/errkit/errkit/auth"
)

func FuzzParseNonce(f *testing.F) {
	for _, s := range []string{"1", "0", "9007199254740991", "9007199254740992", "-1", "+1", "01", "1e3", " 1", "１", "18446744073709551616"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := auth.ParseNonce(s)
		if !ok {
			return
		}
		if n < 1 || n > auth.MaxNonce {
			t.Fatalf("%q: %d out of range", s, n)
		}
		if strings.TrimLeft(s, "0") != strconv.FormatUint(n, 10) {
			t.Fatalf("%q parsed as %d", s, n)
		}
	})
}

func FuzzParseTimestamp(f *testing.F) {
	for _, s := range []string{"1767225600", "0", "-1", "1767225600.5", "1767225600000000", "+1", " 1", "1_000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := auth.ParseTimestamp(s)
		if !ok {
			return
		}
		if n < 0 || strings.TrimLeft(s, "0") != strings.TrimLeft(strconv.FormatInt(n, 10), "0") {
			t.Fatalf("%q parsed as %d", s, n)
		}
	})
}

func FuzzParseBasic(f *testing.F) {
	for _, s := range []string{basicAuth("k:s"), basicAuth("k:"), basicAuth(":s"), basicAuth("k"), "basic " + base64.StdEncoding.EncodeToString([]byte("a:b:c")), "Basic", "Basic ", "Bearer x", "Basic !!"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		key, secret, ok := auth.ParseBasic(h)
		if !ok {
			return
		}
		if key == "" || strings.Contains(key, ":") {
			t.Fatalf("%q: key %q", h, key)
		}
		raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(h[6:]))
		if err != nil || string(raw) != key+":"+secret {
			t.Fatalf("%q: %q:%q", h, key, secret)
		}
	})
}

// FuzzVerify sends any header values to a verifier: it never panics, a
// failure is an authentication failure (or the too-large condition), and a
// request passes only with the right signature.
func FuzzVerify(f *testing.F) {
	v, err := auth.New(auth.Config{Headers: auth.Headers{Key: "X-Key", Nonce: "X-Nonce", Timestamp: "X-Ts", Signature: "X-Sig"},
		Lookup: lookup, Nonces: new(auth.MemoryNonces), Now: func() time.Time { return now }})
	if err != nil {
		f.Fatal(err)
	}
	tsNow := ts(0)
	good := auth.Sign(sha256.New, []byte(secret), []byte("1"+tsNow+"POST/x{}"))
	f.Add("pk_live", "1", tsNow, good, "{}")
	f.Add("pk_live", "1", tsNow, strings.ToUpper(good), "{}")
	f.Add("pk live", "x", "-1", "zz", "")
	f.Add("", "", "", "", "")
	f.Fuzz(func(t *testing.T, key, nonce, timestamp, sig, body string) {
		r := httptest.NewRequest("POST", "/x", strings.NewReader(body))
		for name, val := range map[string]string{"X-Key": key, "X-Nonce": nonce, "X-Ts": timestamp, "X-Sig": sig} {
			r.Header.Set(name, val)
		}
		rr, err := v.Verify(r)
		if err == nil {
			want := auth.Sign(sha256.New, []byte(secret), []byte(nonce+timestamp+"POST/x"+body))
			if !strings.EqualFold(sig, want) || key != "pk_live" {
				t.Fatalf("passed with key %q signature %q", key, sig)
			}
			if auth.KeyFrom(rr.Context()) != key {
				t.Fatal("no key in the context")
			}
			return
		}
		var ce *apierr.ConditionError
		if !errors.As(err, &ce) || (ce.Auth == 0 && ce.Condition != apierr.TooLarge) || ce.Auth != 0 && !ce.Auth.Valid() {
			t.Fatalf("error %v", err)
		}
	})
}
