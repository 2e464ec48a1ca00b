package main

// Stand-ins for the middleware and validation packages while they are
// written; each goes when its package lands.

import (
	"encoding/json"
	"errors"
	"log/slog"
	"math/big"
	"mime"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/errkit/errkit/apierr"
	"github.com/go-playground/validator/v10"
	"golang.org/x/time/rate"
)

func fbError(contract apierr.Contract, err error) *apierr.Error {
	if e, ok := apierr.As(err); ok {
		return e
	}
	if ce, ok := errors.AsType[*apierr.ConditionError](err); ok {
		return ce.In(contract)
	}
	return apierr.Wrap(err, contract.Code(apierr.Internal))
}

func fbHandle(contract apierr.Contract, log *slog.Logger) func(func(http.ResponseWriter, *http.Request) error) http.Handler {
	return func(f func(http.ResponseWriter, *http.Request) error) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if err := f(w, r); err != nil {
				e := fbError(contract, err)
				log.Info("request failed", "code", e.ID(), "status", e.Status(), "err", err)
				_ = apierr.Render(w, r, contract, e)
			}
		})
	}
}

func fbRecover(next http.Handler, contract apierr.Contract, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				log.Error("panic", "value", v)
				_ = apierr.Render(w, r, contract, apierr.New(contract.Code(apierr.Internal)))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

var fbUntil atomic.Int64

func fbSwitchOn(d time.Duration) { fbUntil.Store(time.Now().Add(d).UnixNano()) }
func fbSwitchOff()               { fbUntil.Store(0) }
func fbSwitchActive() bool       { return time.Now().UnixNano() < fbUntil.Load() }

func fbMaintenance(next http.Handler, start time.Duration, contract apierr.Contract) http.Handler {
	if start > 0 {
		fbSwitchOn(start)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if fbSwitchActive() && p != "/health" && !strings.HasPrefix(p, "/admin/") && p != "/v2/webhooks" && p != "/v2/gateway/callback" {
			left := time.Until(time.Unix(0, fbUntil.Load()))
			_ = apierr.Render(w, r, contract, apierr.New(contract.Code(apierr.Maintenance)).WithRetryAfter(left))
			return
		}
		next.ServeHTTP(w, r)
	})
}

func fbRateLimit(next http.Handler, perSecond float64, contract apierr.Contract) http.Handler {
	var mu sync.Mutex
	lims := map[string]*rate.Limiter{}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := apiKey(r)
		if key == "" {
			next.ServeHTTP(w, r)
			return
		}
		mu.Lock()
		l, ok := lims[key]
		if !ok {
			l = rate.NewLimiter(rate.Limit(perSecond), max(1, int(perSecond)))
			lims[key] = l
		}
		mu.Unlock()
		if !l.Allow() {
			_ = apierr.Render(w, r, contract, apierr.New(contract.Code(apierr.RateLimited)).WithRetryAfter(time.Second))
			return
		}
		next.ServeHTTP(w, r)
	})
}

type fbStatusWriter struct {
	http.ResponseWriter
	r        *http.Request
	contract apierr.Contract
	hijacked bool
}

func (s *fbStatusWriter) WriteHeader(code int) {
	if code == http.StatusNotFound || code == http.StatusMethodNotAllowed {
		s.hijacked = true
		h := s.Header()
		h.Del("Content-Type")
		h.Del("X-Content-Type-Options")
		_ = apierr.Render(s.ResponseWriter, s.r, s.contract, apierr.New(apierr.CodeFor(s.contract, code)))
		return
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *fbStatusWriter) Write(b []byte) (int, error) {
	if s.hijacked {
		return len(b), nil
	}
	return s.ResponseWriter.Write(b)
}

func fbNotFound(mux *http.ServeMux, contract apierr.Contract) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := mux.Handler(r); pattern == "" {
			mux.ServeHTTP(&fbStatusWriter{ResponseWriter: w, r: r, contract: contract}, r)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

var fbValidate = func() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		return name
	})
	_ = v.RegisterValidation("amount", func(fl validator.FieldLevel) bool {
		s := fl.Field().String()
		i, f, dot := strings.Cut(s, ".")
		if i == "" || dot && (f == "" || len(f) > 2) || strings.Trim(i+f, "0123456789") != "" {
			return false
		}
		r, ok := new(big.Rat).SetString(s)
		return ok && r.Sign() > 0
	})
	_ = v.RegisterValidation("iban", func(fl validator.FieldLevel) bool {
		s := strings.ToUpper(strings.ReplaceAll(fl.Field().String(), " ", ""))
		if len(s) < 15 || len(s) > 34 {
			return false
		}
		s = s[4:] + s[:4]
		m := 0
		for _, c := range s {
			switch {
			case c >= '0' && c <= '9':
				m = (m*10 + int(c-'0')) % 97
			case c >= 'A' && c <= 'Z':
				m = (m*100 + int(c-'A'+10)) % 97
			default:
				return false
			}
		}
		return m == 1
	})
	return v
}()

func fbDecode(w http.ResponseWriter, r *http.Request, limit int64, v any) error {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return apierr.NewCondition(apierr.UnsupportedMediaType)
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return apierr.NewCondition(apierr.TooLarge).WithCause(err)
		}
		return apierr.NewCondition(apierr.BadRequest).WithCause(err)
	}
	if err := fbValidate.Struct(v); err != nil {
		var ves validator.ValidationErrors
		if !errors.As(err, &ves) {
			return err
		}
		ce := apierr.NewCondition(apierr.Validation)
		for _, fe := range ves {
			ce.WithFields(apierr.FieldError{Field: fe.Field(), Rule: fe.Tag(), Param: fe.Param(), Message: fe.Field() + " failed " + fe.Tag()})
		}
		return ce
	}
	return nil
}
