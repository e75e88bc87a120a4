package emulator

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
)

func TestConcurrentCreatesAndLists(t *testing.T) {
	t.Parallel()

	const workers, perWorker = 16, 20

	instance := startTest(t, Options{})
	client := &http.Client{}
	t.Cleanup(client.CloseIdleConnections)

	var wg sync.WaitGroup
	errs := make(chan string, workers*perWorker*2)
	for range workers {
		wg.Go(func() {
			for range perWorker {
				if status := do(client, instance, http.MethodPost, `{"request_url":"https://a.b","source":"users"}`); status != http.StatusCreated {
					errs <- fmt.Sprintf("status %d", status)
				}
				if status := do(client, instance, http.MethodGet, ""); status != http.StatusOK {
					errs <- fmt.Sprintf("status %d", status)
				}
			}
		})
	}
	wg.Wait()
	close(errs)

	for e := range errs {
		t.Errorf("request failed: %s", e)
	}

	stored := instance.Webhooks()
	if len(stored) != workers*perWorker {
		t.Fatalf("stored %d webhooks, want %d", len(stored), workers*perWorker)
	}

	seen := map[string]bool{}
	for _, w := range stored {
		if seen[w.ID] {
			t.Errorf("id %s issued twice", w.ID)
		}
		seen[w.ID] = true
	}

	if got := instance.Count(RouteCreate) + instance.Count(RouteList); got != 2*workers*perWorker {
		t.Errorf("counted %d requests, want %d", got, 2*workers*perWorker)
	}
}

// do sends one request with keep-alives on and returns its status, or 0
// when the transport failed.
func do(client *http.Client, instance *Instance, method, body string) int {
	req, err := http.NewRequest(method, instance.URL+"/api/v1/webhooks", strings.NewReader(body))
	if err != nil {
		return 0
	}
	req.Header.Set("X-API-KEY", testKey)

	resp, err := client.Do(req)
	if err != nil {
		return 0
	}
	defer func() { _ = resp.Body.Close() }()

	// Reading the body to the end lets the connection be reused.
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return 0
	}

	return resp.StatusCode
}
