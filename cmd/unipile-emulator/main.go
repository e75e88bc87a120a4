// Command unipile-emulator serves the in-memory Unipile webhook API
// emulator on a loopback address, for the README demo and manual testing.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/unipile/terraform-provider-unipile/internal/emulator"
)

// shutdownGrace is how long requests in flight may finish after a signal.
const shutdownGrace = 5 * time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run serves until ctx ends and returns the exit code: 0 after a clean
// shutdown or -h, 2 for bad flags, 1 when serving fails.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	cfg, err := parseConfig(args, getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		_, _ = fmt.Fprintf(stderr, "unipile-emulator: %v\n", err)
		return 2
	}

	logger := log.New(stderr, "", log.LstdFlags|log.Lmicroseconds)
	instance, err := emulator.StartOn(cfg.listen, emulator.Options{
		APIKey:  cfg.apiKey,
		Latency: cfg.latency,
		Logf:    logger.Printf,
	})
	if err != nil {
		logger.Printf("unipile-emulator: %v", err)
		return 1
	}

	// Stdout gets the bare DSN so a script can capture it; the human
	// details go to stderr with the request log.
	_, _ = fmt.Fprintln(stdout, instance.URL)
	logger.Printf("unipile emulator listening on %s (API key from %s)", instance.URL, cfg.keySource)

	if cfg.readyFile != "" {
		if err := writeReadyFile(cfg.readyFile, instance.URL); err != nil {
			logger.Printf("unipile-emulator: %v", err)
			instance.Close()
			return 1
		}
		defer removeReadyFile(logger, cfg.readyFile)
	}

	<-ctx.Done()
	logger.Printf("shutting down")

	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()

	if err := instance.Shutdown(shutdownCtx); err != nil {
		logger.Printf("requests still running after %s were cut: %v", shutdownGrace, err)
	}
	instance.Close()

	return 0
}

// writeReadyFile writes url to path through a rename, so a script polling
// for the file never reads it half written.
func writeReadyFile(path, url string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".ready-*")
	if err != nil {
		return fmt.Errorf("writing ready file: %w", err)
	}

	_, writeErr := tmp.WriteString(url + "\n")
	closeErr := tmp.Close()
	if err := errors.Join(writeErr, closeErr); err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("writing ready file: %w", err)
	}

	if err := os.Rename(tmp.Name(), path); err != nil {
		_ = os.Remove(tmp.Name())
		return fmt.Errorf("writing ready file: %w", err)
	}

	return nil
}

// removeReadyFile deletes the ready file on exit so a later script does not
// mistake a stale URL for a running emulator.
func removeReadyFile(logger *log.Logger, path string) {
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		logger.Printf("removing ready file: %v", err)
	}
}
