package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is an io.Writer the server's goroutines and the test can
// share.
type lockedBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()

	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()

	return b.buf.String()
}

func TestRunServesUntilCanceled(t *testing.T) {
	t.Parallel()

	readyFile := filepath.Join(t.TempDir(), "ready")
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()

	var stdout, stderr lockedBuffer
	exit := make(chan int, 1)
	go func() {
		exit <- run(ctx, []string{"-listen", "127.0.0.1:0", "-ready-file", readyFile, "-api-key", "k"},
			func(string) string { return "" }, &stdout, &stderr)
	}()

	url := waitForFile(t, readyFile, exit)

	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Errorf("ready file holds %q, want http://127.0.0.1:<port>", url)
	}

	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url+"/api/v1/webhooks", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-API-KEY", "k")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("list: %v", err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("list status = %d, want 200", resp.StatusCode)
	}

	cancel()
	select {
	case code := <-exit:
		if code != 0 {
			t.Errorf("exit code = %d, want 0", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("run did not return after its context ended")
	}

	if got := strings.TrimSpace(stdout.String()); got != url {
		t.Errorf("stdout = %q, want the DSN %q", got, url)
	}
	if log := stderr.String(); !strings.Contains(log, "GET /api/v1/webhooks 200 ") {
		t.Errorf("stderr does not log the request:\n%s", log)
	}
	if !strings.Contains(stderr.String(), "API key from the -api-key flag") {
		t.Errorf("stderr does not say where the key came from:\n%s", stderr.String())
	}
	if _, err := os.Stat(readyFile); !os.IsNotExist(err) {
		t.Errorf("ready file left behind after shutdown (stat error %v)", err)
	}
}

func TestRunExitCodes(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		args []string
		want int
	}{
		"help":              {args: []string{"-h"}, want: 0},
		"bad flag":          {args: []string{"-nope"}, want: 2},
		"non-loopback":      {args: []string{"-listen", "0.0.0.0:0"}, want: 2},
		"unwritable ready":  {args: []string{"-listen", "127.0.0.1:0", "-ready-file", "/nonexistent-dir/ready"}, want: 1},
		"address not valid": {args: []string{"-listen", "127.0.0.1:99999"}, want: 1},
	}

	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			var stderr lockedBuffer
			code := run(t.Context(), tt.args, func(string) string { return "" }, io.Discard, &stderr)
			if code != tt.want {
				t.Errorf("exit code = %d, want %d (stderr %q)", code, tt.want, stderr.String())
			}
		})
	}
}

// waitForFile polls for the ready file and returns its trimmed content,
// failing early if run exits first.
func waitForFile(t *testing.T, path string, exit <-chan int) string {
	t.Helper()

	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case code := <-exit:
			t.Fatalf("run exited with %d before writing the ready file", code)
		default:
		}

		if content, err := os.ReadFile(path); err == nil {
			return strings.TrimSpace(string(content))
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("ready file %s never appeared", path)

	return ""
}
