package emulator

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestLatency(t *testing.T) {
	t.Parallel()

	const latency = 80 * time.Millisecond

	instance := startTest(t, Options{Latency: latency})

	// Errors are delayed as well as successes.
	for _, key := range []string{testKey, ""} {
		started := time.Now()
		call(t, instance, http.MethodGet, "/api/v1/webhooks", key, nil)
		if elapsed := time.Since(started); elapsed < latency {
			t.Errorf("answer came after %v, want at least %v", elapsed, latency)
		}
	}

	instance.SetLatency(2 * latency)

	started := time.Now()
	call(t, instance, http.MethodGet, "/api/v1/webhooks", testKey, nil)
	if elapsed := time.Since(started); elapsed < 2*latency {
		t.Errorf("answer after SetLatency came after %v, want at least %v", elapsed, 2*latency)
	}
}

func TestLatencyEndsWithTheClient(t *testing.T) {
	t.Parallel()

	lines := make(chan string, 1)
	instance := startTest(t, Options{Latency: time.Hour, Logf: func(format string, args ...any) {
		lines <- fmt.Sprintf(format, args...)
	}})

	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, instance.URL+"/api/v1/webhooks", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		_ = resp.Body.Close()
		t.Fatalf("request answered %d despite an hour of latency", resp.StatusCode)
	}

	// The handler notices the client left and logs instead of sleeping
	// for an hour; waiting for the line proves it returned.
	select {
	case line := <-lines:
		if !strings.Contains(line, "GET /api/v1/webhooks canceled") {
			t.Errorf("log line = %q, want the canceled request", line)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("handler still sleeping after the client gave up")
	}
}
