package apierr_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/errkit/errkit/apierr"
)

// discard is a ResponseWriter that keeps nothing, so the benchmarks measure
// the renderer rather than a recorder's buffers.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(int)             {}

// BenchmarkRenderPreEncoded is the floor: the same headers and bytes,
// encoded before the benchmark starts.
func BenchmarkRenderPreEncoded(b *testing.B) {
	w := &discard{h: http.Header{}}
	body := []byte(`{"statusCode":404,"code":"[PAY0001]","message":"[PAY0001] Payment not found","timestamp":"2026-01-15T10:30:00.000Z"}`)
	ct, nosniff, nostore := []string{apierr.Nexpay.ContentType()}, []string{"nosniff"}, []string{"no-store"}
	b.ReportAllocs()
	for b.Loop() {
		h := w.Header()
		h["Content-Type"] = ct
		h["X-Content-Type-Options"] = nosniff
		h["Cache-Control"] = nostore
		w.WriteHeader(404)
		_, _ = w.Write(body)
	}
}

// BenchmarkRecorderPreEncoded and BenchmarkRecorderNoDetails are the same
// pair writing to a fresh httptest.ResponseRecorder per request, as a server
// hands each request a fresh ResponseWriter: the ratio a client sees.
func BenchmarkRecorderPreEncoded(b *testing.B) {
	body := []byte(`{"statusCode":404,"code":"[PAY0001]","message":"[PAY0001] Payment not found","timestamp":"2026-01-15T10:30:00.000Z"}`)
	ct, nosniff, nostore := []string{apierr.Nexpay.ContentType()}, []string{"nosniff"}, []string{"no-store"}
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		h := w.Header()
		h["Content-Type"] = ct
		h["X-Content-Type-Options"] = nosniff
		h["Cache-Control"] = nostore
		w.WriteHeader(404)
		_, _ = w.Write(body)
	}
}

func BenchmarkRecorderNoDetails(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		_ = apierr.Render(w, nil, apierr.Nexpay, apierr.New(apierr.PAY0001))
	}
}

// BenchmarkRenderNoDetails makes and renders an error per iteration.
func BenchmarkRenderNoDetails(b *testing.B) {
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		_ = apierr.Render(w, nil, apierr.Nexpay, apierr.New(apierr.PAY0001))
	}
}

func BenchmarkRenderTwoDetails(b *testing.B) {
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		_ = apierr.Render(w, nil, apierr.Nexpay, apierr.New(apierr.QOT0003).With("fromCurrency", "BRL").With("toCurrency", "USD"))
	}
}

func BenchmarkParse(b *testing.B) {
	body := []byte(`{"statusCode":422,"code":"[QOT0003]","message":"[QOT0003] Currency pair unavailable","timestamp":"2026-01-15T10:30:00.000Z","details":{"fromCurrency":"BRL","toCurrency":"USD"}}`)
	b.ReportAllocs()
	for b.Loop() {
		_, _ = apierr.Parse(422, body)
	}
}

func BenchmarkAs(b *testing.B) {
	err := fmt.Errorf("charge: %w", apierr.New(apierr.PAY0001))
	b.ReportAllocs()
	for b.Loop() {
		_, _ = apierr.As(err)
	}
}
