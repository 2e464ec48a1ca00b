package sandbox

import (
	"context"
	"errors"
	"flag"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// ShutdownTimeout is how long [Run] lets requests in flight finish once
// asked to stop.
const ShutdownTimeout = 10 * time.Second

// Run serves h on cfg.Addr until ctx is done, then shuts down gracefully:
// it stops accepting connections and waits for requests in flight. It logs
// the address it listens on (useful with port 0) and the credentials.
// With cfg.Telemetry, h is traced and /metrics served (see
// [Telemetry.Handler]), and its spans are flushed on the way out.
func Run(ctx context.Context, cfg Config, h http.Handler, log *slog.Logger) error {
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           cfg.Telemetry.Handler(h),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("listening", "addr", ln.Addr().String(), "contract", cfg.Contract, "auth", cfg.Auth,
		"apiKey", shown(cfg.Keys.APIKey, DemoAPIKey), "adminToken", shown(cfg.Keys.AdminToken, DemoAdminToken),
		"rate", cfg.Rate, "quoteTTL", cfg.QuoteTTL.String(), "maxBody", cfg.MaxBody, "shared", shared(cfg),
		"metrics", cfg.Metrics, "trace", cfg.Trace)
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
	if err := cfg.Telemetry.Shutdown(sctx); err != nil {
		return err
	}
	log.Info("stopped")
	return nil
}

// shared says where the fleet's state is: "memory", or Redis's address
// (never its password).
func shared(cfg Config) string {
	if cfg.Redis == "" {
		return "memory"
	}
	if u, err := url.Parse(cfg.Redis); err == nil {
		return u.Scheme + "://" + u.Host + u.Path
	}
	return "redis"
}

// shown returns a credential for the start-up log: the demo default as it
// is, one the operator chose hidden.
func shown(v, demo string) string {
	if v == demo {
		return v
	}
	return "(set by flag)"
}

// Main is the whole of a sandbox command: it parses the flags, builds the
// telemetry they ask for and the server with newServer, and runs it until SIGINT or SIGTERM, exiting 2 on
// bad flags and 1 when the server cannot start or fails.
func Main[H http.Handler](name string, newServer func(Config, *slog.Logger) (H, error)) {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	cfg, err := ParseFlags(name, os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		log.Error("bad flags", "err", err)
		os.Exit(2)
	}
	if cfg.Redis != "" {
		if cfg.Shared, err = OpenShared(cfg, log); err != nil {
			log.Error("cannot use Redis", "err", err)
			os.Exit(1)
		}
		defer cfg.Shared.Close()
	}
	if cfg.Telemetry, err = NewTelemetry(cfg, os.Stdout); err != nil {
		log.Error("cannot start", "err", err)
		os.Exit(1)
	}
	h, err := newServer(cfg, log)
	if err != nil {
		log.Error("cannot start", "err", err)
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := Run(ctx, cfg, h, log); err != nil {
		log.Error("server failed", "err", err)
		os.Exit(1)
	}
}
