package main

import (
	"errors"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/unipile/terraform-provider-unipile/internal/emulator"
)

// server is an emulator on a loopback port behind a handler that records
// when writes and lists are in flight, which tells where a phase's time
// goes.
type server struct {
	url      string
	emulator *emulator.Server
	activity *activityMeter
	http     *http.Server
	served   chan struct{}
}

func startServer(latency time.Duration) (*server, error) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}

	s := &server{
		url:      "http://" + listener.Addr().String(),
		emulator: emulator.New(emulator.Options{APIKey: benchKey, Latency: latency, Seed: 1}),
		activity: &activityMeter{},
		served:   make(chan struct{}),
	}
	s.http = &http.Server{Handler: s.activity.wrap(s.emulator), ReadHeaderTimeout: 10 * time.Second}

	go func() {
		defer close(s.served)

		if err := s.http.Serve(listener); !errors.Is(err, http.ErrServerClosed) {
			panic(err)
		}
	}()

	return s, nil
}

// reset starts a phase: counters and the activity meter from zero.
func (s *server) reset() {
	s.emulator.ResetCounts()
	s.activity.start()
}

func (s *server) close() {
	_ = s.http.Close() // Every request has been answered; nothing is lost.
	<-s.served
}

// activity splits a phase's wall time by what the emulator was doing.
type activity struct {
	// writing: at least one create or delete in flight.
	writing time.Duration
	// listing: lists in flight and no write, so every Terraform slot
	// that has a webhook to write is waiting for a walk.
	listing time.Duration
	// idle: no request at all: Terraform, the provider process starting,
	// or a read-back waiting for its batch.
	idle time.Duration
}

type activityMeter struct {
	mu     sync.Mutex
	since  time.Time
	writes int
	lists  int
	spent  activity
}

func (m *activityMeter) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		write := r.Method != http.MethodGet
		m.change(write, 1)
		defer m.change(write, -1)

		next.ServeHTTP(w, r)
	})
}

func (m *activityMeter) change(write bool, delta int) {
	m.mu.Lock()
	defer m.mu.Unlock()

	m.account()
	if write {
		m.writes += delta
	} else {
		m.lists += delta
	}
}

// account charges the time since the last change to the state that held.
// The caller holds m.mu.
func (m *activityMeter) account() {
	now := time.Now()
	elapsed := now.Sub(m.since)
	m.since = now

	switch {
	case m.writes > 0:
		m.spent.writing += elapsed
	case m.lists > 0:
		m.spent.listing += elapsed
	default:
		m.spent.idle += elapsed
	}
}

func (m *activityMeter) start() {
	m.mu.Lock()
	defer m.mu.Unlock()

	m.since = time.Now()
	m.spent = activity{}
}

func (m *activityMeter) stop() activity {
	m.mu.Lock()
	defer m.mu.Unlock()

	m.account()

	return m.spent
}
