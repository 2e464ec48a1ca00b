// Command nexpay is a sandbox of a Nexpay-style payment API on echo v4:
// payees, quotes, payments and documents in memory, every failure answered
// in the Nexpay v2 error contract by errkit. Run it and point a client at it:
//
//	go run ./examples/nexpay
//	curl -H 'Authorization: ApiKey pk_test_sandbox' localhost:8080/v2/payments/42
//
// The same API on plain net/http is examples/nethttp.
package main

import (
	"context"
	"errors"
	"flag"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/errkit/errkit/examples/internal/sandbox"
)

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	cfg, err := sandbox.ParseFlags("nexpay", os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		log.Error("bad flags", "err", err)
		os.Exit(2)
	}
	e, err := newServer(cfg, log)
	if err != nil {
		log.Error("cannot start", "err", err)
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := sandbox.Run(ctx, cfg, e, log); err != nil {
		log.Error("server failed", "err", err)
		os.Exit(1)
	}
}
