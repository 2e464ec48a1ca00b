package e2e

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/errkit/errkit/examples/internal/sandbox"
	"github.com/errkit/errkit/openapi"
)

// documents holds, per server (host:port), the validator of the OpenAPI
// document the server serves, and the answers it did not allow.
var documents = struct {
	sync.Mutex
	validators map[string]*openapi.Validator
	failures   map[string][]string
}{validators: map[string]*openapi.Validator{}, failures: map[string][]string{}}

// checking is a transport that holds every answer to the document of the
// server that sent it, in response-checking mode.
type checking struct{ base http.RoundTripper }

func (c checking) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := c.base.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	documents.Lock()
	v := documents.validators[req.URL.Host]
	documents.Unlock()
	if v == nil {
		return resp, nil
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return resp, nil // the test reading the body sees it cut short
	}
	if err := v.CheckResponse(req, resp.StatusCode, resp.Header, body); err != nil {
		documents.Lock()
		documents.failures[req.URL.Host] = append(documents.failures[req.URL.Host], fmt.Sprintf("%v\n\theaders %v\n\tbody %s", err, resp.Header, body))
		documents.Unlock()
	}
	return resp, nil
}

// checkDocument fetches the document s serves, as JSON and as YAML, and
// from then on holds every answer of s to it, answers outside its
// operations to the contract's (s answers in the named one); the answers
// it did not allow fail t when t ends.
func checkDocument(t *testing.T, s *Server, contract string) {
	t.Helper()
	host := strings.TrimPrefix(s.URL, "http://")
	get := func(path string) []byte {
		// Sent with the API key, so that a server started with a low -rate
		// spends the key's budget, not the one of requests without it.
		req, err := http.NewRequest("GET", s.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "ApiKey "+APIKey)
		resp, err := http.DefaultClient.Do(req)
		for try := 0; err == nil && resp.StatusCode == http.StatusTooManyRequests && try < 3; try++ {
			_ = resp.Body.Close()
			wait, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
			time.Sleep(time.Duration(max(wait, 1)) * time.Second)
			resp, err = http.DefaultClient.Do(req)
		}
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("GET %s: %d %v", path, resp.StatusCode, err)
		}
		return b
	}
	js, ym := get("/openapi.json"), get("/openapi.yaml")
	v, err := validatorFor(contract, js, ym)
	if err != nil {
		t.Fatal(err)
	}
	documents.Lock()
	documents.validators[host] = v
	documents.Unlock()
	t.Cleanup(func() {
		documents.Lock()
		failures := documents.failures[host]
		delete(documents.failures, host)
		delete(documents.validators, host)
		documents.Unlock()
		for _, f := range failures {
			t.Errorf("the server's document does not allow an answer it sent:\n%s", f)
		}
	})
}

// checked holds the validators of the documents already checked, by
// contract and bytes: the servers of every door serve the same document
// for a contract, and checking it (loading, validating, comparing the
// YAML) is the costly part of starting a server under test.
var checked = struct {
	sync.Mutex
	m map[[3]string]*openapi.Validator
}{m: map[[3]string]*openapi.Validator{}}

// validatorFor checks the document a server serves as JSON and YAML for
// contract and returns the validator of its answers; a document checked
// before, byte for byte, is not checked again.
func validatorFor(contract string, js, ym []byte) (*openapi.Validator, error) {
	key := [3]string{contract, string(js), string(ym)}
	checked.Lock()
	defer checked.Unlock()
	if v, ok := checked.m[key]; ok {
		return v, nil
	}
	doc, err := openapi.Load(js)
	if err != nil {
		return nil, err
	}
	if err := openapi.Validate(doc); err != nil {
		return nil, fmt.Errorf("the served document does not validate: %w", err)
	}
	if y, err := openapi.Marshal(doc, openapi.YAML); err != nil || !bytes.Equal(y, ym) {
		return nil, fmt.Errorf("/openapi.yaml is not /openapi.json as YAML (%v)", err)
	}
	d, err := sandbox.DialectNamed(contract)
	if err != nil {
		return nil, err
	}
	v, err := openapi.NewValidator(doc, openapi.OutsideOperations(d.Contract))
	if err != nil {
		return nil, err
	}
	checked.m[key] = v
	return v, nil
}
