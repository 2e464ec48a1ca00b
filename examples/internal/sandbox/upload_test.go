package sandbox

import (
	"bytes"
	"errors"
	"mime/multipart"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/errkit/errkit/apierr"
)

func multipartBody(t testing.TB, field, name string, data []byte) (*bytes.Buffer, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("note", "hello")
	fw, err := mw.CreateFormFile(field, name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(data)
	_ = mw.Close()
	return &buf, mw.FormDataContentType()
}

func TestReadUpload(t *testing.T) {
	for _, tc := range []struct {
		name      string
		field     string
		data      []byte
		ct        string // "" = the multipart one
		condition apierr.Condition
		code      apierr.Code
	}{
		{name: "pdf", field: "file", data: []byte("%PDF-1.7")},
		{name: "exactly the limit", field: "file", data: make([]byte, MaxDocument)},
		{name: "over the limit", field: "file", data: make([]byte, MaxDocument+1), code: apierr.DOC0002},
		{name: "far over the limit", field: "file", data: make([]byte, 3*MaxDocument), code: apierr.DOC0002},
		{name: "no file", field: "other", data: []byte("x"), condition: apierr.Validation},
		{name: "json", field: "file", ct: "application/json", condition: apierr.UnsupportedMediaType},
		{name: "no boundary", field: "file", ct: "multipart/form-data", condition: apierr.UnsupportedMediaType},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body, ct := multipartBody(t, tc.field, "a/../doc.pdf", tc.data)
			if tc.ct != "" {
				ct = tc.ct
			}
			r := httptest.NewRequest("POST", "/v2/documents", body)
			r.Header.Set("Content-Type", ct)
			name, data, err := ReadUpload(httptest.NewRecorder(), r)
			switch {
			case tc.code != 0:
				if !errors.Is(err, tc.code) {
					t.Fatalf("error %v, want %s", err, tc.code.ID())
				}
			case tc.field != "file" || tc.ct != "":
				ce, ok := errors.AsType[*apierr.ConditionError](err)
				if !ok || ce.Condition != tc.condition {
					t.Fatalf("error %v, want condition %s", err, tc.condition)
				}
			default:
				if err != nil || !bytes.Equal(data, tc.data) || name != "doc.pdf" {
					t.Fatalf("ReadUpload = %q, %d bytes, %v", name, len(data), err)
				}
			}
		})
	}
}

func FuzzReadUpload(f *testing.F) {
	body, ct := multipartBody(f, "file", "x.pdf", []byte("%PDF-1.7"))
	f.Add(body.Bytes(), ct)
	f.Add([]byte("--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n%PDF-\r\n--b--\r\n"), "multipart/form-data; boundary=b")
	f.Add([]byte("--b\r\n\r\n"), "multipart/form-data; boundary=b")
	f.Add([]byte(""), "multipart/form-data; boundary=b")
	f.Fuzz(func(t *testing.T, body []byte, ct string) {
		r := httptest.NewRequest("POST", "/v2/documents", bytes.NewReader(body))
		r.Header.Set("Content-Type", ct)
		_, data, err := ReadUpload(httptest.NewRecorder(), r)
		if err == nil {
			if len(data) > MaxDocument {
				t.Fatalf("accepted %d bytes", len(data))
			}
			return
		}
		// Every failure is a 4xx of the contract, never a 500.
		var e *apierr.Error
		if ce, ok := errors.AsType[*apierr.ConditionError](err); ok {
			e = ce.In(apierr.Nexpay)
		} else if e, ok = apierr.As(err); !ok {
			t.Fatalf("unclassified error %v", err)
		}
		if e.Status() < 400 || e.Status() >= 500 || strings.Contains(e.Message(), "multipart") {
			t.Fatalf("upload failed with %d %s", e.Status(), e.Message())
		}
	})
}
