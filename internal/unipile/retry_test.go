package unipile

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestRetryAfterIsHonoured(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		retryAfter string
		// dateIn, when set, makes Retry-After an HTTP date this far ahead
		// of the moment the subtest runs, which parallel tests may delay.
		dateIn   time.Duration
		min, max time.Duration
	}{
		"delta seconds":       {retryAfter: "7", min: 7 * time.Second, max: 7 * time.Second},
		"http date":           {dateIn: 20 * time.Second, min: 15 * time.Second, max: 20 * time.Second},
		"date in the past":    {retryAfter: "Mon, 02 Jan 2006 15:04:05 GMT", min: 0, max: 0},
		"capped":              {retryAfter: "86400", min: time.Minute, max: time.Minute},
		"unreadable":          {retryAfter: "soon", min: 0, max: DefaultMinBackoff},
		"negative is ignored": {retryAfter: "-5", min: 0, max: DefaultMinBackoff},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			retryAfter := test.retryAfter
			if test.dateIn > 0 {
				retryAfter = time.Now().Add(test.dateIn).UTC().Format(http.TimeFormat)
			}

			fake := newFakeUnipile(t)
			fake.inject(routeList, respond(http.StatusTooManyRequests,
				`{"type":"errors/too_many_requests","title":"Too many requests","status":429}`,
				"Retry-After", retryAfter))

			client := fake.client(t, func(cfg *Config) { cfg.MinBackoff, cfg.MaxBackoff = DefaultMinBackoff, 30*time.Second })
			sleeper := &recordingSleep{}
			client.sleep = sleeper.sleep

			if _, err := client.List(context.Background()); err != nil {
				t.Fatalf("List: %v", err)
			}

			delays := sleeper.recorded()
			if len(delays) != 1 || delays[0] < test.min || delays[0] > test.max {
				t.Errorf("waited %v, want one wait in [%s, %s]", delays, test.min, test.max)
			}

			if pages := fake.count(routeList); pages != 2 {
				t.Errorf("made %d list requests, want 2", pages)
			}
		})
	}
}

func TestTransientFailuresAreRetried(t *testing.T) {
	t.Parallel()

	failures := map[string]fault{
		"429":             problem(http.StatusTooManyRequests, "errors/too_many_requests", "Too many requests", ""),
		"500":             problem(http.StatusInternalServerError, "errors/unexpected_error", "Unexpected error", ""),
		"502 html":        respond(http.StatusBadGateway, "<html><body>Bad gateway</body></html>"),
		"503":             problem(http.StatusServiceUnavailable, "errors/service_unavailable", "Service unavailable", ""),
		"504":             problem(http.StatusGatewayTimeout, "errors/request_timeout", "Request timeout", ""),
		"dropped":         dropConnection(),
		"cut-off success": respond(http.StatusOK, `{"items":[`, "Content-Length", "500"),
	}

	for name, failure := range failures {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			fake := newFakeUnipile(t)
			fake.seed(3)
			fake.inject(routeList, failure, failure)
			fake.inject(routeDelete, failure, failure)
			client := fake.client(t)

			got, err := client.List(context.Background())
			if err != nil || len(got) != 3 {
				t.Fatalf("List = %d webhooks, %v; want 3 after retries", len(got), err)
			}

			if err := client.Delete(context.Background(), "wh_000001"); err != nil {
				t.Fatalf("Delete: %v", err)
			}

			if lists, deletes := fake.count(routeList), fake.count(routeDelete); lists != 3 || deletes != 3 {
				t.Errorf("made %d list and %d delete requests, want 3 of each", lists, deletes)
			}
		})
	}
}

func TestRetriesStopAfterMaxRetries(t *testing.T) {
	t.Parallel()

	for _, maxRetries := range []int{0, 2} {
		t.Run(fmt.Sprintf("max retries %d", maxRetries), func(t *testing.T) {
			t.Parallel()

			fake := newFakeUnipile(t)
			for range 10 {
				fake.inject(routeList, problem(http.StatusServiceUnavailable, "errors/service_unavailable",
					"Service unavailable", "Please try again later."))
			}

			_, err := fake.client(t, func(cfg *Config) { cfg.MaxRetries = maxRetries }).List(context.Background())

			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusServiceUnavailable {
				t.Fatalf("List error = %v, want the last 503", err)
			}

			attempts := maxRetries + 1
			if want := fmt.Sprintf("gave up after %d attempts", attempts); !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not say %q", err, want)
			}

			if pages := fake.count(routeList); pages != attempts {
				t.Errorf("made %d requests, want %d", pages, attempts)
			}
		})
	}
}

func TestPermanentFailuresAreNotRetried(t *testing.T) {
	t.Parallel()

	for _, status := range []int{http.StatusBadRequest, http.StatusUnauthorized, http.StatusForbidden,
		http.StatusNotFound, http.StatusConflict, http.StatusNotImplemented} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			t.Parallel()

			fake := newFakeUnipile(t)
			fake.inject(routeList, problem(status, "errors/x", "X", ""))

			// At the default page size a 400 cannot be about the page size,
			// which TestListFallsBackToTheDefaultPageSize covers.
			client := fake.client(t, func(cfg *Config) { cfg.PageSize = DefaultPageSize })
			_, err := client.List(context.Background())

			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != status {
				t.Fatalf("List error = %v, want an APIError with status %d", err, status)
			}

			if strings.Contains(err.Error(), "gave up") {
				t.Errorf("error %q claims retries", err)
			}

			if pages := fake.count(routeList); pages != 1 {
				t.Errorf("made %d requests, want 1", pages)
			}
		})
	}
}

func TestCancelStopsTheBackoff(t *testing.T) {
	t.Parallel()

	fake := newFakeUnipile(t)
	fake.inject(routeList, problem(http.StatusServiceUnavailable, "errors/service_unavailable", "Service unavailable", ""))

	client := fake.client(t, func(cfg *Config) { cfg.MinBackoff, cfg.MaxBackoff = time.Hour, time.Hour })
	sleeping := make(chan time.Duration, 1)
	client.sleep = func(ctx context.Context, delay time.Duration) error {
		sleeping <- delay

		return sleepContext(ctx, delay)
	}

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)

	go func() {
		_, err := client.List(ctx)
		done <- err
	}()

	if delay := <-sleeping; delay <= 0 {
		t.Fatalf("the client waits %s before retrying; the test needs a real wait to cancel", delay)
	}

	cancel()

	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("List error = %v, want context.Canceled", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("List kept waiting after its context was cancelled")
	}

	if pages := fake.count(routeList); pages != 1 {
		t.Errorf("made %d requests, want 1", pages)
	}
}

func TestCancelledContextIsNotRetried(t *testing.T) {
	t.Parallel()

	ctx, cancel := context.WithCancel(context.Background())
	fake := newFakeUnipile(t)
	fake.inject(routeList, func(_ *fakeUnipile, w http.ResponseWriter, _ *http.Request) bool {
		cancel()
		w.WriteHeader(http.StatusServiceUnavailable)

		return true
	})

	_, err := fake.client(t).List(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("List error = %v, want context.Canceled", err)
	}

	if pages := fake.count(routeList); pages != 1 {
		t.Errorf("made %d requests, want 1", pages)
	}
}

func TestHTTPClientTimeoutIsRetried(t *testing.T) {
	t.Parallel()

	fake := newFakeUnipile(t)
	fake.inject(routeList, func(_ *fakeUnipile, _ http.ResponseWriter, r *http.Request) bool {
		<-r.Context().Done()

		return true
	})

	client := fake.client(t, func(cfg *Config) { cfg.HTTPClient = &http.Client{Timeout: 100 * time.Millisecond} })
	if _, err := client.List(context.Background()); err != nil {
		t.Fatalf("List: %v", err)
	}

	if pages := fake.count(routeList); pages != 2 {
		t.Errorf("made %d requests, want 2", pages)
	}
}

func TestHTTPClientTimeoutIsNotTheCallersDeadline(t *testing.T) {
	t.Parallel()

	fake := newFakeUnipile(t)
	fake.inject(routeList, func(_ *fakeUnipile, _ http.ResponseWriter, r *http.Request) bool {
		<-r.Context().Done()

		return true
	})

	client := fake.client(t, func(cfg *Config) {
		cfg.HTTPClient = &http.Client{Timeout: 50 * time.Millisecond}
		cfg.MaxRetries = 0
	})

	_, err := client.List(context.Background())
	if err == nil || errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "timeout") {
		t.Fatalf("List error = %v, want a timeout that is not context.DeadlineExceeded", err)
	}
}

func TestCertificateErrorsAreNotRetried(t *testing.T) {
	t.Parallel()

	server := httptest.NewTLSServer(http.NotFoundHandler())
	t.Cleanup(server.Close)

	client, err := New(Config{DSN: server.URL, APIKey: testAPIKey, MaxRetries: 3})
	if err != nil {
		t.Fatalf("New: %v", err)
	}

	sleeper := &recordingSleep{}
	client.sleep = sleeper.sleep

	_, err = client.List(context.Background())
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("List error = %v, want a certificate error", err)
	}

	if delays := sleeper.recorded(); len(delays) != 0 {
		t.Errorf("a certificate error was retried after %v", delays)
	}
}

func TestDeleteAfterALostResponseIsNotFound(t *testing.T) {
	t.Parallel()

	fake := newFakeUnipile(t)
	fake.seed(1)
	fake.inject(routeDelete, func(f *fakeUnipile, w http.ResponseWriter, r *http.Request) bool {
		f.serveDelete(httptest.NewRecorder(), r)
		hangUp(f.t, w)

		return true
	})

	err := fake.client(t).Delete(context.Background(), "wh_000001")
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("Delete error = %v, want ErrNotFound", err)
	}

	if deletes := fake.count(routeDelete); deletes != 2 {
		t.Errorf("made %d delete requests, want 2", deletes)
	}
}

func TestRetryDelayIsCappedFullJitter(t *testing.T) {
	t.Parallel()

	client := &Client{minBackoff: 100 * time.Millisecond, maxBackoff: time.Second}

	for retry := 1; retry <= 40; retry++ {
		ceiling := min(client.minBackoff<<min(retry-1, 10), client.maxBackoff)
		distinct := map[time.Duration]bool{}

		for range 200 {
			delay := client.retryDelay(retry, nil)
			if delay < 0 || delay > ceiling {
				t.Fatalf("retry %d waited %s, want within [0, %s]", retry, delay, ceiling)
			}

			distinct[delay] = true
		}

		if len(distinct) < 100 {
			t.Errorf("retry %d drew only %d distinct waits in 200; want jitter", retry, len(distinct))
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	t.Parallel()

	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	tests := map[string]struct {
		value  string
		want   time.Duration
		wantOK bool
	}{
		"seconds":         {value: "120", want: 2 * time.Minute, wantOK: true},
		"zero":            {value: "0", want: 0, wantOK: true},
		"padded":          {value: " 3 ", want: 3 * time.Second, wantOK: true},
		"huge":            {value: "99999999999999999", want: 24 * time.Hour, wantOK: true},
		"future date":     {value: "Sun, 01 Mar 2026 12:00:30 GMT", want: 30 * time.Second, wantOK: true},
		"past date":       {value: "Sun, 01 Mar 2026 11:00:00 GMT", want: 0, wantOK: true},
		"empty":           {value: "", wantOK: false},
		"negative":        {value: "-1", wantOK: false},
		"fraction":        {value: "1.5", wantOK: false},
		"not a date":      {value: "tomorrow", wantOK: false},
		"overflowing int": {value: "999999999999999999999999", wantOK: false},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			got, ok := parseRetryAfter(test.value, now)
			if ok != test.wantOK || got != test.want {
				t.Errorf("parseRetryAfter(%q) = %s, %t; want %s, %t", test.value, got, ok, test.want, test.wantOK)
			}
		})
	}
}
