package unipile

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestNewRejectsUnusableSettings(t *testing.T) {
	t.Parallel()

	valid := Config{DSN: "api8.unipile.com:13443", APIKey: "k"}
	tests := map[string]struct {
		change func(*Config)
		want   string
	}{
		"bad dsn":               {change: func(c *Config) { c.DSN = "http://example.com" }, want: "plain http"},
		"empty key":             {change: func(c *Config) { c.APIKey = " " }, want: "API key is empty"},
		"key with a line break": {change: func(c *Config) { c.APIKey = "abc\ndef" }, want: "line break"},
		"page size too large":   {change: func(c *Config) { c.PageSize = 251 }, want: "page size"},
		"negative page size":    {change: func(c *Config) { c.PageSize = -1 }, want: "page size"},
		"negative backoff":      {change: func(c *Config) { c.MinBackoff = -time.Second }, want: "negative"},
		"min above max":         {change: func(c *Config) { c.MinBackoff, c.MaxBackoff = time.Minute, time.Second }, want: "exceeds"},
	}

	for name, test := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			cfg := valid
			test.change(&cfg)

			_, err := New(cfg)
			if err == nil || !strings.Contains(err.Error(), test.want) {
				t.Fatalf("New error = %v, want one containing %q", err, test.want)
			}

			if strings.Contains(err.Error(), "abc") {
				t.Errorf("error %q shows part of the key", err)
			}
		})
	}
}

func TestNewAppliesDefaults(t *testing.T) {
	t.Parallel()

	client, err := New(Config{DSN: "api8.unipile.com:13443", APIKey: " k \n", MaxRetries: -3})
	if err != nil {
		t.Fatalf("New: %v", err)
	}

	switch {
	case client.apiKey != "k":
		t.Errorf("apiKey = %q, want the trimmed key", client.apiKey)
	case client.maxRetries != 0:
		t.Errorf("maxRetries = %d, want 0 for a negative setting", client.maxRetries)
	case client.pageSize.Load() != MaxPageSize:
		t.Errorf("pageSize = %d", client.pageSize.Load())
	case client.minBackoff != DefaultMinBackoff || client.maxBackoff != DefaultMaxBackoff:
		t.Errorf("backoff = %s..%s", client.minBackoff, client.maxBackoff)
	case client.userAgent != DefaultUserAgent:
		t.Errorf("userAgent = %q", client.userAgent)
	case client.httpClient.Timeout != DefaultHTTPTimeout:
		t.Errorf("timeout = %s", client.httpClient.Timeout)
	}
}

func TestRequestsCarryTheirHeaders(t *testing.T) {
	t.Parallel()

	fake := newFakeUnipile(t)
	client := fake.client(t, func(cfg *Config) { cfg.UserAgent = "terraform-provider-unipile/1.2.3" })

	check := func(call string, wantBody bool) {
		t.Helper()

		req, body := fake.lastRequest()
		want := map[string]string{
			"X-Api-Key":  testAPIKey,
			"Accept":     "application/json",
			"User-Agent": "terraform-provider-unipile/1.2.3",
		}
		if wantBody {
			want["Content-Type"] = "application/json"
		}

		for name, value := range want {
			if got := req.Header.Get(name); got != value {
				t.Errorf("%s: header %s = %q, want %q", call, name, got, value)
			}
		}

		if !wantBody && (req.Header.Get("Content-Type") != "" || len(body) > 0) {
			t.Errorf("%s: sent a body or content type without a body", call)
		}
	}

	if _, err := client.List(context.Background()); err != nil {
		t.Fatalf("List: %v", err)
	}

	check("list", false)

	id, err := client.Create(context.Background(), CreateWebhookRequest{RequestURL: "https://example.com", Source: SourceMessaging})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}

	check("create", true)

	if err := client.Delete(context.Background(), id); err != nil {
		t.Fatalf("Delete: %v", err)
	}

	check("delete", false)
}

func TestDeleteEscapesTheID(t *testing.T) {
	t.Parallel()

	var gotPath string
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotPath = r.URL.EscapedPath()
		writeJSON(w, http.StatusOK, map[string]string{"object": "WebhookDeleted"})
	}))
	t.Cleanup(server.Close)

	client, err := New(Config{DSN: server.URL, APIKey: testAPIKey})
	if err != nil {
		t.Fatalf("New: %v", err)
	}

	if err := client.Delete(context.Background(), "a/b?c d#e"); err != nil {
		t.Fatalf("Delete: %v", err)
	}

	if want := "/api/v1/webhooks/a%2Fb%3Fc%20d%23e"; gotPath != want {
		t.Errorf("path = %q, want %q", gotPath, want)
	}

	for _, id := range []string{"", ".", ".."} {
		if err := client.Delete(context.Background(), id); err == nil {
			t.Errorf("Delete(%q) succeeded, want an error", id)
		}
	}
}

func TestRedirectsAreNotFollowed(t *testing.T) {
	t.Parallel()

	var leaked atomic.Bool
	elsewhere := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-API-KEY") != "" {
			leaked.Store(true)
		}
	}))
	t.Cleanup(elsewhere.Close)

	fake := newFakeUnipile(t)
	fake.inject(routeList, func(_ *fakeUnipile, w http.ResponseWriter, r *http.Request) bool {
		http.Redirect(w, r, elsewhere.URL+webhooksPath, http.StatusFound)

		return true
	})

	_, err := fake.client(t, func(cfg *Config) { cfg.HTTPClient = &http.Client{Timeout: time.Minute} }).
		List(context.Background())

	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusFound {
		t.Fatalf("List error = %v, want an APIError with status 302", err)
	}

	if leaked.Load() {
		t.Error("the API key was sent to the redirect target")
	}
}
