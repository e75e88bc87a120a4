package emulator

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// Instance is an emulator listening on a loopback port.
type Instance struct {
	// URL is the base URL clients use as the DSN, e.g.
	// http://127.0.0.1:41234.
	URL string

	*Server

	httpServer *http.Server
	served     chan struct{}
	closeOnce  sync.Once
}

// Start serves a new emulator on a free port of 127.0.0.1.
func Start(opts Options) (*Instance, error) {
	return StartOn("127.0.0.1:0", opts)
}

// StartOn serves a new emulator on addr, which must be a loopback address:
// the emulator accepts any webhook and is never meant to be reachable from
// another machine.
func StartOn(addr string, opts Options) (*Instance, error) {
	if opts.APIKey == "" {
		return nil, errors.New("emulator: an API key is required")
	}
	if err := CheckLoopback(addr); err != nil {
		return nil, err
	}

	listener, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("emulator: listening on %s: %w", addr, err)
	}

	server := New(opts)
	instance := &Instance{
		URL:    "http://" + listener.Addr().String(),
		Server: server,
		httpServer: &http.Server{
			Handler:           server,
			ReadHeaderTimeout: 10 * time.Second,
		},
		served: make(chan struct{}),
	}

	go func() {
		defer close(instance.served)
		_ = instance.httpServer.Serve(listener) // Always ErrServerClosed after Close or Shutdown.
	}()

	return instance, nil
}

// Shutdown stops accepting requests and waits, until ctx ends, for the
// ones in flight to finish.
func (i *Instance) Shutdown(ctx context.Context) error {
	err := i.httpServer.Shutdown(ctx)
	<-i.served

	return err
}

// Close stops the emulator at once, cutting requests in flight. It is safe
// to call more than once.
func (i *Instance) Close() {
	i.closeOnce.Do(func() {
		_ = i.httpServer.Close() // Only reports errors of closing listeners that are already gone.
		<-i.served
	})
}

// CheckLoopback returns an error unless addr is host:port with a literal
// loopback IP or "localhost" as host. An empty host would listen on every
// interface, so it is refused too.
func CheckLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("emulator: listen address %q: %w", addr, err)
	}

	if host == "localhost" {
		return nil
	}

	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("emulator: listen address %q is not a loopback address", addr)
	}

	return nil
}
