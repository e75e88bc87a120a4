package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestStartAndClose(t *testing.T) {
	t.Parallel()

	instance, err := Start(Options{APIKey: testKey})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}

	if !strings.HasPrefix(instance.URL, "http://127.0.0.1:") {
		t.Errorf("URL = %q, want http://127.0.0.1:<port>", instance.URL)
	}
	if status := call(t, instance, http.MethodGet, "/api/v1/webhooks", testKey, nil).status; status != http.StatusOK {
		t.Errorf("status = %d, want 200", status)
	}

	instance.Close()
	instance.Close() // A second Close is harmless.

	if resp, err := send(instance, http.MethodGet, "/api/v1/webhooks", testKey, nil); err == nil {
		_ = resp.Body.Close()
		t.Errorf("closed emulator still answered %d", resp.StatusCode)
	}
}

func TestShutdown(t *testing.T) {
	t.Parallel()

	instance, err := Start(Options{APIKey: testKey})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}

	if err := instance.Shutdown(t.Context()); err != nil {
		t.Errorf("Shutdown: %v", err)
	}
	instance.Close()

	if resp, err := send(instance, http.MethodGet, "/api/v1/webhooks", testKey, nil); err == nil {
		_ = resp.Body.Close()
		t.Errorf("shut down emulator still answered %d", resp.StatusCode)
	}
}

func TestStartRequiresKey(t *testing.T) {
	t.Parallel()

	if instance, err := Start(Options{}); err == nil {
		instance.Close()
		t.Errorf("Start without an API key succeeded")
	}

	defer func() {
		if recover() == nil {
			t.Errorf("New without an API key did not panic")
		}
	}()
	New(Options{})
}

func TestStartOnRefusesOtherHosts(t *testing.T) {
	t.Parallel()

	if instance, err := StartOn("0.0.0.0:0", Options{APIKey: testKey}); err == nil {
		instance.Close()
		t.Errorf("StartOn(0.0.0.0:0) succeeded")
	}
}

func TestCheckLoopback(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		addr string
		ok   bool
	}{
		"ipv4 loopback":     {"127.0.0.1:8080", true},
		"other 127 address": {"127.0.0.2:8080", true},
		"ipv6 loopback":     {"[::1]:8080", true},
		"localhost":         {"localhost:0", true},
		"every interface":   {":8080", false},
		"unspecified ipv4":  {"0.0.0.0:8080", false},
		"unspecified ipv6":  {"[::]:8080", false},
		"private address":   {"192.168.1.10:8080", false},
		"host name":         {"example.com:8080", false},
		"no port":           {"127.0.0.1", false},
	}

	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			err := CheckLoopback(tt.addr)
			if (err == nil) != tt.ok {
				t.Errorf("CheckLoopback(%q) = %v, want ok %v", tt.addr, err, tt.ok)
			}
		})
	}
}

func TestRequestLog(t *testing.T) {
	t.Parallel()

	lines := make(chan string, 10)
	instance := startTest(t, Options{Logf: func(format string, args ...any) {
		lines <- fmt.Sprintf(format, args...)
	}})

	create(t, instance, with("users", map[string]any{
		"headers": []map[string]string{{"key": "Unipile-Auth", "value": "header-secret"}},
	}))
	call(t, instance, http.MethodGet, "/api/v1/webhooks", "", nil)
	instance.Inject(Fault{Kind: FaultStatus, Status: 429, Times: 1})
	call(t, instance, http.MethodGet, "/api/v1/webhooks", testKey, nil)

	// A line is written after its response, so lines may arrive late and
	// out of order; collect them and compare as a set.
	var got []string
	for range 3 {
		select {
		case line := <-lines:
			got = append(got, line)
		case <-time.After(10 * time.Second):
			t.Fatalf("logged only %q", got)
		}
	}
	slices.Sort(got)

	wantPrefixes := []string{
		"GET /api/v1/webhooks 401 ",
		"GET /api/v1/webhooks 429 (injected) ",
		"POST /api/v1/webhooks 201 ",
	}
	for i, prefix := range wantPrefixes {
		if !strings.HasPrefix(got[i], prefix) {
			t.Errorf("line %q, want prefix %q", got[i], prefix)
		}
		if strings.Contains(got[i], testKey) || strings.Contains(got[i], "header-secret") {
			t.Errorf("line %q leaks a secret", got[i])
		}
	}
}
