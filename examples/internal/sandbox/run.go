package sandbox

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// ShutdownTimeout is how long [Run] lets requests in flight finish once
// asked to stop.
const ShutdownTimeout = 10 * time.Second

// Run serves h on cfg.Addr until ctx is done, then shuts down gracefully:
// it stops accepting connections and waits for requests in flight. It logs
// the address it listens on (useful with port 0) and the credentials.
func Run(ctx context.Context, cfg Config, h http.Handler, log *slog.Logger) error {
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("listening", "addr", ln.Addr().String(), "contract", cfg.Contract,
		"apiKey", shown(cfg.Keys.APIKey, DemoAPIKey), "adminToken", shown(cfg.Keys.AdminToken, DemoAdminToken),
		"rate", cfg.Rate, "quoteTTL", cfg.QuoteTTL.String(), "maxBody", cfg.MaxBody)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", "timeout", ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// shown returns a credential for the start-up log: the demo default as it
// is, one the operator chose hidden.
func shown(v, demo string) string {
	if v == demo {
		return v
	}
	return "(set by flag)"
}
