// Command nethttp serves the sandbox payment API of examples/nexpay on a
// plain net/http ServeMux, to show errkit's net/http door: the same routes,
// the same contract, no echo.
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
	cfg, err := sandbox.ParseFlags("nethttp", os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		log.Error("bad flags", "err", err)
		os.Exit(2)
	}
	h, err := newServer(cfg, log)
	if err != nil {
		log.Error("cannot start", "err", err)
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := sandbox.Run(ctx, cfg, h, log); err != nil {
		log.Error("server failed", "err", err)
		os.Exit(1)
	}
}
