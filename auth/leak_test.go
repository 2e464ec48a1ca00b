package auth_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
)

// tooLarge sends a body over the verifier's limit: it is answered with the
// contract's too-large code, whatever the signature.
func tooLarge(t *testing.T, srv *server, c apierr.Contract) {
	t.Helper()
	q := req{body: `{"memo":"` + strings.Repeat("x", 2048) + `"}`, key: "pk_live", ts: ts(0), nonce: "9007199254740991", auth: basicAuth("pk_live:" + secret)}
	status, got := srv.send(t, q)
	if srv.s.basic {
		// Basic does not read the body: the handler gets it whole.
		if status != http.StatusOK || got != q.body {
			t.Errorf("Basic with a large body: %d", status)
		}
		return
	}
	if want := c.Code(apierr.TooLarge).Status(); status != want {
		t.Errorf("body over the limit: %d %s, want %d", status, got, want)
	}
}

// noSecrets holds that no secret, signature or nonce a test sent reached a
// body or a log record: the server's log is scanned here, bodies by send.
func noSecrets(t *testing.T, srv *server) {
	t.Helper()
	logs := srv.logs.String()
	if !strings.Contains(logs, "request failed") {
		t.Fatalf("no failure was logged:\n%s", logs)
	}
	for _, s := range srv.sent {
		if strings.Contains(logs, s) {
			t.Errorf("the log holds %q:\n%s", s, logs)
		}
	}
	for _, b := range srv.bodies {
		for _, s := range srv.sent {
			if strings.Contains(b, s) {
				t.Errorf("a body holds %q: %s", s, b)
			}
		}
	}
}
